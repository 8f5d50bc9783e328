package dev.rung.samplers.tpe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rung.distributions.Distribution;
import dev.rung.samplers.Sampler;
import dev.rung.study.Direction;
import dev.rung.study.FrozenTrial;
import dev.rung.study.History;
import dev.rung.study.Study;
import dev.rung.study.Trial;
import dev.rung.study.TrialState;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * With {@code multivariateInFlight(false)}, the default, multivariate TPE samples each parameter on
 * its own while other trials are in flight.
 */
class MultivariateInFlightTest {
  private static final Map<String, Distribution> SPACE = PlaneTrials.SPACE;

  private static FrozenTrial trial(int number, TrialState state, Map<String, Object> sys) {
    return PlaneTrials.trial(
        number, state, (number * 0.618034) % 1.0, (number * 0.414214) % 1.0, sys);
  }

  /** 20 COMPLETE trials, then {@code inFlight} running and {@code stopped} stopped-below trials. */
  private static History history(int inFlight, int stopped) {
    List<FrozenTrial> trials = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      trials.add(trial(i, TrialState.COMPLETE, Map.of()));
    }
    for (int i = 0; i < inFlight; i++) {
      trials.add(trial(20 + i, TrialState.RUNNING, Map.of()));
    }
    for (int i = 0; i < stopped; i++) {
      trials.add(trial(40 + i, TrialState.RUNNING, Map.of(Sampler.STOPPED_BELOW_LEVEL, 3)));
    }
    return new History("s", List.of(Direction.MINIMIZE), trials);
  }

  private static Map<String, Distribution> space(TpeSampler.Builder b, History h) {
    return b.seed(3)
        .build()
        .relativeSearchSpace(h, FrozenTrial.create(60, TrialState.RUNNING, Instant.EPOCH));
  }

  @Test
  void theJointSpaceOnlyWhileNothingIsInFlight() {
    assertEquals(SPACE.keySet(), space(apart(), history(0, 0)).keySet());
    assertTrue(space(apart(), history(1, 0)).isEmpty());
    // Trials stopped below a pruner's level are observations, not trials in flight.
    assertEquals(SPACE.keySet(), space(apart(), history(0, 3)).keySet());
    // Apart by default; joint when asked for, and with Optuna's settings.
    assertTrue(space(TpeSampler.builder(), history(1, 0)).isEmpty());
    assertEquals(SPACE.keySet(), space(joint(), history(1, 0)).keySet());
    assertEquals(SPACE.keySet(), space(TpeSampler.optunaCompatible(), history(1, 0)).keySet());
  }

  @Test
  void aTrialAskedWhileAnotherRunsGetsWhatIndependentTpeWouldGiveIt() {
    // Two studies with the same history and one trial left running; the next trial of each.
    Map<String, Object> mv = next(apart());
    Map<String, Object> independent = next(TpeSampler.builder().multivariate(false));
    assertEquals(independent, mv);
    assertEquals(independent, next(TpeSampler.builder()));
    // Sampled jointly, the same trial gets another suggestion.
    assertTrue(!next(joint()).equals(independent));
  }

  private static TpeSampler.Builder apart() {
    return TpeSampler.builder().multivariateInFlight(false);
  }

  private static TpeSampler.Builder joint() {
    return TpeSampler.builder().multivariateInFlight(true);
  }

  private static Map<String, Object> next(TpeSampler.Builder b) {
    Study study = Study.builder().name("s").sampler(b.seed(9).build()).build();
    // The same 20 finished trials in both studies (enqueued), then one left running.
    for (int i = 0; i < 21; i++) {
      study.enqueueTrial(Map.of("x", (i * 0.618034) % 1.0, "y", (i * 0.414214) % 1.0));
    }
    for (int i = 0; i < 20; i++) {
      Trial t = study.ask();
      double x = t.suggestFloat("x", 0, 1);
      double y = t.suggestFloat("y", 0, 1);
      study.tell(t, Math.hypot(x - 0.3, y - 0.6));
    }
    Trial running = study.ask();
    running.suggestFloat("x", 0, 1);
    running.suggestFloat("y", 0, 1);
    Trial asked = study.ask();
    asked.suggestFloat("x", 0, 1);
    asked.suggestFloat("y", 0, 1);
    return asked.snapshot().params();
  }
}
