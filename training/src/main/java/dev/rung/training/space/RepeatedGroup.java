package dev.rung.training.space;

import java.util.ArrayList;
import java.util.List;

/**
 * Parameters repeated once per layer: for {@code i = 0 .. count - 1}, where {@code count} is the
 * value of an earlier int parameter, every entry is suggested with {@code {i}} in its name replaced
 * by {@code i} ({@code conv_{i}_channels} gives {@code conv_0_channels}, {@code conv_1_channels},
 * ...).
 *
 * @param countParam the earlier int parameter that gives the number of repetitions
 * @param params the repeated parameters; each name contains {@code {i}}
 * @param conditions when the whole group is active
 */
public record RepeatedGroup(String countParam, List<ParamEntry> params, List<Condition> conditions)
    implements SpaceEntry {
  /** The placeholder for the repetition index. */
  public static final String INDEX = "{i}";

  public RepeatedGroup {
    if (countParam == null || countParam.isBlank()) {
      throw new IllegalArgumentException("a repeated group needs the name of its count parameter");
    }
    if (params == null || params.isEmpty()) {
      throw new IllegalArgumentException(
          "the group repeated by '" + countParam + "' has no parameters");
    }
    for (ParamEntry p : params) {
      if (!p.name().contains(INDEX)) {
        throw new IllegalArgumentException(
            "parameter '"
                + p.name()
                + "' of the group repeated by '"
                + countParam
                + "' must contain "
                + INDEX
                + " in its name (e.g. 'conv_{i}_channels')");
      }
    }
    params = List.copyOf(params);
    conditions = conditions == null ? List.of() : List.copyOf(conditions);
  }

  /** A group repeated {@code countParam} times. */
  public static RepeatedGroup of(String countParam, ParamEntry... params) {
    return new RepeatedGroup(countParam, List.of(params), List.of());
  }

  /** This group, active only when {@code param} takes one of {@code values} as well. */
  public RepeatedGroup when(String param, Object... values) {
    List<Condition> c = new ArrayList<>(conditions);
    c.add(Condition.of(param, values));
    return new RepeatedGroup(countParam, params, c);
  }

  static String expand(String name, int index) {
    return name.replace(INDEX, Integer.toString(index));
  }
}
