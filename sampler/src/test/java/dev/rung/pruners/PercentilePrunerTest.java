package dev.rung.pruners;

import static dev.rung.pruners.Trials.complete;
import static dev.rung.pruners.Trials.flat;
import static dev.rung.pruners.Trials.history;
import static dev.rung.pruners.Trials.running;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rung.study.Direction;
import dev.rung.study.FrozenTrial;
import dev.rung.study.History;
import java.util.List;
import org.junit.jupiter.api.Test;

class PercentilePrunerTest extends PrunerContract {

  @Override
  protected Pruner pruner() {
    return PercentilePruner.median();
  }

  /** Five COMPLETE trials with the constant values 1..5 over 10 steps. */
  private static History fiveCompleted(Direction d) {
    return history(
        d,
        complete(0, flat(10, 1)),
        complete(1, flat(10, 2)),
        complete(2, flat(10, 3)),
        complete(3, flat(10, 4)),
        complete(4, flat(10, 5)));
  }

  @Test
  void prunesOnlyWhenTheBestSoFarIsWorseThanTheMedian() {
    History h = fiveCompleted(Direction.MINIMIZE);
    Pruner median = PercentilePruner.median();
    assertTrue(median.prune(h, running(5, 4, 3.5, 3.6)), "best 3.5 > median 3");
    assertFalse(median.prune(h, running(5, 4, 3.0, 3.6)), "best 3.0 == median 3 is not worse");
    assertFalse(median.prune(h, running(5, 2.5)), "2.5 < median 3");
  }

  @Test
  void maximizeUsesTheMirroredPercentile() {
    History h = fiveCompleted(Direction.MAXIMIZE);
    // 25th percentile for minimize = 2; for maximize the 75th percentile = 4 is the bar.
    Pruner p25 = PercentilePruner.of(25);
    assertTrue(p25.prune(h, running(5, 3.9)));
    assertFalse(p25.prune(h, running(5, 4.0)));
    assertTrue(p25.prune(fiveCompleted(Direction.MINIMIZE), running(5, 2.1)));
    assertFalse(p25.prune(fiveCompleted(Direction.MINIMIZE), running(5, 2.0)));
  }

  @Test
  void percentileInterpolatesLinearlyAndIgnoresNaN() {
    assertEquals(2.0, PercentilePruner.nanPercentile(List.of(1.0, 2.0, 3.0, 4.0, 5.0), 25));
    assertEquals(1.75, PercentilePruner.nanPercentile(List.of(4.0, 1.0, 2.0, Double.NaN), 37.5));
    assertTrue(Double.isNaN(PercentilePruner.nanPercentile(List.of(Double.NaN), 50)));
  }

  @Test
  void neverPrunesBeforeTheStartupTrialsComplete() {
    History four =
        history(
            Direction.MINIMIZE,
            complete(0, flat(10, 1)),
            complete(1, flat(10, 2)),
            complete(2, flat(10, 3)),
            complete(3, flat(10, 4)));
    assertFalse(PercentilePruner.median().prune(four, running(4, 100)));
    assertTrue(PercentilePruner.median().withStartupTrials(4).prune(four, running(4, 100)));
  }

  @Test
  void neverPrunesDuringWarmUp() {
    History h = fiveCompleted(Direction.MINIMIZE);
    Pruner p = PercentilePruner.median().withWarmupSteps(3);
    assertFalse(p.prune(h, running(5, 9, 9)), "step 2 < 3 warm-up steps");
    assertTrue(p.prune(h, running(5, 9, 9, 9)), "step 3 is past the warm-up");
  }

  @Test
  void decidesOnlyAtTheFirstReportOfEachInterval() {
    History h = fiveCompleted(Direction.MINIMIZE);
    Pruner p = PercentilePruner.median().withWarmupSteps(2).withIntervalSteps(3);
    // decision steps: 2, 5, 8
    assertTrue(p.prune(h, running(5, 9, 9)), "step 2");
    assertFalse(p.prune(h, running(5, 9, 9, 9)), "step 3 is inside an interval");
    assertTrue(p.prune(h, running(5, flat(5, 9))), "step 5");
    FrozenTrial skipping = running(5, 9).withIntermediate(6, 9); // steps 1 and 6
    assertTrue(p.prune(h, skipping), "step 6 is the first report since step 5");
    FrozenTrial after = skipping.withIntermediate(7, 9); // steps 1, 6, 7
    assertFalse(p.prune(h, after), "step 7 follows step 6 in the same interval");
  }

  @Test
  void needsMinTrialsReportedAtExactlyThisStep() {
    History h =
        history(
            Direction.MINIMIZE,
            complete(0, flat(10, 1)),
            complete(1, flat(10, 2)),
            complete(2, flat(10, 3)),
            complete(3, flat(3, 4)),
            complete(4, flat(3, 5)));
    FrozenTrial t = running(5, flat(8, 9));
    assertTrue(PercentilePruner.median().withMinTrials(3).prune(h, t), "3 trials at step 8");
    assertFalse(PercentilePruner.median().withMinTrials(4).prune(h, t), "only 3 at step 8");
    assertFalse(PercentilePruner.median().prune(h, running(5, flat(11, 9))), "none at step 11");
  }

  @Test
  void aTrialWithOnlyNaNIsPruned() {
    History h = fiveCompleted(Direction.MINIMIZE);
    assertTrue(PercentilePruner.median().prune(h, running(5, Double.NaN, Double.NaN)));
    assertFalse(PercentilePruner.median().prune(h, running(5, 1, Double.NaN)), "best is 1");
  }

  @Test
  void rejectsBadSettingsNamingThem() {
    var e = assertThrows(IllegalArgumentException.class, () -> PercentilePruner.of(101));
    assertTrue(e.getMessage().contains("percentile"));
    assertThrows(IllegalArgumentException.class, () -> PercentilePruner.of(Double.NaN));
    var w =
        assertThrows(
            IllegalArgumentException.class, () -> PercentilePruner.median().withWarmupSteps(-1));
    assertTrue(w.getMessage().contains("warm-up"));
    assertThrows(
        IllegalArgumentException.class, () -> PercentilePruner.median().withIntervalSteps(0));
    assertThrows(IllegalArgumentException.class, () -> PercentilePruner.median().withMinTrials(0));
  }
}
