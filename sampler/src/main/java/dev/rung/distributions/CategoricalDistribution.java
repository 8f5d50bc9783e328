package dev.rung.distributions;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/**
 * A choice among fixed values: strings, numbers or booleans. The internal representation is the
 * index of the choice.
 *
 * @param choices the choices, in order; non-empty, without duplicates
 */
public record CategoricalDistribution(List<Object> choices) implements Distribution {

  /** Validates and copies the choices. */
  public CategoricalDistribution {
    if (choices == null || choices.isEmpty()) {
      throw new IllegalArgumentException("categorical choices are empty: give at least one choice");
    }
    List<Object> copy = new ArrayList<>(choices.size());
    for (Object c : choices) {
      if (!(c == null || c instanceof String || c instanceof Number || c instanceof Boolean)) {
        throw new IllegalArgumentException(
            "categorical choice "
                + c
                + " of type "
                + c.getClass().getSimpleName()
                + " is not allowed: choices must be strings, numbers, booleans or null");
      }
      if (copy.contains(c)) {
        throw new IllegalArgumentException(
            "categorical choices "
                + choices
                + " contain "
                + c
                + " twice: choices must be distinct");
      }
      copy.add(c);
    }
    choices = Collections.unmodifiableList(copy);
  }

  /** A categorical distribution over the given choices. */
  public static CategoricalDistribution of(Object... choices) {
    return new CategoricalDistribution(Arrays.asList(choices));
  }

  /** The number of choices. */
  public int size() {
    return choices.size();
  }

  @Override
  public double toInternal(Object value) {
    int index = indexOf(value);
    if (index < 0) {
      throw new IllegalArgumentException(
          "value " + value + " is not one of the choices " + choices);
    }
    return index;
  }

  private int indexOf(Object value) {
    int index = choices.indexOf(value);
    if (index < 0 && value instanceof Number n) {
      // 1 and 1.0 name the same numeric choice, as they would in a config file.
      for (int i = 0; i < choices.size(); i++) {
        if (choices.get(i) instanceof Number c && c.doubleValue() == n.doubleValue()) {
          return i;
        }
      }
    }
    return index;
  }

  @Override
  public Object toExternal(double internal) {
    return choices.get((int) internal);
  }

  @Override
  public boolean contains(double v) {
    return v >= 0 && v < choices.size() && v == Math.rint(v);
  }

  @Override
  public boolean isSingle() {
    return choices.size() == 1;
  }

  @Override
  public String describe() {
    return "categorical" + choices;
  }
}
