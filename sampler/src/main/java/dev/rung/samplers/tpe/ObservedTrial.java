package dev.rung.samplers.tpe;

import dev.rung.samplers.Sampler;
import dev.rung.study.Direction;
import dev.rung.study.FrozenTrial;
import dev.rung.study.TrialState;
import java.util.List;
import java.util.OptionalInt;

/**
 * What TPE needs from one trial, in primitive form: its state, how it ranks, its constraint
 * violation and its parameters' internal values. Finished trials never change, so these are
 * computed once per trial and cached across suggestions.
 *
 * @param source the trial this was computed from
 * @param number the trial number
 * @param state COMPLETE, PRUNED or RUNNING
 * @param loss the objective values turned into values to minimise (COMPLETE trials), else empty
 * @param prunedStep for ranking PRUNED trials: minus the last step reached, or 1 with no report
 * @param prunedLoss for ranking PRUNED trials: the last intermediate value to minimise (NaN taken
 *     as +infinity), or 0 with no report
 * @param violation the total constraint violation (0 when feasible)
 * @param layout the trial's parameters
 * @param values the parameters' internal values, in {@code layout}'s order
 */
record ObservedTrial(
    FrozenTrial source,
    int number,
    TrialState state,
    double[] loss,
    double prunedStep,
    double prunedLoss,
    double violation,
    ParamLayout layout,
    double[] values) {

  /** Extracts the observation of {@code t} with parameters laid out as {@code layout}. */
  static ObservedTrial of(FrozenTrial t, List<Direction> directions, ParamLayout layout) {
    double[] loss = new double[0];
    if (t.state() == TrialState.COMPLETE && t.values().size() == directions.size()) {
      loss = new double[directions.size()];
      for (int k = 0; k < loss.length; k++) {
        loss[k] = directions.get(k).toMinimized(t.values().get(k));
      }
    }
    double step = 1;
    double prunedLoss = 0;
    OptionalInt last = t.lastStep();
    if (last.isPresent()) {
      step = -last.getAsInt();
      double v = t.lastIntermediateValue();
      prunedLoss = Double.isNaN(v) ? Double.POSITIVE_INFINITY : directions.get(0).toMinimized(v);
    }
    String[] names = layout.names();
    double[] values = new double[names.length];
    for (int i = 0; i < names.length; i++) {
      values[i] = t.internal(names[i]);
    }
    return new ObservedTrial(
        t, t.number(), t.state(), loss, step, prunedLoss, t.violation(), layout, values);
  }

  /**
   * Whether this is a trial in flight: RUNNING and not marked by a pruner's view as stopped below
   * the level the sampler learns at ({@link dev.rung.samplers.Sampler#STOPPED_BELOW_LEVEL}).
   */
  boolean inFlight() {
    return state == TrialState.RUNNING && !stoppedBelowLevel(source);
  }

  /** Whether {@code t} is marked by a pruner's view as stopped below the sampler's level. */
  static boolean stoppedBelowLevel(FrozenTrial t) {
    return t.systemAttrs().containsKey(Sampler.STOPPED_BELOW_LEVEL);
  }

  boolean isFeasible() {
    return !(violation > 0);
  }
}
