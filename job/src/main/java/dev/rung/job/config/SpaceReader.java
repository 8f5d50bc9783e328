package dev.rung.job.config;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigList;
import com.typesafe.config.ConfigObject;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueFactory;
import com.typesafe.config.ConfigValueType;
import dev.rung.distributions.CategoricalDistribution;
import dev.rung.distributions.Distribution;
import dev.rung.distributions.FloatDistribution;
import dev.rung.distributions.IntDistribution;
import dev.rung.space.ParamSpec;
import dev.rung.space.SearchSpace;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Reads the {@code space} section: one object per parameter with {@code type} (float, int,
 * categorical), {@code low}/{@code high} and optional {@code log}/{@code step}, or {@code choices};
 * optional {@code when { other = value }} (or a list of values) and {@code per = countParam}.
 */
final class SpaceReader {
  private static final List<String> FIELDS =
      List.of("type", "low", "high", "log", "step", "choices", "when", "per");

  private SpaceReader() {}

  /**
   * A search space as read, with the key each parameter was written under.
   *
   * @param space the space (empty when it could not be built)
   * @param keys each parameter's key by its name (a per-layer template such as {@code
   *     mlp_{i}_width} for a group's member)
   */
  record Read(SearchSpace space, Map<String, String> keys) {
    static final Read EMPTY = new Read(new SearchSpace(List.of()), Map.of());

    /** The key of the parameter named {@code name}. */
    String key(String name) {
      return keys.get(name);
    }
  }

  static Read read(ConfigReader r, String key) {
    Config root = r.config();
    if (!root.hasPath(key)) {
      return Read.EMPTY;
    }
    ConfigObject space;
    try {
      space = root.getObject(key);
    } catch (ConfigException.WrongType e) {
      r.error(
          key,
          "must be an object of parameters, e.g. lr { type = float, low = 1e-4,"
              + " high = 0.1, log = true }");
      return Read.EMPTY;
    }
    List<ParamSpec> params = new ArrayList<>();
    Map<String, String> keys = new LinkedHashMap<>();
    for (String name : new TreeSet<>(space.keySet())) {
      String pk = key + "." + quoted(name);
      ConfigValue v = space.get(name);
      if (v.valueType() != ConfigValueType.OBJECT) {
        r.error(
            pk, "must be an object such as { type = int, low = 1, high = 4 }, got " + v.render());
        continue;
      }
      ConfigObject obj = (ConfigObject) v;
      Map<String, ParamSpec> byKey = new LinkedHashMap<>();
      if (obj.containsKey("params")) {
        byKey = group(r, pk, name, obj);
      } else {
        ParamSpec spec = param(r, pk, name, obj);
        if (spec != null) {
          byKey.put(pk, spec);
        }
      }
      byKey.forEach(
          (k, spec) -> {
            params.add(spec);
            keys.putIfAbsent(spec.name(), k);
          });
    }
    try {
      return new Read(new SearchSpace(params), keys);
    } catch (IllegalArgumentException e) {
      r.error(key, e.getMessage());
      return Read.EMPTY;
    }
  }

  /**
   * A group of per-layer parameters: {@code conv { per = cnn_layers, params { channels {...} } }}
   * gives {@code conv_0_channels, conv_1_channels, ...}.
   */
  private static Map<String, ParamSpec> group(
      ConfigReader r, String pk, String name, ConfigObject obj) {
    Map<String, ParamSpec> out = new LinkedHashMap<>();
    for (String field : obj.keySet()) {
      if (!List.of("per", "params", "when").contains(field)) {
        r.error(pk + "." + field, "is not a group field; allowed: [per, params, when]");
      }
    }
    if (!obj.containsKey("per")) {
      r.error(
          pk,
          "is a group of parameters (it has params) but no 'per': name the int"
              + " parameter that counts the layers, e.g. per = cnn_layers");
      return out;
    }
    String per = obj.get("per").unwrapped().toString();
    if (obj.get("params").valueType() != ConfigValueType.OBJECT) {
      r.error(pk + ".params", "must be an object of parameters");
      return out;
    }
    ConfigObject members = (ConfigObject) obj.get("params");
    for (String member : new TreeSet<>(members.keySet())) {
      ConfigValue mv = members.get(member);
      String mk = pk + ".params." + quoted(member);
      if (mv.valueType() != ConfigValueType.OBJECT) {
        r.error(mk, "must be an object such as { type = int, low = 1, high = 4 }");
        continue;
      }
      ConfigObject m = (ConfigObject) mv;
      if (obj.containsKey("when")) {
        m = m.withValue("when", obj.get("when"));
      }
      ParamSpec spec =
          param(
              r,
              mk,
              name + "_{i}_" + member,
              m.withValue("per", ConfigValueFactory.fromAnyRef(per)));
      if (spec != null) {
        out.put(mk, spec);
      }
    }
    return out;
  }

