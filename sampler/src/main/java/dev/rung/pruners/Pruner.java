package dev.rung.pruners;

import dev.rung.study.FrozenTrial;
import dev.rung.study.History;

/**
 * Decides whether a running trial should stop early, from the values it has reported.
 *
 * @apiNote Pruners see only the read-only {@link History}. They are deterministic: the same history
 *     and trial give the same decision.
 */
public interface Pruner {

  /** Whether {@code trial} (RUNNING, with its latest intermediate values) should be pruned now. */
  boolean prune(History history, FrozenTrial trial);

  /**
   * The part of the history the sampler should learn from for {@code trial}. All of it by default;
   * Hyperband restricts it to the trial's bracket.
   */
  default History samplerHistory(History history, FrozenTrial trial) {
    return history;
  }

  /**
   * This pruner fixed against {@code history}: a pruner that decides on a trial's own values alone
   * and can be serialized, for deciding where the history is not, such as an executor training one
   * trial. What the rule reads from other trials (a percentile pruner's per-step thresholds) and
   * the direction are taken from {@code history} now.
   *
   * @apiNote On a RUNNING trial, with whatever values it has reported since, the frozen pruner
   *     decides exactly as this pruner decides on {@code history}.
   * @throws UnsupportedOperationException when the pruner's decisions depend on the other trials as
   *     they go on (successive halving and Hyperband compare trials at rungs: a driver runs them
   *     with {@link AshaScheduler})
   */
  default FrozenPruner frozen(History history) {
    throw new UnsupportedOperationException(
        getClass().getSimpleName()
            + " compares trials as they go on and cannot be frozen against one history");
  }

  /** The median pruner with Optuna's defaults: the default of a study. */
  static Pruner median() {
    return PercentilePruner.median();
  }

  /** Never prunes. */
  static Pruner none() {
    return NopPruner.INSTANCE;
  }
}
