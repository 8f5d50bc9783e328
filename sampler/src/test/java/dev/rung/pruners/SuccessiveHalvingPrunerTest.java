package dev.rung.pruners;

import static dev.rung.pruners.Trials.complete;
import static dev.rung.pruners.Trials.history;
import static dev.rung.pruners.Trials.running;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rung.study.Direction;
import dev.rung.study.FrozenTrial;
import dev.rung.study.History;
import org.junit.jupiter.api.Test;

class SuccessiveHalvingPrunerTest extends PrunerContract {

  @Override
  protected Pruner pruner() {
    return SuccessiveHalvingPruner.of(1, 3);
  }

  /** Five COMPLETE trials whose step-1 values are 0.5, 0.2, 0.8, 0.4, 0.6 (then 0.1 to step 10). */
  private static History fiveAtRungZero(Direction d) {
    double[] first = {0.5, 0.2, 0.8, 0.4, 0.6};
    FrozenTrial[] trials = new FrozenTrial[5];
    for (int i = 0; i < 5; i++) {
      double[] curve = Trials.flat(10, 0.1);
      curve[0] = d == Direction.MINIMIZE ? first[i] : -first[i];
      trials[i] = complete(i, curve);
    }
    return history(d, trials);
  }

  @Test
  void continuesOnlyInTheTopThirdOfItsRung() {
    // rung 0 at step 1: 6 values with the new one, top floor(6/3) = 2
    History h = fiveAtRungZero(Direction.MINIMIZE);
    Pruner sh = SuccessiveHalvingPruner.of(1, 3);
    assertFalse(sh.prune(h, running(5, 0.3)), "0.3 is the 2nd best of 0.2 0.3 0.4 0.5 0.6 0.8");
    assertFalse(sh.prune(h, running(5, 0.4)), "ties with the 2nd best pass");
    assertTrue(sh.prune(h, running(5, 0.45)), "0.45 is 3rd");
  }

  @Test
  void maximizeMirrors() {
    History h = fiveAtRungZero(Direction.MAXIMIZE);
    Pruner sh = SuccessiveHalvingPruner.of(1, 3);
    assertFalse(sh.prune(h, running(5, -0.3)));
    assertTrue(sh.prune(h, running(5, -0.45)));
  }

  @Test
  void withFewerThanEtaTrialsOnlyTheBestSoFarContinues() {
    History one = history(Direction.MINIMIZE, complete(0, 0.5, 0.4, 0.3));
    Pruner sh = SuccessiveHalvingPruner.of(1, 3);
    assertFalse(sh.prune(history(Direction.MINIMIZE), running(0, 99)), "alone: the best");
    assertFalse(sh.prune(one, running(1, 0.5)), "tied with the best");
    assertTrue(sh.prune(one, running(1, 0.6)), "2 at the rung, top max(1, 0) = the best");
  }

  @Test
  void aRungIsDecidedOnlyByTheReportThatReachesIt() {
    History h = fiveAtRungZero(Direction.MINIMIZE);
    Pruner sh = SuccessiveHalvingPruner.of(1, 3);
    assertFalse(sh.prune(h, running(5, 0.3, 99)), "step 2 is no rung (rungs 1, 3, 9)");
    // step 3: the five have 0.1 there, the new one 99 -> out
    assertTrue(sh.prune(h, running(5, 0.3, 99, 99)));
    // reports at steps 1 and 10 only: rungs 3 and 9 are both decided with the value at 10
    FrozenTrial jump = running(5, 0.3).withIntermediate(10, 0.1);
    assertFalse(sh.prune(h, jump));
    assertTrue(sh.prune(h, running(5, 0.3).withIntermediate(10, 0.2)));
  }

  @Test
  void minEarlyStoppingRateShiftsTheRungs() {
    History h = fiveAtRungZero(Direction.MINIMIZE);
    Pruner s1 = SuccessiveHalvingPruner.of(1, 3).withMinEarlyStoppingRate(1);
    assertFalse(s1.prune(h, running(5, 0.9)), "no rung at step 1 with s = 1");
    assertTrue(s1.prune(h, running(5, 0.9, 0.9, 0.9)), "first rung at step 3");
  }

  @Test
  void bootstrapStopsTheFirstTrialsOfEachRung() {
    Pruner sh = SuccessiveHalvingPruner.of(1, 3).withBootstrapCount(2);
    assertTrue(sh.prune(history(Direction.MINIMIZE), running(0, 0.1)), "1st at the rung");
    assertTrue(
        sh.prune(history(Direction.MINIMIZE, complete(0, 0.5)), running(1, 0.1)), "2nd at it");
    assertFalse(
        sh.prune(history(Direction.MINIMIZE, complete(0, 0.5), complete(1, 0.6)), running(2, 0.1)),
        "3rd, and the best");
  }

  @Test
  void nanAtARungStopsNaNBetweenRungsDoesNot() {
    History h = fiveAtRungZero(Direction.MINIMIZE);
    Pruner sh = SuccessiveHalvingPruner.of(1, 3);
    assertTrue(sh.prune(h, running(5, Double.NaN)));
    assertFalse(sh.prune(h, running(5, 0.1, Double.NaN)));
  }

  @Test
  void autoMinResourceWaitsForACompletedTrial() {
    Pruner auto = SuccessiveHalvingPruner.defaults();
    History none = history(Direction.MINIMIZE, Trials.pruned(0, 0.1, 0.1, 0.1));
    assertFalse(auto.prune(none, running(1, 9, 9, 9)), "no COMPLETE trial yet");
    FrozenTrial long1 = complete(0, Trials.flat(300, 0.1));
    History h = history(Direction.MINIMIZE, long1);
    assertEquals(3, SuccessiveHalvingPruner.defaults().resolvedMinResource(h).getAsInt());
    assertFalse(auto.prune(h, running(1, 9, 9)), "min resource 300 / 100 = 3: no rung at 2");
    assertTrue(auto.prune(h, running(1, 9, 9, 9)), "rung 0 at step 3");
  }

  @Test
  void rejectsBadSettingsNamingThem() {
    var eta = assertThrows(IllegalArgumentException.class, () -> SuccessiveHalvingPruner.of(1, 1));
    assertTrue(eta.getMessage().contains("reduction factor"));
    var boot =
        assertThrows(
            IllegalArgumentException.class,
            () -> SuccessiveHalvingPruner.defaults().withBootstrapCount(1));
    assertTrue(boot.getMessage().contains("bootstrap"));
    assertThrows(IllegalArgumentException.class, () -> SuccessiveHalvingPruner.of(-1, 3));
  }
}
