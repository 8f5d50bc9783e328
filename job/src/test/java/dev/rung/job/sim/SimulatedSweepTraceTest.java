package dev.rung.job.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rung.job.config.SweepConfig;
import dev.rung.study.FrozenTrial;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * What a simulated sweep's trace records about the trials it tried: each with the value it would
 * have reached trained to the end, whether the sweep trained it that far or stopped it.
 */
class SimulatedSweepTraceTest {
  private static final int EPOCHS = 27;

  private static SimulatedSweep.Trace run(int slots) throws InterruptedException {
    SweepConfig c =
        MisleadingFirstRungTest.config(
            "traced", 15 * EPOCHS, List.of("execution.parallelism=" + slots, "sampler.seed=3"));
    return SimulatedSweep.run(c, MisleadingFirstRungTest.REVERSED, slots);
  }

  @Test
  void everyTrialIsTriedOnceWithItsValueAtTheFullResource() throws InterruptedException {
    SimulatedSweep.Trace t = run(1);
    List<FrozenTrial> trials = t.history();
    assertEquals(t.trials(), t.tried().size());
    assertTrue(t.complete() < t.trials(), "the rungs stopped some trials: " + t.complete());
    // One slot: the trials are tried in the order of their numbers.
    for (int i = 0; i < trials.size(); i++) {
      double full = MisleadingFirstRungTest.REVERSED.value(trials.get(i).params(), 0, EPOCHS);
      assertEquals(full, t.tried().get(i).fullValue(), 0, "trial " + i);
      if (i > 0) {
        assertTrue(t.tried().get(i).epochs() > t.tried().get(i - 1).epochs(), "trial " + i);
      }
    }
  }

  @Test
  void theBestTriedIsAtLeastTheBestTrainedAtEveryBudget() throws InterruptedException {
    for (int slots : new int[] {1, 4}) {
      SimulatedSweep.Trace t = run(slots);
      assertEquals(t.trials(), t.triedWithin(Double.MAX_VALUE));
      assertEquals(t.complete(), t.finishedWithin(Double.MAX_VALUE));
      assertEquals(0, t.triedWithin(0));
      assertTrue(Double.isNaN(t.bestTriedAt(0, true)));
      boolean stoppedBetter = false;
      for (int budget = EPOCHS; budget <= 15 * EPOCHS; budget += EPOCHS) {
        double trained = t.bestAt(budget);
        double tried = t.bestTriedAt(budget, true);
        assertTrue(t.finishedWithin(budget) <= t.triedWithin(budget), "budget " + budget);
        // A trial trained to the end within the budget was tried within it, with the same value.
        assertTrue(Double.isNaN(trained) || tried >= trained, slots + " slots, budget " + budget);
        stoppedBetter |= !Double.isNaN(trained) && tried > trained;
      }
      assertTrue(
          stoppedBetter,
          slots + " slots: at some budget a trial not trained to the end beat every trained one");
      // Minimizing reads the other end of the same values.
      double min = t.bestTriedAt(Double.MAX_VALUE, false);
      for (SimulatedSweep.Tried tr : t.tried()) {
        assertTrue(min <= tr.fullValue());
      }
    }
  }
}
