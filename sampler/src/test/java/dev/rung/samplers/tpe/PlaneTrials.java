package dev.rung.samplers.tpe;

import dev.rung.distributions.Distribution;
import dev.rung.distributions.FloatDistribution;
import dev.rung.study.FrozenTrial;
import dev.rung.study.TrialState;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Trials on the unit square, valued (when COMPLETE) by their distance to (0.3, 0.6). */
final class PlaneTrials {
  static final Map<String, Distribution> SPACE =
      Map.of("x", FloatDistribution.uniform(0, 1), "y", FloatDistribution.uniform(0, 1));

  private PlaneTrials() {}

  static FrozenTrial trial(
      int number, TrialState state, double x, double y, Map<String, Object> sys) {
    return new FrozenTrial(
        number,
        state,
        state == TrialState.COMPLETE ? List.of(Math.hypot(x - 0.3, y - 0.6)) : List.of(),
        Map.of("x", x, "y", y),
        SPACE,
        new TreeMap<>(),
        Map.of(),
        sys,
        List.of(),
        Instant.EPOCH,
        state == TrialState.RUNNING ? null : Instant.EPOCH,
        null);
  }
}
