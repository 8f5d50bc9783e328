package dev.rung.training.params;

import dev.rung.distributions.CategoricalDistribution;
import dev.rung.distributions.Distribution;
import dev.rung.distributions.FloatDistribution;
import dev.rung.distributions.IntDistribution;
import java.util.Arrays;
import java.util.List;

/**
 * Where a network's hyperparameters come from: a live {@link dev.rung.study.Trial} that samples
 * them ({@link TrialParams}), or parameters already chosen elsewhere ({@link FixedParams}, what a
 * Spark executor gets from the driver). Builders written against this interface run unchanged in
 * both places.
 *
 * @apiNote Implementations are used by one thread.
 */
public interface ParamSource {

  /**
   * The value of parameter {@code name} in {@code distribution}; its type is the distribution's.
   */
  Object suggest(String name, Distribution distribution);

  /** A float in {@code [low, high]}, log-uniform when {@code log}. */
  default double suggestFloat(String name, double low, double high, boolean log) {
    return ((Number) suggest(name, new FloatDistribution(low, high, log, 0))).doubleValue();
  }

  /** A float uniformly in {@code [low, high]}. */
  default double suggestFloat(String name, double low, double high) {
    return suggestFloat(name, low, high, false);
  }

  /** An int in {@code [low, high]}, log-uniform when {@code log}. */
  default int suggestInt(String name, int low, int high, boolean log) {
    return ((Number) suggest(name, new IntDistribution(low, high, log, 1))).intValue();
  }

  /** An int uniformly in {@code [low, high]}. */
  default int suggestInt(String name, int low, int high) {
    return suggestInt(name, low, high, false);
  }

  /** An int on the grid {@code low, low + step, ...}. */
  default int suggestInt(String name, int low, int high, int step) {
    return ((Number) suggest(name, IntDistribution.stepped(low, high, step))).intValue();
  }

  /** One of {@code choices}. */
  @SuppressWarnings("unchecked")
  default <T> T suggestCategorical(String name, List<T> choices) {
    return (T) suggest(name, new CategoricalDistribution(List.copyOf(choices)));
  }

  /** One of {@code choices}. */
  @SuppressWarnings("unchecked")
  default <T> T suggestCategorical(String name, T... choices) {
    return suggestCategorical(name, Arrays.asList(choices));
  }
}
