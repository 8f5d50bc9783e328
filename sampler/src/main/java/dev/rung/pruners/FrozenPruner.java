package dev.rung.pruners;

import dev.rung.study.FrozenTrial;
import dev.rung.study.History;
import java.io.Serializable;

/**
 * A pruner fixed against one history ({@link Pruner#frozen}): it decides on a trial's own values
 * alone, so it can be shipped with a piece of work to where the study is not and asked after every
 * report there.
 *
 * @apiNote Implementations are immutable and {@link Serializable}; a copy that went through
 *     serialization decides exactly as the original.
 */
public interface FrozenPruner extends Pruner, Serializable {

  /** Whether {@code trial} (RUNNING, with the values it has reported) should be pruned now. */
  boolean prune(FrozenTrial trial);

  /**
   * The same decision as {@link #prune(FrozenTrial)}: the history is not read, what the pruner
   * needs from one was fixed when it was frozen.
   */
  @Override
  default boolean prune(History history, FrozenTrial trial) {
    return prune(trial);
  }

  /** Itself: it is frozen already. */
  @Override
  default FrozenPruner frozen(History history) {
    return this;
  }
}
