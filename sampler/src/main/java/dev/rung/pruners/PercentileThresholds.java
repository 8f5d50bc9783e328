package dev.rung.pruners;

import dev.rung.study.Direction;
import dev.rung.study.FrozenTrial;
import java.util.Map;

/**
 * A {@link PercentilePruner} frozen against a history that had its startup trials: the bar at each
 * step, computed by the pruner from the COMPLETE trials then, and the pruner's own decision rule.
 *
 * @param thresholds the bar at each step where there is one (enough COMPLETE trials reported a
 *     number there)
 * @param direction the objective's direction
 * @param warmupSteps steps before which a trial is never pruned
 * @param intervalSteps decide only every this many steps
 */
record PercentileThresholds(
    Map<Integer, Double> thresholds, Direction direction, int warmupSteps, int intervalSteps)
    implements FrozenPruner {
  private static final long serialVersionUID = 1L;

  PercentileThresholds {
    thresholds = Map.copyOf(thresholds);
    PruningSteps.check(warmupSteps, intervalSteps);
  }

  @Override
  public boolean prune(FrozenTrial trial) {
    return PercentilePruner.decide(
        trial,
        direction,
        warmupSteps,
        intervalSteps,
        step -> thresholds.getOrDefault(step, Double.NaN));
  }
}
