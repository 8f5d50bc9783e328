package dev.rung.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.rung.distributions.Distribution;
import dev.rung.samplers.RandomSampler;
import dev.rung.samplers.Sampler;
import dev.rung.study.FrozenTrial;
import dev.rung.study.History;
import dev.rung.study.TrialState;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SearchQualityTest {
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
    RandomSampler random = new RandomSampler(1);
    Sampler counting =
        new Sampler() {
          @Override
          public double sampleIndependent(
              History history, FrozenTrial trial, String name, Distribution d) {
            if (name.equals("x")) {
              runningAtAsk.add(history.trials(TrialState.RUNNING).size() - 1);
            }
            return random.sampleIndependent(history, trial, name, d);
          }
        };
    Problem p = new Problem("plain", 0, t -> t.suggestFloat("x", 0, 1), null);
    SearchQuality.Run run = SearchQuality.run(p, counting, 10, 3);
    assertEquals(List.of(0, 1, 2, 3, 3, 3, 3, 3, 3, 3), runningAtAsk);
    assertEquals(10, run.bestAfter().length);
    // Without trials in flight, nothing else runs when a trial is asked.
    runningAtAsk.clear();
    SearchQuality.run(p, counting, 5, 0);
    assertEquals(List.of(0, 0, 0, 0, 0), runningAtAsk);
  }
}
