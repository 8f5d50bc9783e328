package dev.rung.pruners;

import dev.rung.study.Direction;
import dev.rung.study.FrozenTrial;
import dev.rung.study.History;
import dev.rung.study.TrialState;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The one rule of successive halving, shared by the in-process pruners (stop or continue) and the
 * on-demand scheduler (promote a paused trial): a trial goes on from a rung only when it is among
 * the top {@code n / eta} of the {@code n} trials that reached that rung.
 *
 * <p>A trial's value at a rung is the value it reported at the first step at or after the rung's
 * step. It is derived from the intermediate values every time, never stored, so the read-only
 * history is the single source of truth. NaN ranks worst.
 *
 * <p>Two readings of "top {@code n / eta}" (Li et al., MLSys 2020, Algorithm 2):
 *
 * <ul>
 *   <li>{@link #continues}: a running trial that cannot pause must be decided now; when fewer than
 *       eta trials reached the rung, only a trial as good as the best so far continues (Optuna's
 *       successive halving).
 *   <li>{@link #promotable}: a paused trial can wait; it is promoted only once it is within the top
 *       {@code floor(n / eta)}, so fewer than eta trials at a rung promote nobody.
 * </ul>
 */
public final class PromotionRule {
  private PromotionRule() {}

  /** The value {@code trial} reported at the first step at or after {@code step}, or null. */
  public static Double valueAt(FrozenTrial trial, int step) {
    Map.Entry<Integer, Double> e = trial.intermediateValues().ceilingEntry(step);
    return e == null ? null : e.getValue();
  }

  /**
   * The values at {@code step} of every trial in {@code history} that reached it (any state but
   * WAITING), the trial numbered {@code exclude} left out.
   */
  public static List<Double> rungValues(History history, int step, int exclude) {
    List<Double> out = new ArrayList<>();
    for (FrozenTrial t : history.trials()) {
      if (t.number() == exclude || t.state() == TrialState.WAITING) {
        continue;
      }
      Double v = valueAt(t, step);
      if (v != null) {
        out.add(v);
      }
    }
    return out;
  }

  /**
   * Whether a trial that just reached a rung with {@code value} continues: it is within the top
   * {@code max(1, floor(n / eta))} of the {@code competitors} (which include its own value).
   */
  public static boolean continues(
      double value, List<Double> competitors, int eta, Direction direction) {
    return inTop(value, competitors, Math.max(1, competitors.size() / eta), direction);
  }

  /**
   * Whether a paused trial with {@code value} at a rung may be promoted: it is within the top
   * {@code floor(n / eta)} of the {@code competitors} (which include its own value).
   */
  public static boolean promotable(
      double value, List<Double> competitors, int eta, Direction direction) {
    return inTop(value, competitors, competitors.size() / eta, direction);
  }

  /**
   * Whether {@code value} is at least as good as the {@code count}-th best of {@code values} (ties
   * pass). NaN is never in the top; a number beats every NaN.
   *
   * <p>Equivalently: fewer than {@code count} of the values are strictly better than {@code value}.
   * Counting them is one pass, without sorting; it stops at the {@code count}-th.
   */
  static boolean inTop(double value, List<Double> values, int count, Direction direction) {
    if (count <= 0 || Double.isNaN(value)) {
      return false;
    }
    double own = direction.toMinimized(value);
    int better = 0;
    for (Double v : values) {
      if (!v.isNaN() && direction.toMinimized(v) < own && ++better >= count) {
        return false;
      }
    }
    return true;
  }
}
