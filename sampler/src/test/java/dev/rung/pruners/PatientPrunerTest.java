package dev.rung.pruners;

import static dev.rung.pruners.Trials.history;
import static dev.rung.pruners.Trials.running;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rung.study.Direction;
import dev.rung.study.History;
import org.junit.jupiter.api.Test;

class PatientPrunerTest extends PrunerContract {

  @Override
  protected Pruner pruner() {
    return new PatientPruner(null, 3, 0.01);
  }

  @Override
  protected boolean monotone() {
    return false; // a better early value makes a later stall more visible
  }

  private static final History MIN = history(Direction.MINIMIZE);
  private static final History MAX = history(Direction.MAXIMIZE);
  private static final Pruner ALWAYS = (h, t) -> true;

  @Test
  void aStallLongerThanThePatienceIsPruned() {
    Pruner p = new PatientPruner(null, 2, 0);
    // before the last 3 steps: best 3; in them: best 3.1 -> stalled
    assertTrue(p.prune(MIN, running(0, 5, 4, 3, 3.5, 3.2, 3.1)));
    assertFalse(p.prune(MIN, running(0, 5, 4, 3, 3.5, 3.2, 2.9)), "improved in the window");
    assertFalse(p.prune(MIN, running(0, 5, 4, 3, 3.5, 3.2, 3.0)), "equal is not worse");
  }

  @Test
  void needsMoreThanPatiencePlusOneSteps() {
    Pruner p = new PatientPruner(null, 2, 0);
    assertFalse(p.prune(MIN, running(0, 1, 2, 3)));
    assertTrue(p.prune(MIN, running(0, 1, 2, 3, 4)));
  }

  @Test
  void minDeltaTolerance() {
    assertFalse(new PatientPruner(null, 2, 0.2).prune(MIN, running(0, 5, 4, 3, 3.5, 3.2, 3.1)));
    assertTrue(new PatientPruner(null, 2, 0.05).prune(MIN, running(0, 5, 4, 3, 3.5, 3.2, 3.1)));
  }

  @Test
  void maximizeMirrors() {
    Pruner p = new PatientPruner(null, 1, 0);
    assertTrue(p.prune(MAX, running(0, 1, 3, 2, 2.5)));
    assertFalse(p.prune(MAX, running(0, 1, 3, 2, 3.5)));
  }

  @Test
  void theWrappedPrunerDecidesForCandidates() {
    Pruner never = new PatientPruner(Pruner.none(), 1, 0);
    Pruner always = new PatientPruner(ALWAYS, 1, 0);
    assertFalse(never.prune(MIN, running(0, 1, 2, 3)), "stalled, but the wrapped one says no");
    assertTrue(always.prune(MIN, running(0, 1, 2, 3)));
    assertFalse(always.prune(MIN, running(0, 3, 2, 1)), "not stalled: never asks the wrapped one");
  }

  @Test
  void nanValuesAreIgnoredAndAllNaNWindowsNeverPrune() {
    Pruner p = new PatientPruner(null, 1, 0);
    assertTrue(p.prune(MIN, running(0, 1, Double.NaN, 2, 3)), "NaN skipped: best 1 then 2");
    assertFalse(p.prune(MIN, running(0, 1, 2, Double.NaN, Double.NaN)), "recent window all NaN");
    assertFalse(p.prune(MIN, running(0, Double.NaN, Double.NaN, 2, 3)), "earlier window all NaN");
  }

  @Test
  void rejectsBadSettingsNamingThem() {
    var e = assertThrows(IllegalArgumentException.class, () -> new PatientPruner(null, -1, 0));
    assertTrue(e.getMessage().contains("patience"));
    var d = assertThrows(IllegalArgumentException.class, () -> new PatientPruner(null, 1, -0.1));
    assertTrue(d.getMessage().contains("min delta"));
    assertThrows(IllegalArgumentException.class, () -> new PatientPruner(null, 1, Double.NaN));
  }
}
