package dev.rung.training.space;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Makes a parameter active only when an earlier parameter took one of some values, e.g. {@code
 * momentum} only when {@code optimizer = sgd}. Inside a {@link RepeatedGroup}, the parameter name
 * may contain {@code {i}} to refer to the same repetition.
 *
 * @param param the earlier parameter
 * @param values the values that make the dependent parameter active (numbers compare by value)
 */
public record Condition(String param, List<Object> values) {
  public Condition {
    if (param == null || param.isBlank()) {
      throw new IllegalArgumentException("a condition needs the name of the parameter it tests");
    }
    if (values == null || values.isEmpty()) {
      throw new IllegalArgumentException(
          "condition on '" + param + "' needs at least one value that makes it true");
    }
    values = List.copyOf(values);
  }

  /** {@code param} equal to one of {@code values}. */
  public static Condition of(String param, Object... values) {
    return new Condition(param, List.of(values));
  }

  /** The same condition with {@code {i}} in the parameter name replaced by {@code index}. */
  Condition forIndex(int index) {
    return new Condition(RepeatedGroup.expand(param, index), values);
  }

  /** Whether the condition holds for the parameters chosen so far (false if param is absent). */
  public boolean holds(Map<String, Object> chosen) {
    if (!chosen.containsKey(param)) {
      return false;
    }
    Object actual = chosen.get(param);
    for (Object v : values) {
      if (Objects.equals(v, actual)) {
        return true;
      }
      if (v instanceof Number a
          && actual instanceof Number b
          && a.doubleValue() == b.doubleValue()) {
        return true;
      }
      if (v instanceof String s && actual != null && !(actual instanceof String)) {
        if (s.equals(String.valueOf(actual))) {
          return true;
        }
      }
    }
    return false;
  }

  @Override
  public String toString() {
    return param + (values.size() == 1 ? " = " + values.get(0) : " in " + values);
  }
}
