package dev.rung.bench;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code --key value} and {@code --flag} options of a benchmark command. An option the command does
 * not know is an error naming it and the known ones: a misspelt option is never silently ignored.
 */
public final class Args {
  private final Map<String, String> values = new HashMap<>();

  /**
   * @param flags the options that take no value
   * @param options the options that take one value
   */
  public Args(String[] args, List<String> flags, List<String> options) {
    for (int i = 0; i < args.length; i++) {
      String a = args[i];
      if (!a.startsWith("--")) {
        throw new IllegalArgumentException(
            "unexpected argument '" + a + "': options start with --");
      }
      String key = a.substring(2);
      if (flags.contains(key)) {
        values.put(key, "true");
      } else if (!options.contains(key)) {
        throw new IllegalArgumentException(
            "unknown option --" + key + ": known are " + known(options, flags));
      } else if (i + 1 < args.length) {
        values.put(key, args[++i]);
      } else {
        throw new IllegalArgumentException("option --" + key + " needs a value");
      }
    }
  }

  private static String known(List<String> options, List<String> flags) {
    List<String> all = new ArrayList<>();
    options.forEach(o -> all.add("--" + o + " VALUE"));
    flags.forEach(f -> all.add("--" + f));
    return all.isEmpty() ? "none" : String.join(", ", all);
  }

  public String get(String key, String fallback) {
    return values.getOrDefault(key, fallback);
  }

  public int getInt(String key, int fallback) {
    String v = values.get(key);
    try {
      return v == null ? fallback : Integer.parseInt(v);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          "option --" + key + " is '" + v + "': expected an integer");
    }
  }

  public double getDouble(String key, double fallback) {
    String v = values.get(key);
    try {
      return v == null ? fallback : Double.parseDouble(v);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("option --" + key + " is '" + v + "': expected a number");
    }
  }

  public boolean getBoolean(String key, boolean fallback) {
    String v = values.get(key);
    return v == null ? fallback : bool("option --" + key, v);
  }

  /** {@code v} as true or false; anything else is an error naming {@code what}. */
  public static boolean bool(String what, String v) {
    return switch (v) {
      case "true" -> true;
      case "false" -> false;
      default ->
          throw new IllegalArgumentException(what + " is '" + v + "': expected true or false");
    };
  }

  /** Whether the option was given (with a value, or as a flag). */
  public boolean has(String key) {
    return values.containsKey(key);
  }

  /** Whether the flag was given. */
  public boolean flag(String key) {
    return has(key);
  }

  /** A comma-separated list of integers; an entry that is not one is an error naming the option. */
  public List<Integer> intList(String key, String fallback) {
    List<Integer> out = new ArrayList<>();
    for (String s : list(key, fallback)) {
      try {
        out.add(Integer.parseInt(s));
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException(
            "option --" + key + " has '" + s + "': expected comma-separated integers");
      }
    }
    return out;
  }

  public List<String> list(String key, String fallback) {
    List<String> out = new ArrayList<>();
    for (String s : get(key, fallback).split(",")) {
      if (!s.isBlank()) {
        out.add(s.trim());
      }
    }
    return out;
  }
}
