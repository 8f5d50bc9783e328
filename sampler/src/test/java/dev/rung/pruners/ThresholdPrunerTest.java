package dev.rung.pruners;

import static dev.rung.pruners.Trials.history;
import static dev.rung.pruners.Trials.running;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rung.study.Direction;
import dev.rung.study.History;
import org.junit.jupiter.api.Test;

class ThresholdPrunerTest extends PrunerContract {

  @Override
  protected Pruner pruner() {
    // an upper bound is monotone for minimized objectives only: keep the contract to that case
    return ThresholdPruner.upper(1.2);
  }

  @Override
  protected boolean monotone() {
    return false;
  }

  private static final History EMPTY = history(Direction.MINIMIZE);

  @Test
  void upperBoundIsInclusive() {
    Pruner p = ThresholdPruner.upper(1.0);
    assertFalse(p.prune(EMPTY, running(0, 5, 1.0)), "only the latest value counts; 1.0 <= 1.0");
    assertTrue(p.prune(EMPTY, running(0, 0, Math.nextUp(1.0))));
  }

  @Test
  void lowerBoundIsInclusive() {
    Pruner p = ThresholdPruner.lower(0.5);
    assertFalse(p.prune(EMPTY, running(0, 0.5)));
    assertTrue(p.prune(EMPTY, running(0, 0.49)));
    assertTrue(new ThresholdPruner(0, 1, 0, 1).prune(EMPTY, running(0, -0.1)));
  }

  @Test
  void nanLatestValueIsPrunedEarlierNaNIsNot() {
    Pruner p = ThresholdPruner.upper(1.0);
    assertTrue(p.prune(EMPTY, running(0, 0.5, Double.NaN)));
    assertFalse(p.prune(EMPTY, running(0, Double.NaN, 0.5)));
  }

  @Test
  void infiniteValuesAreOutsideFiniteBounds() {
    assertTrue(ThresholdPruner.upper(1.0).prune(EMPTY, running(0, Double.POSITIVE_INFINITY)));
    assertTrue(ThresholdPruner.lower(0).prune(EMPTY, running(0, Double.NEGATIVE_INFINITY)));
  }

  @Test
  void warmUpAndIntervalGateDecisions() {
    Pruner p = ThresholdPruner.upper(1.0).withWarmupSteps(2).withIntervalSteps(2);
    assertFalse(p.prune(EMPTY, running(0, 9)), "step 1 is in the warm-up");
    assertFalse(p.prune(EMPTY, running(0, 9, 9, 9)), "step 3 is inside an interval");
    assertTrue(p.prune(EMPTY, running(0, 9, 9, 9, 9)), "step 4");
  }

  @Test
  void rejectsBadBoundsNamingThem() {
    var both =
        assertThrows(
            IllegalArgumentException.class,
            () -> new ThresholdPruner(Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY, 0, 1));
    assertTrue(both.getMessage().contains("bound"));
    var order = assertThrows(IllegalArgumentException.class, () -> new ThresholdPruner(2, 1, 0, 1));
    assertTrue(order.getMessage().contains("lower bound 2.0"));
    assertThrows(IllegalArgumentException.class, () -> ThresholdPruner.upper(Double.NaN));
  }
}
