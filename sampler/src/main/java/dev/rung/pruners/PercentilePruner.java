package dev.rung.pruners;

import dev.rung.study.Direction;
import dev.rung.study.FrozenTrial;
import dev.rung.study.History;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntToDoubleFunction;

/**
 * Prunes a trial whose best value so far is worse than the {@code p}-th percentile of the COMPLETE
 * trials' values at the same step (for a maximized objective, the {@code (100 - p)}-th). With
 * {@code p = 50} it is the median pruner, the default of a study.
 *
 * <p>No pruning while fewer than {@code startupTrials} trials are COMPLETE, before {@code
 * warmupSteps}, except at the first report at or after each {@code warmupSteps + k *
 * intervalSteps}, or when fewer than {@code minTrials} COMPLETE trials reported at exactly this
 * step. A trial whose values are all NaN is pruned. (Optuna's PercentilePruner and MedianPruner
 * semantics and defaults; the median stopping rule of Golovin et al., KDD 2017.)
 *
 * @param percentile p in [0, 100]
 * @param startupTrials COMPLETE trials needed before any pruning (default 5)
 * @param warmupSteps steps before which a trial is never pruned (default 0)
 * @param intervalSteps decide only every this many steps (default 1)
 * @param minTrials COMPLETE trials needed at a step to decide there (default 1)
 */
public record PercentilePruner(
    double percentile, int startupTrials, int warmupSteps, int intervalSteps, int minTrials)
    implements Pruner {

  public PercentilePruner {
    if (!(percentile >= 0 && percentile <= 100)) {
      throw new IllegalArgumentException("percentile must be in [0, 100], got " + percentile);
    }
    if (startupTrials < 0) {
      throw new IllegalArgumentException("startup trials must be >= 0, got " + startupTrials);
    }
    PruningSteps.check(warmupSteps, intervalSteps);
    if (minTrials < 1) {
      throw new IllegalArgumentException("min trials must be >= 1, got " + minTrials);
    }
  }

  /** The p-th percentile pruner with the other settings at their defaults. */
  public static PercentilePruner of(double percentile) {
    return new PercentilePruner(percentile, 5, 0, 1, 1);
  }

  /** The median pruner with the defaults (5 startup trials, no warm-up, every step, 1 trial). */
  public static PercentilePruner median() {
    return of(50);
  }

  public PercentilePruner withStartupTrials(int n) {
    return new PercentilePruner(percentile, n, warmupSteps, intervalSteps, minTrials);
  }

  public PercentilePruner withWarmupSteps(int n) {
    return new PercentilePruner(percentile, startupTrials, n, intervalSteps, minTrials);
  }

  public PercentilePruner withIntervalSteps(int n) {
    return new PercentilePruner(percentile, startupTrials, warmupSteps, n, minTrials);
  }

  public PercentilePruner withMinTrials(int n) {
    return new PercentilePruner(percentile, startupTrials, warmupSteps, intervalSteps, n);
  }

  @Override
  public boolean prune(History history, FrozenTrial trial) {
    List<FrozenTrial> completed = history.completed();
    if (!started(completed)) {
      return false;
    }
    Direction direction = history.direction();
    return decide(
        trial,
        direction,
        warmupSteps,
        intervalSteps,
        step -> threshold(at(completed, step), direction));
  }

  /**
   * The rule fixed against {@code history}: the threshold of every step some COMPLETE trial
   * reported, computed now by the same code as {@link #prune}; no pruning at all before {@code
   * startupTrials} trials are COMPLETE.
   */
  @Override
  public FrozenPruner frozen(History history) {
    List<FrozenTrial> completed = history.completed();
    if (!started(completed)) {
      return NopPruner.INSTANCE;
    }
    Direction direction = history.direction();
    Map<Integer, List<Double>> byStep = new HashMap<>();
    for (FrozenTrial t : completed) {
      t.intermediateValues()
          .forEach((step, v) -> byStep.computeIfAbsent(step, s -> new ArrayList<>()).add(v));
    }
    Map<Integer, Double> thresholds = new HashMap<>();
    byStep.forEach(
        (step, values) -> {
          double threshold = threshold(values, direction);
          if (!Double.isNaN(threshold)) {
            thresholds.put(step, threshold);
          }
        });
    return new PercentileThresholds(thresholds, direction, warmupSteps, intervalSteps);
  }

  private boolean started(List<FrozenTrial> completed) {
    return !completed.isEmpty() && completed.size() >= startupTrials;
  }

  /** The values COMPLETE trials reported at exactly {@code step}, NaN included. */
  private static List<Double> at(List<FrozenTrial> completed, int step) {
    List<Double> atStep = new ArrayList<>();
    for (FrozenTrial t : completed) {
      Double v = t.intermediateValues().get(step);
      if (v != null) {
        atStep.add(v);
      }
    }
    return atStep;
  }

  /**
   * The bar at a step where COMPLETE trials reported {@code atStep}: their percentile (mirrored
   * when maximizing), or NaN (no decision) when fewer than {@code minTrials} reported or all are
   * NaN.
   */
  private double threshold(List<Double> atStep, Direction direction) {
    if (atStep.size() < minTrials) {
      return Double.NaN;
    }
    return nanPercentile(atStep, direction == Direction.MAXIMIZE ? 100 - percentile : percentile);
  }

  /**
   * The decision once enough trials are COMPLETE, with {@code thresholds} giving the bar at a step
   * (NaN: none): only at a due step; a trial with only NaN values is pruned; otherwise one whose
   * best value so far is worse than the bar.
   */
  static boolean decide(
      FrozenTrial trial,
      Direction direction,
      int warmupSteps,
      int intervalSteps,
      IntToDoubleFunction thresholds) {
    if (!PruningSteps.due(trial, warmupSteps, intervalSteps)) {
      return false;
    }
    double best = bestSoFar(trial, direction);
    if (Double.isNaN(best)) {
      return true;
    }
    double threshold = thresholds.applyAsDouble(trial.intermediateValues().lastKey());
    return !Double.isNaN(threshold) && direction.better(threshold, best);
  }

  private static double bestSoFar(FrozenTrial trial, Direction direction) {
    double best = Double.NaN;
    for (double v : trial.intermediateValues().values()) {
      if (!Double.isNaN(v) && (Double.isNaN(best) || direction.better(v, best))) {
        best = v;
      }
    }
    return best;
  }

  /** The q-th percentile (linear interpolation between order statistics) ignoring NaN. */
  static double nanPercentile(List<Double> values, double q) {
    List<Double> finite = new ArrayList<>();
    for (double v : values) {
      if (!Double.isNaN(v)) {
        finite.add(v);
      }
    }
    if (finite.isEmpty()) {
      return Double.NaN;
    }
    Collections.sort(finite);
    double pos = q / 100 * (finite.size() - 1);
    int lo = (int) Math.floor(pos);
    int hi = (int) Math.ceil(pos);
    double a = finite.get(lo);
    double b = finite.get(hi);
    return lo == hi ? a : a + (b - a) * (pos - lo);
  }
}
