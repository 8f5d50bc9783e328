package dev.rung.job.driver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The estimate of the time left, on fabricated states of a sweep. */
class EtaTest {

  /** A policy with these budgets (0 = none) and trials of at most 9 epochs. */
  private static SweepPolicy budget(int trials, long epochs, long millis) {
    return new SweepPolicy(null, 9, trials, epochs, millis, 0, 0, List.of("val_accuracy"), null);
  }

  private static Eta.Work work(
      long rateEpochs,
      long rateMillis,
      long epochsDone,
      long spent,
      int created,
      int[] finished,
      int[] open,
      int slots) {
    return new Eta.Work(rateEpochs, rateMillis, epochsDone, spent, created, finished, open, slots);
  }

  @Test
  void earlyInARunTheEstimateIsUnknownOrTheTimeBudgetLeft() {
    Eta.Work early = work(1, 20_000, 1, 20_000, 2, new int[0], new int[] {1, 0}, 2);
    assertFalse(Eta.of(early, budget(24, 0, 0)).known());
    assertFalse(Eta.of(early, budget(0, 100, 0)).known());
    Eta.Estimate bounded = Eta.of(early, budget(24, 0, 600_000));
    assertEquals(580_000, bounded.millis());
    assertTrue(bounded.atMost());
  }

  @Test
  void theTimeBudgetCountsEarlierRunsSoAResumeDoesNotRestartIt() {
    // 10 minutes of a 45-minute budget spent before, 1 minute in this run.
    Eta.Work resumed = work(6, 60_000, 40, 660_000, 12, new int[] {1, 1, 3}, new int[0], 2);
    Eta.Estimate e = Eta.of(resumed, budget(0, 0, 2_700_000));
    assertEquals(2_040_000, e.millis());
    assertFalse(e.atMost());
  }

  @Test
  void theEpochBudgetLeftAtThisRunsRate() {
    // 20 epochs in 40 s: half an epoch per second; 30 of 100 epochs left (70 done in all runs).
    Eta.Work w = work(20, 40_000, 70, 400_000, 20, new int[] {1, 3, 9}, new int[0], 2);
    assertEquals(60_000, Eta.of(w, budget(0, 100, 0)).millis());
    // A time budget that ends first wins.
    assertEquals(50_000, Eta.of(w, budget(0, 100, 450_000)).millis());
  }

  @Test
  void theTrialBudgetLeftFromTheLengthOfFinishedTrials() {
    // One epoch per second; finished trials trained 1, 1, 1 and 9 epochs (mean 3); 2 of 10
    // trials not started (6 epochs); open trials at 1 epoch (the finished that got that far:
    // mean 3, so 2 more) and at 3 epochs (only the 9-epoch one got that far: 6 more).
    Eta.Work w = work(14, 14_000, 14, 14_000, 8, new int[] {1, 1, 1, 9}, new int[] {1, 3}, 2);
    assertEquals(14_000, Eta.of(w, budget(10, 0, 0)).millis());
  }

  @Test
  void nearTheEndTheLongestTrialLeftOnOneSlotBoundsTheTime() {
    // Two epochs per second on 2 slots; the last open trial needs 6 more epochs on one slot: 6 s,
    // not the 3 s the whole rate would give.
    Eta.Work w = work(40, 20_000, 40, 20_000, 10, new int[] {1, 1, 9, 9}, new int[] {3}, 2);
    assertEquals(6_000, Eta.of(w, budget(10, 0, 0)).millis());
  }

  @Test
  void aResumedRunUsesItsOwnRateNotTheEarlierRuns() {
    // 100 epochs recorded before; this run trained 10 in 10 s (1/s); 50 of 160 epochs left.
    Eta.Work w = work(10, 10_000, 110, 500_000, 30, new int[] {1, 3, 9}, new int[0], 2);
    assertEquals(50_000, Eta.of(w, budget(0, 160, 0)).millis());
  }

  @Test
  void tooFewFinishedTrialsLeaveTheTrialBudgetUnknown() {
    Eta.Work w = work(10, 10_000, 10, 10_000, 4, new int[] {1, 1}, new int[] {3, 3}, 2);
    assertFalse(Eta.of(w, budget(10, 0, 0)).known());
  }

  @Test
  void theExpectedLengthOfAnOpenTrialIsThatOfTrialsThatGotAsFar() {
    int[] finished = {1, 1, 3, 9};
    assertEquals(3.5, Eta.expectedLength(finished, 1, 9));
    assertEquals(6.0, Eta.expectedLength(finished, 3, 9));
    assertEquals(9.0, Eta.expectedLength(finished, 5, 9));
    assertEquals(9.0, Eta.expectedLength(new int[] {1, 1}, 3, 9), "none got as far: the maximum");
  }
}
