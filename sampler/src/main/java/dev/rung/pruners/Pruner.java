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

  /** The median pruner with Optuna's defaults: the default of a study. */
  static Pruner median() {
    return PercentilePruner.median();
  }

  /** Never prunes. */
  static Pruner none() {
    return NopPruner.INSTANCE;
  }
}
