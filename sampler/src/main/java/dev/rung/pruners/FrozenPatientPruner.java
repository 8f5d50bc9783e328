package dev.rung.pruners;

import dev.rung.study.Direction;
import dev.rung.study.FrozenTrial;
import java.util.Objects;

/**
 * A {@link PatientPruner} frozen against a history: its patience rule in the history's direction,
 * around its wrapped pruner frozen against the same history.
 *
 * @param wrapped the frozen pruner that decides for a candidate, or null to prune every candidate
 * @param patience steps without improvement tolerated
 * @param minDelta the least change that counts as an improvement
 * @param direction the objective's direction
 */
record FrozenPatientPruner(FrozenPruner wrapped, int patience, double minDelta, Direction direction)
    implements FrozenPruner {
  private static final long serialVersionUID = 1L;

  FrozenPatientPruner {
    PatientPruner.check(patience, minDelta);
    Objects.requireNonNull(direction, "direction");
  }

  @Override
  public boolean prune(FrozenTrial trial) {
    return PatientPruner.stalled(trial, patience, minDelta, direction)
        && (wrapped == null || wrapped.prune(trial));
  }
}
