package dev.rung.study;

import dev.rung.distributions.CategoricalDistribution;
import dev.rung.distributions.Distribution;
import dev.rung.distributions.FloatDistribution;
import dev.rung.distributions.IntDistribution;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * A running trial, as the objective sees it: parameters are defined by calling {@code suggest*}
 * (define-by-run), so conditional parameters are simply suggested inside an {@code if}, and
 * per-layer parameters by name ({@code conv_0_channels}, {@code conv_1_channels}, ...).
 *
 * <p>Suggesting the same name twice in one trial returns the first value; suggesting it with a
 * different distribution is an error.
 *
 * @apiNote A Trial is used by one thread. Its finished record is a {@link FrozenTrial}.
 */
public final class Trial {
  private static final System.Logger LOG = System.getLogger(Trial.class.getName());

  private final Study study;
  private final Map<String, Distribution> relativeSpace;
  private final Map<String, Double> relativeParams;
  private final Map<String, Object> fixedParams;
  private FrozenTrial current;

  Trial(
      Study study,
      FrozenTrial start,
      Map<String, Distribution> relativeSpace,
      Map<String, Double> relativeParams,
      Map<String, Object> fixedParams) {
    this.study = study;
    this.current = start;
    this.relativeSpace = relativeSpace;
    this.relativeParams = relativeParams;
    this.fixedParams = fixedParams;
  }

  /** The trial's number in its study. */
  public int number() {
    return current.number();
  }

  /** The study this trial belongs to. */
  public Study study() {
    return study;
  }

  /** The parameters suggested so far. */
  public Map<String, Object> params() {
    return current.params();
  }

  /** The user attributes set so far. */
  public Map<String, Object> userAttrs() {
    return current.userAttrs();
  }

  /** A snapshot of the trial as it is now. */
  public FrozenTrial snapshot() {
    return current;
  }

  /** A float uniformly in {@code [low, high]}. */
  public double suggestFloat(String name, double low, double high) {
    return (Double) suggest(name, () -> FloatDistribution.uniform(low, high));
  }

  /** A float in {@code [low, high]}, on a log scale when {@code log} is true. */
  public double suggestFloat(String name, double low, double high, boolean log) {
    return (Double) suggest(name, () -> new FloatDistribution(low, high, log, 0));
  }

  /** A float on the grid {@code low, low + step, ...} up to {@code high}. */
  public double suggestFloat(String name, double low, double high, double step) {
    return (Double) suggest(name, () -> FloatDistribution.stepped(low, high, step));
  }

  /** An int uniformly in {@code [low, high]}. */
  public int suggestInt(String name, int low, int high) {
    return (Integer) suggest(name, () -> IntDistribution.of(low, high));
  }

  /** An int on the grid {@code low, low + step, ...} up to {@code high}. */
  public int suggestInt(String name, int low, int high, int step) {
    return (Integer) suggest(name, () -> IntDistribution.stepped(low, high, step));
  }

  /** An int in {@code [low, high]}, on a log scale when {@code log} is true. */
  public int suggestInt(String name, int low, int high, boolean log) {
    return (Integer) suggest(name, () -> new IntDistribution(low, high, log, 1));
  }

  /** One of {@code choices} (strings, numbers, booleans). */
  @SuppressWarnings("unchecked")
  public <T> T suggestCategorical(String name, List<T> choices) {
    return (T) suggest(name, () -> new CategoricalDistribution(new ArrayList<Object>(choices)));
  }

  /** One of {@code choices} (strings, numbers, booleans). */
  @SafeVarargs
  public final <T> T suggestCategorical(String name, T... choices) {
    return suggestCategorical(name, Arrays.asList(choices));
  }

  /** A value of any distribution; the value's type is that of the distribution. */
  public Object suggest(String name, Distribution distribution) {
    return suggest(name, () -> distribution);
  }

  private Object suggest(String name, Supplier<Distribution> make) {
    if (name == null || name.isBlank()) {
      throw new IllegalArgumentException("parameter name must be a non-empty string");
    }
    Distribution distribution;
    try {
      distribution = make.get();
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("parameter '" + name + "': " + e.getMessage(), e);
    }
    Distribution previous = current.distributions().get(name);
    if (previous != null) {
      if (!previous.equals(distribution)) {
        throw new IllegalArgumentException(
            "parameter '"
                + name
                + "' was already suggested in trial "
                + number()
                + " as "
                + previous.describe()
                + "; it cannot be suggested again as "
                + distribution.describe());
      }
      return current.params().get(name);
    }
    study.checkCompatible(name, distribution);
    double internal = chooseInternal(name, distribution);
    Object value = distribution.toExternal(internal);
    current = current.withParam(name, value, distribution);
    study.update(current);
    return value;
  }

  private double chooseInternal(String name, Distribution distribution) {
    if (fixedParams.containsKey(name)) {
      Object fixed = fixedParams.get(name);
      double internal;
      try {
        internal = distribution.toInternal(fixed);
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(
            "parameter '"
                + name
                + "': enqueued value "
                + fixed
                + " does not fit "
                + distribution.describe(),
            e);
      }
      if (!distribution.contains(internal)) {
        LOG.log(
            System.Logger.Level.WARNING,
            "trial {0}: enqueued value {1} of parameter ''{2}'' is outside {3}; using it anyway",
            number(),
            fixed,
            name,
            distribution.describe());
      }
      return internal;
    }
    if (distribution.isSingle()) {
      return distribution instanceof FloatDistribution f
          ? f.low()
          : distribution instanceof IntDistribution i ? i.low() : 0;
    }
    Double relative = relativeParams.get(name);
    if (relative != null && distribution.equals(relativeSpace.get(name))) {
      return relative;
    }
    return study.sampleIndependent(current, name, distribution);
  }

  /**
   * Reports an intermediate objective value at {@code step} (an epoch, say). A second report at the
   * same step is ignored with a warning.
   */
  public void report(double value, int step) {
    if (step < 0) {
      throw new IllegalArgumentException(
          "trial " + number() + ": report step " + step + " is not allowed: step must be >= 0");
    }
    if (!study.report(number(), step, value)) {
      LOG.log(
          System.Logger.Level.WARNING,
          "trial {0}: a value was already reported at step {1}; ignoring {2}",
          number(),
          step,
          value);
      return;
    }
    current = current.withIntermediate(step, value);
  }

  /** Whether the study's pruner says this trial should stop now. */
  public boolean shouldPrune() {
    return study.shouldPrune(current);
  }

  /** Sets a user attribute (any value; strings and numbers persist everywhere). */
  public void setUserAttr(String key, Object value) {
    current = current.withUserAttr(key, value);
    study.update(current);
  }

  /** Sets the trial's constraint values; a value &gt; 0 is a violation. */
  public void setConstraints(double... constraints) {
    Double[] boxed = new Double[constraints.length];
    for (int i = 0; i < constraints.length; i++) {
      boxed[i] = constraints[i];
    }
    current = current.withConstraints(Arrays.asList(boxed));
    study.update(current);
  }

  void refresh(FrozenTrial latest) {
    current = latest;
  }
}
