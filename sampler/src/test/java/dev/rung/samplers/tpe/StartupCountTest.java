package dev.rung.samplers.tpe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rung.distributions.Distribution;
import dev.rung.distributions.FloatDistribution;
import dev.rung.samplers.RandomSampler;
import dev.rung.samplers.Sampler;
import dev.rung.study.Direction;
import dev.rung.study.FrozenTrial;
import dev.rung.study.History;
import dev.rung.study.TrialState;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * TPE's random start ends after ten decided trials: COMPLETE or PRUNED, or shown by a pruner's view
 * as stopped below the level the sampler learns at ({@link Sampler#STOPPED_BELOW_LEVEL}); trials in
 * flight never count.
 */
class StartupCountTest {
  private static final Map<String, Distribution> SPACE =
      Map.of("x", FloatDistribution.uniform(0, 1));

  private static FrozenTrial trial(int number, TrialState state, Map<String, Object> sys) {
    Instant now = Instant.EPOCH;
    double x = (number * 0.618034) % 1.0;
    return new FrozenTrial(
        number,
        state,
        state == TrialState.COMPLETE ? List.of(Math.abs(x - 0.3)) : List.of(),
        Map.of("x", x),
        SPACE,
        new TreeMap<>(),
        Map.of(),
        sys,
        List.of(),
        now,
        state == TrialState.RUNNING ? null : now,
        null);
  }

  private static History history(int complete, int pruned, int stopped, int inFlight) {
    List<FrozenTrial> trials = new ArrayList<>();
    int n = 0;
    for (int i = 0; i < complete; i++) {
      trials.add(trial(n++, TrialState.COMPLETE, Map.of()));
    }
    for (int i = 0; i < pruned; i++) {
      trials.add(trial(n++, TrialState.PRUNED, Map.of()));
    }
    for (int i = 0; i < stopped; i++) {
      trials.add(trial(n++, TrialState.RUNNING, Map.of(Sampler.STOPPED_BELOW_LEVEL, 9)));
    }
    for (int i = 0; i < inFlight; i++) {
      trials.add(trial(n++, TrialState.RUNNING, Map.of()));
    }
    return new History("s", List.of(Direction.MINIMIZE), trials);
  }

  /** Whether TPE models trial 50's suggestion (else it is the random start). */
  private static boolean models(History h) {
    Sampler tpe = TpeSampler.builder().seed(5).build();
    FrozenTrial asked = FrozenTrial.create(50, TrialState.RUNNING, Instant.EPOCH);
    boolean relative = !tpe.sampleRelative(h, asked, SPACE).isEmpty();
    double independent = tpe.sampleIndependent(h, asked, "x", SPACE.get("x"));
    double random = new RandomSampler(5).sampleIndependent(h, asked, "x", SPACE.get("x"));
    assertEquals(relative, independent != random, "both ways of sampling agree on the start");
    return relative;
  }

  @Test
  void trialsStoppedBelowTheLevelCountTowardsTheStart() {
    assertTrue(!models(history(3, 0, 6, 4)), "9 decided");
    assertTrue(models(history(3, 0, 7, 4)), "10 decided");
    assertTrue(models(history(2, 2, 6, 0)), "COMPLETE, PRUNED and stopped count alike");
  }

  @Test
  void trialsInFlightNeverCount() {
    assertTrue(!models(history(9, 0, 0, 20)));
    assertTrue(models(history(10, 0, 0, 0)));
  }
}
