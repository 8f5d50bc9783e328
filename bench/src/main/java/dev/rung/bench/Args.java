package dev.rung.bench;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** {@code --key value} and {@code --flag} options of a benchmark command. */
public final class Args {
  private final Map<String, String> values = new HashMap<>();

  public Args(String[] args, List<String> flags) {
    for (int i = 0; i < args.length; i++) {
      String a = args[i];
      if (!a.startsWith("--")) {
        throw new IllegalArgumentException(
            "unexpected argument '" + a + "': options start with --");
      }
      String key = a.substring(2);
      if (flags.contains(key)) {
        values.put(key, "true");
      } else if (i + 1 < args.length) {
        values.put(key, args[++i]);
      } else {
        throw new IllegalArgumentException("option --" + key + " needs a value");
      }
    }
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

  public boolean flag(String key) {
    return values.containsKey(key);
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
