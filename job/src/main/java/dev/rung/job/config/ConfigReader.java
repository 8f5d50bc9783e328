package dev.rung.job.config;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigList;
import com.typesafe.config.ConfigRenderOptions;
import com.typesafe.config.ConfigValue;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Reads typed values from a config, collecting an error (key, origin, value, what is allowed) for
 * each bad one instead of stopping at the first. Each getter returns a fallback after an error so
 * that reading can go on and report everything at once.
 */
final class ConfigReader {
  private final Config config;
  private final Config defaults;
  private final List<ConfigError> errors;

  /**
   * @param config the settings to read
   * @param defaults the default settings under the same paths
   * @param errors where errors go
   */
  ConfigReader(Config config, Config defaults, List<ConfigError> errors) {
    this.config = config;
    this.defaults = defaults;
    this.errors = errors;
  }

  Config config() {
    return config;
  }

  /** The value of {@code setting}, of its type and within what it allows, or an error recorded. */
  <T> T get(Setting<T> setting) {
    return setting.read(this);
  }

  void error(String key, String message) {
    errors.add(new ConfigError(key, origin(key), message));
  }

  void error(Declaration setting, String message) {
    error(setting.key(), message);
  }

  String origin(String key) {
    try {
      ConfigValue v = config.getValue(key);
      String d = v.origin().description();
      return d.contains("reference.conf") ? "default" : d;
    } catch (ConfigException e) {
      return null;
    }
  }

  /** Whether {@code key} holds another value than its default (numbers compared as numbers). */
  boolean changed(String key) {
    if (!config.hasPath(key)) {
      return false;
    }
    if (!defaults.hasPath(key)) {
      return true;
    }
    Object value = config.getValue(key).unwrapped();
    Object byDefault = defaults.getValue(key).unwrapped();
    if (value instanceof Number v && byDefault instanceof Number d) {
      return v.doubleValue() != d.doubleValue();
    }
    if (value instanceof String v && byDefault instanceof String d) {
      return !v.trim().equalsIgnoreCase(d.trim());
    }
    return !value.equals(byDefault);
  }

  /** Whether {@code setting} holds another value than its default. */
  boolean changed(Setting<?> setting) {
    return changed(setting.key());
  }

  /** The value of {@code setting} as written in HOCON, for messages. */
  String shown(Setting<?> setting) {
    return shown(setting.key());
  }

  /** The value at {@code key} as written in HOCON, for messages. */
  String shown(String key) {
    try {
      return config.getValue(key).render(ConfigRenderOptions.concise());
    } catch (ConfigException e) {
      return "(missing)";
    }
  }

  String string(String key) {
    try {
      return config.getString(key);
    } catch (ConfigException.Missing e) {
      error(key, "is missing");
    } catch (ConfigException.WrongType e) {
      error(key, "is " + shown(key) + ", expected a string");
    }
    return "";
  }

  /** A string that must be one of {@code allowed} (case-insensitive); returned in lower case. */
  String oneOf(String key, String... allowed) {
    String v = string(key).toLowerCase(Locale.ROOT);
    for (String a : allowed) {
      if (a.equals(v)) {
        return v;
      }
    }
    if (!v.isEmpty() || !errorsFor(key)) {
      String hint = DidYouMean.closest(v, List.of(allowed));
      error(
          key,
          "is '"
              + v
              + "', expected one of "
              + String.join(", ", allowed)
              + (hint != null ? " (did you mean '" + hint + "'?)" : ""));
    }
    return allowed[0];
  }

  /** Whether an error was already reported for one of {@code declared} or a key under one. */
  boolean hasError(Declaration... declared) {
    for (Declaration d : declared) {
      if (errors.stream()
          .anyMatch(e -> e.key().equals(d.key()) || e.key().startsWith(d.key() + "."))) {
        return true;
      }
    }
    return false;
  }

  /**
   * One of {@code names} as written, or "" (its meaning {@code empty}, e.g. "for your own files");
   * anything else is an error, returned as it is.
   */
  String nameOrEmpty(String key, List<String> names, String empty) {
    String v = string(key);
    if (!v.isEmpty() && !names.contains(v)) {
      String hint = DidYouMean.closest(v, names);
      error(
          key,
          "is '"
              + v
              + "', expected one of "
              + names
              + " or \"\" "
              + empty
              + (hint != null ? " (did you mean '" + hint + "'?)" : ""));
    }
    return v;
  }

