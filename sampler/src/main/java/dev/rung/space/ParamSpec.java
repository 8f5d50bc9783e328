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

  public ParamSpec {
    if (name == null || !name.matches("[A-Za-z]([A-Za-z0-9_.-]|\\{i\\})*")) {
      throw new IllegalArgumentException(
          "parameter name '"
              + name
              + "' is not allowed: use letters, digits, '_', '-' or '.',"
              + " starting with a letter ({i} marks the index of a repeated parameter)");
    }
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

  /** The name of the copy number {@code index} of a repeated parameter. */
  public String nameAt(int index) {
    return name.contains("{i}") ? name.replace("{i}", Integer.toString(index)) : name + "_" + index;
  }
}
