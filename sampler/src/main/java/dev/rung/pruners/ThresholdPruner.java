package dev.rung.pruners;

import dev.rung.study.FrozenTrial;

/**
 * Prunes a trial whose latest value is NaN or outside {@code [lower, upper]} (Optuna's
 * ThresholdPruner): a guard against divergence, independent of other trials and of the direction.
 *
 * @param lower values below it are pruned ({@code -infinity}: no lower bound)
 * @param upper values above it are pruned ({@code +infinity}: no upper bound)
 * @param warmupSteps steps before which a trial is never pruned (default 0)
 * @param intervalSteps decide only every this many steps (default 1)
 */
public record ThresholdPruner(double lower, double upper, int warmupSteps, int intervalSteps)
    implements FrozenPruner {
  private static final long serialVersionUID = 1L;

  public ThresholdPruner {
    if (Double.isNaN(lower) || Double.isNaN(upper)) {
      throw new IllegalArgumentException(
          "threshold bounds must be numbers (use infinity for no bound), got lower="
              + lower
              + ", upper="
              + upper);
    }
    if (lower == Double.NEGATIVE_INFINITY && upper == Double.POSITIVE_INFINITY) {
      throw new IllegalArgumentException(
          "give a lower bound, an upper bound or both: without either nothing would be pruned");
    }
    if (lower > upper) {
      throw new IllegalArgumentException(
          "lower bound " + lower + " must be <= upper bound " + upper);
    }
    PruningSteps.check(warmupSteps, intervalSteps);
  }

  /** Prunes values above {@code upper} (and NaN). */
  public static ThresholdPruner upper(double upper) {
    return new ThresholdPruner(Double.NEGATIVE_INFINITY, upper, 0, 1);
  }

  /** Prunes values below {@code lower} (and NaN). */
  public static ThresholdPruner lower(double lower) {
    return new ThresholdPruner(lower, Double.POSITIVE_INFINITY, 0, 1);
  }

  public ThresholdPruner withWarmupSteps(int n) {
    return new ThresholdPruner(lower, upper, n, intervalSteps);
  }

  public ThresholdPruner withIntervalSteps(int n) {
    return new ThresholdPruner(lower, upper, warmupSteps, n);
  }

  /** The decision, from the trial's latest value alone: the pruner is frozen as it is. */
  @Override
  public boolean prune(FrozenTrial trial) {
    if (!PruningSteps.due(trial, warmupSteps, intervalSteps)) {
      return false;
    }
    double latest = trial.lastIntermediateValue();
    return Double.isNaN(latest) || latest < lower || latest > upper;
  }
}