  private boolean errorsFor(String key) {
    return errors.stream().anyMatch(e -> e.key().equals(key));
  }

  /** A whole number in {@code [min, max]}; a fraction such as 2.5 is an error, not truncated. */
  int integer(String key, int min, int max) {
    String range = " in [" + min + ", " + max + "]";
    Long v = whole(key, config.hasPath(key) ? config.getValue(key) : null, key, range);
    if (v == null) {
      return min;
    }
    if (v < min || v > max) {
      error(key, "is " + shown(key) + ", expected a whole number" + range);
      return (int) Math.max(min, Math.min(max, v));
    }
    return v.intValue();
  }

  /** A whole number; a fraction is an error, not truncated. */
  long longValue(String key) {
    Long v = whole(key, config.hasPath(key) ? config.getValue(key) : null, key, "");
    return v == null ? 0 : v;
  }

  /**
   * A whole number of at least {@code min} ({@code note} saying what that means, e.g. "0 = no
   * limit"); below it is an error, read as {@code min}.
   */
  long longValue(String key, long min, String note) {
    long v = longValue(key);
    if (v < min) {
      error(key, "is " + v + ", expected >= " + min + " (" + note + ")");
      return min;
    }
    return v;
  }

  /**
   * The whole number {@code value} holds (a number, or a string of one, as HOCON allows), or null
   * after reporting under {@code key} why it is not one; {@code what} names it in the message and
   * {@code range} follows "a whole number" there.
   */
  private Long whole(String key, ConfigValue value, String what, String range) {
    if (value == null) {
      error(key, "is missing");
      return null;
    }
    Object raw = value.unwrapped();
    double d = Double.NaN;
    if (raw instanceof Integer || raw instanceof Long) {
      return ((Number) raw).longValue();
    } else if (raw instanceof Number n) {
      d = n.doubleValue();
    } else if (raw instanceof String text) {
      try {
        return Long.parseLong(text.trim());
      } catch (NumberFormatException e) {
        try {
          d = Double.parseDouble(text.trim());
        } catch (NumberFormatException notANumber) {
          // reported below
        }
      }
    }
    // Beyond 2^63 a double is still whole, but no setting counts that far.
    if (d != Math.rint(d) || Math.abs(d) >= 0x1p63) {
      error(
          key,
          (what.equals(key) ? "is " : what + " is ")
              + value.render(ConfigRenderOptions.concise())
              + ", expected a whole number"
              + range);
      return null;
    }
    return (long) d;
  }

  double number(String key, double min, double max) {
    try {
      double v = config.getDouble(key);
      if (!(Double.isFinite(v) && v >= min && v <= max)) {
        error(
            key,
            "is "
                + v
                + (Double.isFinite(v)
                    ? ", expected a number in ["
                    : ", expected a finite number in [")
                + min
                + ", "
                + (max == Double.POSITIVE_INFINITY ? "..." : max)
                + "]");
        return min;
      }
      return v;
    } catch (ConfigException.Missing e) {
      error(key, "is missing");
    } catch (ConfigException.WrongType e) {
      error(key, "is " + shown(key) + ", expected a number");
    }
    return min;
  }

  /** A finite number, or {@code none} (any case), which gives {@code none}. */
  double numberOrNone(String key, double none) {
    try {
      Object v = config.getValue(key).unwrapped();
      if (v instanceof String text && text.trim().equalsIgnoreCase("none")) {
        return none;
      }
      double d = config.getDouble(key);
      if (Double.isFinite(d)) {
        return d;
      }
    } catch (ConfigException.Missing e) {
      error(key, "is missing");
      return none;
    } catch (ConfigException.WrongType e) {
      // reported below
    }
    error(key, "is " + shown(key) + ", expected a number or none");
    return none;
  }

