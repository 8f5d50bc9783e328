package dev.rung.space;

import dev.rung.distributions.Distribution;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One parameter of a declarative search space.
 *
 * @param name the parameter's name; with {@code per}, a template: {@code {i}} in it is replaced by
 *     the copy's index ({@code conv_{i}_channels} gives {@code conv_0_channels}, ...), and a name
 *     without {@code {i}} gets {@code _0, _1, ...} appended
 * @param distribution its range
 * @param when the parameter is only active when each named parameter has one of the listed values
 *     (e.g. {@code momentum} only when {@code optimizer} is {@code sgd}); empty = always active
 * @param per the name of an int parameter giving how many copies to suggest (one per layer), or
 *     null for a single parameter
 */
public record ParamSpec(
    String name, Distribution distribution, Map<String, List<Object>> when, String per) {

  /**
   * The longest parameter name allowed. A name becomes a column of the results tables and is
   * printed with every trial; 100 characters is far more than a descriptive name needs.
   */
  public static final int MAX_NAME_LENGTH = 100;

  private static final String INDEX = "{i}";

  public ParamSpec {
    checkName(name);
    Map<String, List<Object>> copy = new LinkedHashMap<>();
    for (var e : when.entrySet()) {
      if (e.getValue().isEmpty()) {
        throw new IllegalArgumentException(
            "parameter '" + name + "': condition on '" + e.getKey() + "' lists no values");
      }
      copy.put(e.getKey(), Collections.unmodifiableList(new ArrayList<>(e.getValue())));
    }
    when = Collections.unmodifiableMap(copy);
  }

  /**
   * Letters, digits, '_', '-', '.' and {@code {i}}, starting with a letter, at most {@link
   * #MAX_NAME_LENGTH} characters. Checked by a loop: a regular expression with a repeated group
   * recurses once per character and overflows the stack on a long name.
   */
  private static void checkName(String name) {
    if (name == null || name.isEmpty()) {
      throw new IllegalArgumentException("a parameter needs a name");
    }
    if (name.length() > MAX_NAME_LENGTH) {
      throw new IllegalArgumentException(
          "parameter name '"
              + name.substring(0, 40)
              + "...' has "
              + name.length()
              + " characters: at most "
              + MAX_NAME_LENGTH
              + " are allowed");
    }
    boolean valid = isLetter(name.charAt(0));
    for (int i = 1; valid && i < name.length(); i++) {
      if (name.startsWith(INDEX, i)) {
        i += INDEX.length() - 1;
      } else {
        char c = name.charAt(i);
        valid = isLetter(c) || (c >= '0' && c <= '9') || c == '_' || c == '-' || c == '.';
      }
    }
    if (!valid) {
      throw new IllegalArgumentException(
          "parameter name '"
              + name
              + "' is not allowed: use letters, digits, '_', '-' or '.',"
              + " starting with a letter ({i} marks the index of a repeated parameter)");
    }
  }

  private static boolean isLetter(char c) {
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
  }

  /** A parameter that is always active. */
  public static ParamSpec of(String name, Distribution distribution) {
    return new ParamSpec(name, distribution, Map.of(), null);
  }

  /** This parameter, active only when {@code param} takes one of {@code values}. */
  public ParamSpec when(String param, Object... values) {
    Map<String, List<Object>> w = new LinkedHashMap<>(when);
    w.put(param, List.of(values));
    return new ParamSpec(name, distribution, w, per);
  }

  /** This parameter, repeated once per unit of the int parameter {@code count}. */
  public ParamSpec per(String count) {
    return new ParamSpec(name, distribution, when, count);
  }

  /**
   * The names this parameter gives, with {@code {i}} where a repeated parameter's copies have their
   * index ({@code conv_{i}_channels}, {@code width_{i}}); the name itself for a single parameter.
   */
  public String template() {
    return per == null || name.contains(INDEX) ? name : name + "_" + INDEX;
  }

  /** The name of the copy number {@code index} of a repeated parameter. */
  public String nameAt(int index) {
    return name.contains(INDEX) ? name.replace(INDEX, Integer.toString(index)) : name + "_" + index;
  }
}
