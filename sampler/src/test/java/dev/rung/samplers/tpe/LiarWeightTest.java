package dev.rung.samplers.tpe;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.rung.distributions.Distribution;
import dev.rung.distributions.FloatDistribution;
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
 * The constant liar against trials a pruner's view shows as RUNNING although they stopped below the
 * sampler's level ({@link Sampler#STOPPED_BELOW_LEVEL}): those are observations of bad points, the
 * trials in flight are the lies.
 */
class LiarWeightTest {
  private static final Map<String, Distribution> SPACE =
      Map.of("x", FloatDistribution.uniform(0, 1));

  private static FrozenTrial trial(
      int number, TrialState state, double x, Map<String, Object> sys) {
    Instant now = Instant.EPOCH;
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

  /**
   * 30 COMPLETE trials valued {@code |x - 0.3|}, then, as asked: trials stopped below the level,
   * placed in the good region, and trials in flight, placed at its other side.
   */
  private static History history(boolean stopped, boolean inFlight) {
    List<FrozenTrial> trials = new ArrayList<>();
    for (int i = 0; i < 30; i++) {
      trials.add(trial(i, TrialState.COMPLETE, (i * 0.618034) % 1.0, Map.of()));
    }
    for (int i = 0; i < 6; i++) {
      if (stopped) {
        trials.add(
            trial(
                30 + i,
                TrialState.RUNNING,
                0.27 + 0.01 * i,
                Map.of(Sampler.STOPPED_BELOW_LEVEL, 9)));
      }
      if (inFlight) {
        trials.add(trial(40 + i, TrialState.RUNNING, 0.33 + 0.01 * i, Map.of()));
      }
    }
    return new History("s", List.of(Direction.MINIMIZE), trials);
  }

  /** What a fresh sampler built by {@code b} suggests for trial 50 (the same streams each time). */
  private static Map<String, Double> suggest(TpeSampler.Builder b, History h) {
    Sampler sampler = b.seed(11).build();
    FrozenTrial asked = FrozenTrial.create(50, TrialState.RUNNING, Instant.EPOCH);
    return sampler.sampleRelative(h, asked, sampler.relativeSearchSpace(h, asked));
  }

  @Test
  void withLiarWeightZeroTrialsInFlightAreLeftOutAndStoppedTrialsStayBad() {
    // (The candidates are not shared among the trials in flight here: they would draw fewer.)
    Map<String, Double> zero =
        suggest(joint().liarWeight(0).shareCandidates(false), history(true, true));
    // As if the trials in flight were not there, the stopped ones still counted as bad ...
    assertEquals(suggest(joint(), history(true, false)), zero);
    // ... which they must be: without them the suggestion is another one.
    assertNotEquals(suggest(joint(), history(false, false)), zero);
    // And the trials in flight did count with the full liar.
    assertNotEquals(suggest(joint(), history(true, true)), zero);
  }

  @Test
  void aLowerLiarWeightChangesOnlyTheWeightOfTrialsInFlight() {
    // Only stopped trials: every weight gives today's suggestion.
    Map<String, Double> full = suggest(joint(), history(true, false));
    assertEquals(full, suggest(joint().liarWeight(0.5), history(true, false)));
    // The bad group's weights: a finished trial, a stopped one, one in flight.
    History h = history(true, true);
    ObservedTrial[] trials =
        new TrialCache()
            .observe(h, 50, true, true, Map.of()).stream()
                .filter(t -> t.number() == 0 || t.number() == 30 || t.number() == 40)
                .toArray(ObservedTrial[]::new);
    double[] w = {0.8, 1.0, 1.0};
    assertArrayEquals(
        new double[] {0.8, 1.0, 0.25}, TpeSampler.lessForTrialsInFlight(w, trials, 0.25));
    assertArrayEquals(new double[] {0.8, 1.0, 1.0}, w);
    assertSame(w, TpeSampler.lessForTrialsInFlight(w, trials, 1));
  }

  @Test
  void theCacheReturnsTheStoppedTrialsAloneWhenTrialsInFlightAreLeftOut() {
    History h = history(true, true);
    List<Integer> numbers =
        new TrialCache()
            .observe(h, 50, true, false, Map.of()).stream()
                .filter(t -> t.state() == TrialState.RUNNING)
                .map(ObservedTrial::number)
                .toList();
    assertEquals(List.of(30, 31, 32, 33, 34, 35), numbers);
  }

  @Test
  void withTheLiarOffEveryRunningTrialIsLeftOutAsBefore() {
    assertEquals(
        suggest(joint().constantLiar(false), history(false, false)),
        suggest(
            joint().constantLiar(false).liarWeight(0.5).shareCandidates(false),
            history(true, true)));
  }

  @Test
  void theWeightMustLieBetweenZeroAndOne() {
    for (double w : new double[] {-0.1, 1.5, Double.NaN}) {
      assertThrows(IllegalArgumentException.class, () -> TpeSampler.builder().liarWeight(w));
    }
  }

  /**
   * Joint sampling of the shared parameters while trials are in flight, which these rules act on.
   */
  private static TpeSampler.Builder joint() {
    return TpeSampler.builder().multivariateInFlight(true);
  }
}