  /** {@code auto}, read as NaN, or a finite number in {@code [min, max]}. */
  double numberOrAuto(String key, double min, double max) {
    String allowed = "expected auto or a number in [" + min + ", " + max + "]";
    try {
      Object v = config.getValue(key).unwrapped();
      if (v instanceof String text && text.trim().equalsIgnoreCase("auto")) {
        return Double.NaN;
      }
      double d = config.getDouble(key);
      if (Double.isFinite(d) && d >= min && d <= max) {
        return d;
      }
      error(key, "is " + d + ", " + allowed);
      return Double.NaN;
    } catch (ConfigException.Missing e) {
      error(key, "is missing");
      return Double.NaN;
    } catch (ConfigException.WrongType e) {
      error(key, "is " + shown(key) + ", " + allowed);
      return Double.NaN;
    }
  }

  /**
   * {@code auto}, read as 0, or a whole number in {@code [min, max]} ({@code min >= 1}), read as
   * {@link #integer} reads one.
   */
  int integerOrAuto(String key, int min, int max) {
    ConfigValue value = config.hasPath(key) ? config.getValue(key) : null;
    if (value != null
        && value.unwrapped() instanceof String text
        && text.trim().equalsIgnoreCase("auto")) {
      return 0;
    }
    String range = " in [" + min + ", " + max + "] or auto";
    Long v = whole(key, value, key, range);
    if (v == null) {
      return 0;
    }
    if (v < min || v > max) {
      error(key, "is " + shown(key) + ", expected a whole number" + range);
      return 0;
    }
    return v.intValue();
  }

  boolean bool(String key) {
    try {
      return config.getBoolean(key);
    } catch (ConfigException.Missing e) {
      error(key, "is missing");
    } catch (ConfigException.WrongType e) {
      error(key, "is " + shown(key) + ", expected true or false");
    }
    return false;
  }

  /** A duration such as {@code 90s}, {@code 2h}; a plain 0 means none (returned as null). */
  Duration duration(String key) {
    try {
      if (config.getValue(key).unwrapped() instanceof Number n && n.doubleValue() == 0) {
        return null;
      }
      Duration d = config.getDuration(key);
      if (d.isNegative()) {
        error(key, "is " + shown(key) + ", expected a positive duration such as 30m or 2h");
        return null;
      }
      return d.isZero() ? null : d;
    } catch (ConfigException.Missing e) {
      error(key, "is missing");
    } catch (ConfigException.WrongType | ConfigException.BadValue e) {
      error(key, "is " + shown(key) + ", expected a duration such as 30m, 2h or 0 for none");
    }
    return null;
  }

  /** A list of whole numbers; a fraction in it is an error, not truncated. */
  List<Integer> integers(String key) {
    List<Integer> out = new ArrayList<>();
    try {
      ConfigList list = config.getList(key);
      for (int i = 0; i < list.size(); i++) {
        Long v = whole(key, list.get(i), "element " + (i + 1), "");
        if (v == null) {
          return new ArrayList<>();
        }
        if (v < Integer.MIN_VALUE || v > Integer.MAX_VALUE) {
          error(key, "element " + (i + 1) + " is " + v + ", too large for a size");
          return new ArrayList<>();
        }
        out.add(v.intValue());
      }
    } catch (ConfigException.Missing e) {
      error(key, "is missing");
    } catch (ConfigException.WrongType e) {
      error(key, "is " + shown(key) + ", expected a list of whole numbers");
    }
    return out;
  }

  List<String> strings(String key) {
    try {
      return config.getStringList(key);
    } catch (ConfigException.Missing e) {
      error(key, "is missing");
    } catch (ConfigException.WrongType e) {
      try {
        return List.of(config.getString(key));
      } catch (ConfigException.WrongType e2) {
        error(key, "is " + shown(key) + ", expected a list of strings");
      }
    }
    return new ArrayList<>();
  }

  /** A list of finite numbers. */
  List<Double> doubles(String key) {
    List<Double> out = new ArrayList<>();
    try {
      for (Number n : config.getNumberList(key)) {
        if (!Double.isFinite(n.doubleValue())) {
          error(key, "holds " + n + ", expected finite numbers");
          return new ArrayList<>();
        }
        out.add(n.doubleValue());
      }
    } catch (ConfigException.Missing e) {
      error(key, "is missing");
    } catch (ConfigException.WrongType e) {
      error(key, "is " + shown(key) + ", expected a list of numbers");
    }
    return out;
  }
}
