package dev.rung.samplers.tpe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rung.samplers.Sampler;
import dev.rung.study.Direction;
import dev.rung.study.FrozenTrial;
import dev.rung.study.History;
import dev.rung.study.TrialState;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** While other trials are in flight, a suggestion draws only its share of the candidates. */
class ShareCandidatesTest {
  private static FrozenTrial trial(
      int number, TrialState state, double x, double y, Map<String, Object> sys) {
    return PlaneTrials.trial(number, state, x, y, sys);
  }

  /**
   * 30 COMPLETE trials valued by their distance to (0.3, 0.6), then {@code inFlight} RUNNING trials
   * and {@code stopped} RUNNING trials a pruner's view marks as stopped below its level.
   */
  private static History history(int inFlight, int stopped) {
    List<FrozenTrial> trials = new ArrayList<>();
    for (int i = 0; i < 30; i++) {
      trials.add(
          trial(i, TrialState.COMPLETE, (i * 0.618034) % 1.0, (i * 0.414214) % 1.0, Map.of()));
    }
    for (int i = 0; i < inFlight; i++) {
      trials.add(trial(100 + i, TrialState.RUNNING, 0.9, 0.1, Map.of()));
    }
    for (int i = 0; i < stopped; i++) {
      trials.add(
          trial(200 + i, TrialState.RUNNING, 0.8, 0.2, Map.of(Sampler.STOPPED_BELOW_LEVEL, 3)));
    }
    return new History("s", List.of(Direction.MINIMIZE), trials);
  }

  private static Map<String, Double> suggest(TpeSampler.Builder b, History h, int number) {
    Sampler sampler = b.seed(5).build();
    FrozenTrial asked = FrozenTrial.create(number, TrialState.RUNNING, Instant.EPOCH);
    return sampler.sampleRelative(h, asked, sampler.relativeSearchSpace(h, asked));
  }

  @Test
  void eachTrialThatWillBeEvaluatedBeforeTheNextResultGetsAnEqualShare() {
    TpeSampler shared = joint().candidates(64).build();
    assertEquals(64, shared.candidatesNow(0));
    assertEquals(32, shared.candidatesNow(1));
    assertEquals(8, shared.candidatesNow(7));
    assertEquals(1, shared.candidatesNow(63));
    assertEquals(1, shared.candidatesNow(1000));
    TpeSampler whole = joint().candidates(64).shareCandidates(false).build();
    assertEquals(64, whole.candidatesNow(7));
    assertEquals(24, TpeSampler.optunaCompatible().build().candidatesNow(7));
  }

  @Test
  void sixTrialsInFlightDrawWhatNineCandidatesWouldWithoutThem() {
    // The liar off: the trials in flight are not observed, so only the candidates differ.
    Map<String, Double> shared = suggest(joint().constantLiar(false), history(6, 0), 50);
    assertEquals(suggest(joint().constantLiar(false).candidates(9), history(0, 0), 50), shared);
    assertNotEquals(suggest(joint().constantLiar(false), history(0, 0), 50), shared);
  }

  @Test
  void trialsStoppedBelowTheLevelAreNotInFlight() {
    assertEquals(
        suggest(joint().shareCandidates(false), history(0, 4), 50),
        suggest(joint(), history(0, 4), 50));
  }

  /**
   * Eight suggestions asked while seven trials are in flight (the liar off, so they all see the
   * same model) spread wider with their share than with all 64 candidates each: the mean distance
   * of the suggestions to their centre, over 5 such batches (trials 50-89), is larger. Fixed seeds:
   * no error rate, the outcome is the same on every run.
   */
  @Test
  void aBatchProposedWithoutNewResultsSpreadsWider() {
    History h = history(7, 0);
    double shared = spread(joint().constantLiar(false), h);
    double whole = spread(joint().constantLiar(false).shareCandidates(false), h);
    assertTrue(shared > 1.2 * whole, "spread shared " + shared + ", whole " + whole);
  }

  private static double spread(TpeSampler.Builder b, History h) {
    double total = 0;
    for (int batch = 0; batch < 5; batch++) {
      double[][] p = new double[8][];
      double cx = 0;
      double cy = 0;
      for (int k = 0; k < 8; k++) {
        Map<String, Double> s = suggest(b, h, 50 + 8 * batch + k);
        p[k] = new double[] {s.get("x"), s.get("y")};
        cx += p[k][0] / 8;
        cy += p[k][1] / 8;
      }
      for (double[] q : p) {
        total += Math.hypot(q[0] - cx, q[1] - cy) / 40;
      }
    }
    return total;
  }

  /**
   * Joint sampling of the shared parameters while trials are in flight, which these rules act on.
   */
  private static TpeSampler.Builder joint() {
    return TpeSampler.builder().multivariateInFlight(true);
  }
}
