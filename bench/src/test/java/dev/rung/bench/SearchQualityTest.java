package dev.rung.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.rung.samplers.RandomSampler;
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
}