  private static String quoted(String name) {
    return name.matches("[A-Za-z0-9_-]+") ? name : "\"" + name + "\"";
  }

  private static ParamSpec param(ConfigReader r, String pk, String name, ConfigObject obj) {
    for (String field : obj.keySet()) {
      if (!FIELDS.contains(field)) {
        String hint = DidYouMean.closest(field, FIELDS);
        r.error(
            pk + "." + field,
            "is not a parameter field; allowed: "
                + FIELDS
                + (hint != null ? " (did you mean '" + hint + "'?)" : ""));
      }
    }
    Config c = obj.toConfig();
    String type = c.hasPath("type") ? c.getValue("type").unwrapped().toString() : "";
    Distribution d;
    try {
      d =
          switch (type) {
            case "float" -> floats(c);
            case "int" -> ints(c);
            case "categorical" -> new CategoricalDistribution(choices(c));
            default ->
                throw new IllegalArgumentException(
                    (type.isEmpty() ? "has no type" : "has type '" + type + "'")
                        + "; expected type = float, int or categorical");
          };
    } catch (IllegalArgumentException | ConfigException e) {
      r.error(pk, message(e));
      return null;
    }
    Map<String, List<Object>> when = new LinkedHashMap<>();
    if (c.hasPath("when")) {
      try {
        for (var e : c.getObject("when").entrySet()) {
          Object u = e.getValue().unwrapped();
          when.put(e.getKey(), u instanceof List<?> l ? new ArrayList<Object>(l) : List.of(u));
        }
      } catch (ConfigException e) {
        r.error(
            pk + ".when",
            "must be an object such as { optimizer = sgd } or" + " { optimizer = [sgd, rmsprop] }");
      }
    }
    String per = null;
    if (c.hasPath("per")) {
      per = c.getValue("per").unwrapped().toString();
    }
    try {
      return new ParamSpec(name, d, when, per);
    } catch (IllegalArgumentException e) {
      r.error(pk, e.getMessage());
      return null;
    }
  }

  private static String message(Exception e) {
    if (e instanceof ConfigException.Missing) {
      return "is missing a field: " + e.getMessage().replaceFirst("^.*?: ", "");
    }
    if (e instanceof ConfigException.WrongType) {
      return "has a field of the wrong type: " + e.getMessage().replaceFirst("^.*?: ", "");
    }
    return e.getMessage();
  }

  private static double number(Config c, String field) {
    if (!c.hasPath(field)) {
      throw new IllegalArgumentException("needs '" + field + "'");
    }
    try {
      return c.getDouble(field);
    } catch (ConfigException.WrongType e) {
      throw new IllegalArgumentException(
          "'" + field + "' is " + c.getValue(field).render() + ", expected a number");
    }
  }

  private static int integer(Config c, String field) {
    double v = number(c, field);
    if (v != Math.rint(v)) {
      throw new IllegalArgumentException(
          "'" + field + "' is " + c.getValue(field).render() + ", expected a whole number");
    }
    if (Math.abs(v) > Integer.MAX_VALUE) {
      throw new IllegalArgumentException(
          "'" + field + "' is " + c.getValue(field).render() + ", beyond the int range");
    }
    return (int) v;
  }

  private static FloatDistribution floats(Config c) {
    double low = number(c, "low");
    double high = number(c, "high");
    double step = c.hasPath("step") ? number(c, "step") : 0;
    checkStep(low, high, step);
    return new FloatDistribution(low, high, c.hasPath("log") && c.getBoolean("log"), step);
  }

  private static IntDistribution ints(Config c) {
    int low = integer(c, "low");
    int high = integer(c, "high");
    int step = c.hasPath("step") ? integer(c, "step") : 1;
    checkStep(low, high, step);
    return new IntDistribution(low, high, c.hasPath("log") && c.getBoolean("log"), step);
  }

  /** A step wider than the range leaves only {@code low} to draw: surely not what was meant. */
  private static void checkStep(double low, double high, double step) {
    if (step > 0 && low < high && step > high - low) {
      throw new IllegalArgumentException(
          "step "
              + shown(step)
              + " is larger than the range ["
              + shown(low)
              + ", "
              + shown(high)
              + "], so only low = "
              + shown(low)
              + " could be drawn: give a step of at most high - low = "
              + shown(high - low));
    }
  }

  /** A number as written in a sweep file: 3 rather than 3.0. */
  private static String shown(double v) {
    return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
  }

  private static List<Object> choices(Config c) {
    if (!c.hasPath("choices")) {
      throw new IllegalArgumentException("needs 'choices', e.g. choices = [adam, sgd]");
    }
    ConfigValue v = c.getValue("choices");
    if (!(v instanceof ConfigList list)) {
      throw new IllegalArgumentException(
          "'choices' is " + v.render() + ", expected a list such as [adam, sgd]");
    }
    List<Object> out = new ArrayList<>();
    for (ConfigValue item : list) {
      out.add(item.unwrapped());
    }
    return out;
  }
}
