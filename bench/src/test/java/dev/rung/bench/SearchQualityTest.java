package dev.rung.bench;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rung.distributions.CategoricalDistribution;
import dev.rung.distributions.Distribution;
import dev.rung.distributions.FloatDistribution;
import dev.rung.distributions.IntDistribution;
import dev.rung.samplers.RandomSampler;
import dev.rung.samplers.Sampler;
import dev.rung.study.FrozenTrial;
import dev.rung.study.History;
import dev.rung.study.TrialState;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiConsumer;
import org.junit.jupiter.api.Test;

class SearchQualityTest {
  /**
   * Branin's best Optuna median after 200 trials is the reference table's 0.00300; after 50 and 100
   * trials a figure is on record too, so a median of 0 is at or below it and an infinite one is
   * not. A checkpoint of 150 trials and a problem without Optuna figures have nothing to compare.
   */
  @Test
  void eachCheckpointIsComparedWithOptunasBestThere() {
    int[] cps = {50, 100, 200};
    assertArrayEquals(
        new int[] {1, 0, 1},
        SearchQuality.atOrBelowOptuna("branin", cps, new double[] {0, Double.MAX_VALUE, 0.0029}));
    assertArrayEquals(
        new int[] {0, 1, 0},
        SearchQuality.atOrBelowOptuna("branin", cps, new double[] {Double.MAX_VALUE, 0, 0.0031}));
    // At or below: equal to the figure counts.
    assertArrayEquals(
        new int[] {-1, 1},
        SearchQuality.atOrBelowOptuna("branin", new int[] {150, 200}, new double[] {0, 0.003}));
    assertArrayEquals(
        new int[] {-1, -1, -1},
        SearchQuality.atOrBelowOptuna("many-level-12", cps, new double[] {0, 0, 0}));
    // Every reference problem has a figure at each of the three checkpoints.
    for (String p : Problems.all().keySet()) {
      boolean reference = !Double.isNaN(SearchQuality.optunaBest(p, 200));
      assertEquals(reference, !Double.isNaN(SearchQuality.optunaBest(p, 50)), p);
      assertEquals(reference, !Double.isNaN(SearchQuality.optunaBest(p, 100)), p);
    }
  }

  @Test
  void regretIsTakenOnTheNoiseFreeValueOfTheBestObservedTrial() {
    // Observed x, true value 1 - x: the best observed trial (smallest x) has the worst true value.
    Problem inverted =
        new Problem(
            "inverted",
            0,
            t -> t.suggestFloat("x", 0, 1),
            null,
            t -> 1 - (Double) t.params().get("x"));
    SearchQuality.Run run = SearchQuality.run(inverted, new RandomSampler(3), 50);
    SearchQuality.Run observed =
        SearchQuality.run(
            new Problem("observed", 0, inverted.objective(), null), new RandomSampler(3), 50);
    for (int i = 0; i < 50; i++) {
      assertEquals(1 - observed.bestAfter()[i], run.bestAfter()[i], 0, "after trial " + i);
    }
  }

  /**
   * With {@code inFlight} 3, every trial is asked while the 3 before it still run (fewer at the
   * start), and every trial is told in the end.
   */
  @Test
  void trialsInFlightAreToldThatManySuggestionsLate() {
    List<Integer> runningAtAsk = new ArrayList<>();
    Sampler counting =
        watchingX((history, x) -> runningAtAsk.add(history.trials(TrialState.RUNNING).size() - 1));
    Problem p = new Problem("plain", 0, t -> t.suggestFloat("x", 0, 1), null);
    SearchQuality.Run run = SearchQuality.run(p, counting, 10, 3, false, 1);
    assertEquals(List.of(0, 1, 2, 3, 3, 3, 3, 3, 3, 3), runningAtAsk);
    assertEquals(10, run.bestAfter().length);
    // Without trials in flight, nothing else runs when a trial is asked.
    runningAtAsk.clear();
    SearchQuality.run(p, counting, 5, 0, false, 1);
    assertEquals(List.of(0, 0, 0, 0, 0), runningAtAsk);
  }

  /**
   * With spread trial times the trials whose first parameter is high take longer, so they are the
   * ones left in flight: the trials running when one is asked lie higher than all trials do, and
   * every trial is still told once. Random sampling with seed 1, fixed; with equal times the
   * running trials are just the last ones asked and lie where all trials do (checked below).
   */
  @Test
  void withSpreadTimesTheSlowRegionStaysInFlight() {
    List<Double> runningX = new ArrayList<>();
    List<Double> allX = new ArrayList<>();
    Sampler watching =
        watchingX(
            (history, x) -> {
              for (FrozenTrial t : history.trials(TrialState.RUNNING)) {
                if (t.hasParam("x")) {
                  runningX.add((Double) t.params().get("x"));
                }
              }
              allX.add(x);
            });
    Problem p = new Problem("plain", 0, t -> t.suggestFloat("x", 0, 1), null);
    SearchQuality.Run run = SearchQuality.run(p, watching, 400, 7, true, 1);
    assertEquals(400, run.bestAfter().length);
    assertEquals(400, allX.size());
    double running = runningX.stream().mapToDouble(Double::doubleValue).average().orElseThrow();
    double all = allX.stream().mapToDouble(Double::doubleValue).average().orElseThrow();
    assertTrue(running > all + 0.1, "running " + running + ", all " + all);
    runningX.clear();
    allX.clear();
    SearchQuality.run(p, watching, 400, 7, false, 1);
    double equalRunning =
        runningX.stream().mapToDouble(Double::doubleValue).average().orElseThrow();
    assertTrue(Math.abs(equalRunning - all) < 0.05, "equal times: running " + equalRunning);
  }

  @Test
  void firstPositionIsThePlaceOfTheFirstParameterInItsRange() {
    FrozenTrial t = FrozenTrial.create(0, TrialState.RUNNING, Instant.EPOCH);
    assertEquals(0.5, SearchQuality.firstPosition(t), 0);
    assertEquals(
        0.5,
        SearchQuality.firstPosition(
            t.withParam("lr", 1e-3, FloatDistribution.logUniform(1e-5, 1e-1))
                .withParam("y", 0.0, FloatDistribution.uniform(0, 1))),
        1e-12);
    assertEquals(
        0.25,
        SearchQuality.firstPosition(t.withParam("n", 3, new IntDistribution(1, 9, false, 1))),
        1e-12);
    assertEquals(
        1.0,
        SearchQuality.firstPosition(
            t.withParam("c", "b", new CategoricalDistribution(List.<Object>of("a", "b")))),
        0);
  }

  /**
   * Random sampling (seed 1) that hands {@code seen} the history at each suggestion of {@code x}
   * and the value drawn for it.
   */
  private static Sampler watchingX(BiConsumer<History, Double> seen) {
    RandomSampler random = new RandomSampler(1);
    return new Sampler() {
      @Override
      public double sampleIndependent(
          History history, FrozenTrial trial, String name, Distribution d) {
        double v = random.sampleIndependent(history, trial, name, d);
        if (name.equals("x")) {
          seen.accept(history, v);
        }
        return v;
      }
    };
  }
}
