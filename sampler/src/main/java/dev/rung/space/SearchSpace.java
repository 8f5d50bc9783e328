package dev.rung.space;

import dev.rung.distributions.Distribution;
import dev.rung.distributions.IntDistribution;
import dev.rung.study.Trial;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * A search space described as data (for configuration files) rather than code: parameters with
 * conditions ("momentum only when optimizer = sgd") and per-layer groups ("width per layers").
 * {@link #suggest(Trial)} turns it into define-by-run suggestions, so every sampler handles it.
 *
 * @apiNote Parameters are suggested in dependency order (a parameter after those its condition or
 *     count refers to), then in the order given.
 */
public final class SearchSpace {
  private final List<ParamSpec> ordered;

  /**
   * A search space of {@code params}.
   *
   * @throws IllegalArgumentException when names repeat, a condition or count names an unknown
   *     parameter, a count is not an int parameter, a condition value is not a choice, or
   *     conditions form a cycle
   */
  public SearchSpace(List<ParamSpec> params) {
    Map<String, ParamSpec> byName = new LinkedHashMap<>();
    for (ParamSpec p : params) {
      if (byName.put(p.name(), p) != null) {
        throw new IllegalArgumentException("parameter '" + p.name() + "' is defined twice");
      }
    }
    for (ParamSpec p : params) {
      if (p.name().contains("{i}") && p.per() == null) {
        throw new IllegalArgumentException(
            "parameter name '" + p.name() + "' has {i} but the parameter is not repeated: set per");
      }
      for (var cond : p.when().entrySet()) {
        ParamSpec ref = byName.get(cond.getKey());
        if (ref == null) {
          throw new IllegalArgumentException(
              "parameter '"
                  + p.name()
                  + "' depends on '"
                  + cond.getKey()
                  + "', which is not in the search space "
                  + byName.keySet());
        }
        if (ref.per() != null) {
          throw new IllegalArgumentException(
              "parameter '"
                  + p.name()
                  + "' depends on '"
                  + cond.getKey()
                  + "', which is repeated per '"
                  + ref.per()
                  + "': conditions need a single"
                  + " parameter");
        }
        for (Object v : cond.getValue()) {
          checkValue(p, ref, v);
        }
      }
      if (p.per() != null) {
        ParamSpec count = byName.get(p.per());
        if (count == null) {
          throw new IllegalArgumentException(
              "parameter '"
                  + p.name()
                  + "' is repeated per '"
                  + p.per()
                  + "', which is not in the search space "
                  + byName.keySet());
        }
        if (!(count.distribution() instanceof IntDistribution i) || i.low() < 0) {
          throw new IllegalArgumentException(
              "parameter '"
                  + p.name()
                  + "' is repeated per '"
                  + p.per()
                  + "', which must be an int parameter with low >= 0, not "
                  + count.distribution().describe());
        }
      }
    }
    this.ordered = topological(params, byName);
  }

  private static void checkValue(ParamSpec p, ParamSpec ref, Object v) {
    try {
      double internal = ref.distribution().toInternal(v);
      if (!ref.distribution().contains(internal)) {
        throw new IllegalArgumentException("outside " + ref.distribution().describe());
      }
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "parameter '"
              + p.name()
              + "' depends on '"
              + ref.name()
              + "' = "
              + v
              + ", which '"
              + ref.name()
              + "' can never take ("
              + ref.distribution().describe()
              + ")");
    }
  }

  private static List<ParamSpec> topological(
      List<ParamSpec> params, Map<String, ParamSpec> byName) {
    List<ParamSpec> out = new ArrayList<>();
    Set<String> done = new HashSet<>();
    Set<String> visiting = new HashSet<>();
    for (ParamSpec p : params) {
      visit(p, byName, done, visiting, out);
    }
    return List.copyOf(out);
  }

  private static void visit(
      ParamSpec p,
      Map<String, ParamSpec> byName,
      Set<String> done,
      Set<String> visiting,
      List<ParamSpec> out) {
    if (done.contains(p.name())) {
      return;
    }
    if (!visiting.add(p.name())) {
      throw new IllegalArgumentException(
          "parameter '" + p.name() + "' depends on itself through its conditions");
    }
    List<String> deps = new ArrayList<>(p.when().keySet());
    if (p.per() != null) {
      deps.add(p.per());
    }
    for (String d : deps) {
      visit(byName.get(d), byName, done, visiting, out);
    }
    visiting.remove(p.name());
    done.add(p.name());
    out.add(p);
  }

  /** The parameters, in the order they are suggested. */
  public List<ParamSpec> params() {
    return ordered;
  }

  /** Suggests every active parameter on {@code trial} and returns the values by name. */
  public Map<String, Object> suggest(Trial trial) {
    Map<String, Object> values = new LinkedHashMap<>();
    for (ParamSpec p : ordered) {
      if (!active(p, values)) {
        continue;
      }
      if (p.per() == null) {
        values.put(p.name(), trial.suggest(p.name(), p.distribution()));
      } else {
        Object count = values.get(p.per());
        int n = count == null ? 0 : ((Number) count).intValue();
        for (int i = 0; i < n; i++) {
          values.put(p.nameAt(i), trial.suggest(p.nameAt(i), p.distribution()));
        }
      }
    }
    return values;
  }

  private static boolean active(ParamSpec p, Map<String, Object> values) {
    for (var cond : p.when().entrySet()) {
      Object v = values.get(cond.getKey());
      if (v == null || cond.getValue().stream().noneMatch(c -> same(c, v))) {
        return false;
      }
    }
    return true;
  }

  private static boolean same(Object a, Object b) {
    if (a instanceof Number x && b instanceof Number y) {
      return x.doubleValue() == y.doubleValue();
    }
    return Objects.equals(a, b);
  }

  /**
   * The most names a trial can have per parameter spec, expanded for repeated parameters (up to the
   * count's high): the columns a results table needs, with their distributions.
   */
  public Map<String, Distribution> allNames() {
    Map<String, Distribution> out = new LinkedHashMap<>();
    for (ParamSpec p : ordered) {
      if (p.per() == null) {
        out.put(p.name(), p.distribution());
      } else {
        IntDistribution count = (IntDistribution) byName(p.per()).distribution();
        for (int i = 0; i < count.high(); i++) {
          out.put(p.nameAt(i), p.distribution());
        }
      }
    }
    return out;
  }

  private ParamSpec byName(String name) {
    for (ParamSpec p : ordered) {
      if (p.name().equals(name)) {
        return p;
      }
    }
    throw new IllegalArgumentException("no parameter '" + name + "'");
  }
}
