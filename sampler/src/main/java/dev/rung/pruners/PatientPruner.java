package dev.rung.pruners;

import dev.rung.study.Direction;
import dev.rung.study.FrozenTrial;
import dev.rung.study.History;
import java.util.ArrayList;
import java.util.List;

/**
 * Tolerates a trial that stops improving for {@code patience} steps before letting another pruner
 * decide (Optuna's PatientPruner): the trial is a candidate only when the best of its last {@code
 * patience + 1} reported values is worse than the best before them by more than {@code minDelta}. A
 * candidate is pruned when the wrapped pruner says so, or at once when there is none.
 *
 * <p>NaN values are ignored; when either window holds only NaN the trial is not a candidate (use a
 * {@link ThresholdPruner} to stop diverged trials).
 *
 * @param wrapped the pruner that decides for a candidate, or null to prune every candidate
 * @param patience steps without improvement tolerated, at least 0
 * @param minDelta the least change that counts as an improvement, at least 0
 */
public record PatientPruner(Pruner wrapped, int patience, double minDelta) implements Pruner {

  public PatientPruner {
    check(patience, minDelta);
  }

  static void check(int patience, double minDelta) {
    if (patience < 0) {
      throw new IllegalArgumentException("patience must be >= 0, got " + patience);
    }
    if (!(minDelta >= 0)) {
      throw new IllegalArgumentException("min delta must be >= 0, got " + minDelta);
    }
  }

  @Override
  public boolean prune(History history, FrozenTrial trial) {
    return stalled(trial, patience, minDelta, history.direction())
        && (wrapped == null || wrapped.prune(history, trial));
  }

  /** Patient around the wrapped pruner frozen against the same history. */
  @Override
  public FrozenPruner frozen(History history) {
    return new FrozenPatientPruner(
        wrapped == null ? null : wrapped.frozen(history), patience, minDelta, history.direction());
  }

  /** Whether {@code trial} is a candidate: no improvement by more than {@code minDelta} lately. */
  static boolean stalled(FrozenTrial trial, int patience, double minDelta, Direction direction) {
    List<Double> values = new ArrayList<>(trial.intermediateValues().values());
    if (values.size() <= patience + 1) {
      return false;
    }
    int split = values.size() - patience - 1;
    double before = best(values.subList(0, split), direction);
    double recent = best(values.subList(split, values.size()), direction);
    if (Double.isNaN(before) || Double.isNaN(recent)) {
      return false;
    }
    return direction == Direction.MINIMIZE
        ? before + minDelta < recent
        : before - minDelta > recent;
  }

  @Override
  public History samplerHistory(History history, FrozenTrial trial) {
    return wrapped == null ? history : wrapped.samplerHistory(history, trial);
  }

  private static double best(List<Double> values, Direction direction) {
    double best = Double.NaN;
    for (double v : values) {
      if (!Double.isNaN(v) && (Double.isNaN(best) || direction.better(v, best))) {
        best = v;
      }
    }
    return best;
  }
}
