package dev.rung.training.space;

import dev.rung.distributions.CategoricalDistribution;
import dev.rung.distributions.Distribution;
import dev.rung.distributions.FloatDistribution;
import dev.rung.distributions.IntDistribution;
import java.util.ArrayList;
import java.util.List;

/**
 * One parameter of a declarative search space: its name, its distribution, and the conditions (all
 * must hold) under which it is active.
 */
public record ParamEntry(String name, Distribution distribution, List<Condition> conditions)
    implements SpaceEntry {

  public ParamEntry {
    if (name == null || name.isBlank()) {
      throw new IllegalArgumentException("a search-space parameter needs a non-empty name");
    }
    if (distribution == null) {
      throw new IllegalArgumentException("parameter '" + name + "' needs a distribution");
    }
    conditions = conditions == null ? List.of() : List.copyOf(conditions);
  }

  /** A float in {@code [low, high]}, log-uniform when {@code log}. */
  public static ParamEntry floatParam(String name, double low, double high, boolean log) {
    return new ParamEntry(
        name, checked(name, () -> new FloatDistribution(low, high, log, 0)), null);
  }

  /** A float on the grid {@code low, low + step, ...}. */
  public static ParamEntry floatParam(String name, double low, double high, double step) {
    return new ParamEntry(
        name, checked(name, () -> FloatDistribution.stepped(low, high, step)), null);
  }

  /** An int in {@code [low, high]}, log-uniform when {@code log}, on a grid of {@code step}. */
  public static ParamEntry intParam(String name, int low, int high, boolean log, int step) {
    return new ParamEntry(
        name, checked(name, () -> new IntDistribution(low, high, log, step)), null);
  }

  /** An int uniformly in {@code [low, high]}. */
  public static ParamEntry intParam(String name, int low, int high) {
    return intParam(name, low, high, false, 1);
  }

  /** One of {@code choices}. */
  public static ParamEntry categorical(String name, List<?> choices) {
    return new ParamEntry(
        name, checked(name, () -> new CategoricalDistribution(List.copyOf(choices))), null);
  }

  /** One of {@code choices}. */
  public static ParamEntry categorical(String name, Object... choices) {
    return categorical(name, List.of(choices));
  }

  /** This entry, active only when {@code param} takes one of {@code values} as well. */
  public ParamEntry when(String param, Object... values) {
    List<Condition> c = new ArrayList<>(conditions);
    c.add(Condition.of(param, values));
    return new ParamEntry(name, distribution, c);
  }

  private static Distribution checked(String name, java.util.function.Supplier<Distribution> make) {
    try {
      return make.get();
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "search-space parameter '" + name + "': " + e.getMessage(), e);
    }
  }
}
