package dev.rung.multi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rung.study.Direction;
import dev.rung.study.FrozenTrial;
import dev.rung.study.TrialState;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The export rules on a front worked out by hand. */
class FrontSelectionTest {
  private static final List<Direction> DIRECTIONS = List.of(Direction.MAXIMIZE, Direction.MINIMIZE);
  private static final List<String> METRICS = List.of("val_accuracy", "latency_ms");

  private static FrozenTrial trial(int number, double accuracy, double latency) {
    return FrozenTrial.create(number, TrialState.RUNNING, null)
        .finish(TrialState.COMPLETE, List.of(accuracy, latency), Instant.EPOCH, null);
  }

  /*
   * Scaled to [0, 1] over the front (0 = best): accuracy 0.6..0.9, latency 1..10.
   *   trial 0 (0.90, 10): (0, 1)        squared distance 1
   *   trial 1 (0.80,  2): (1/3, 1/9)    0.123  <- the knee
   *   trial 2 (0.85,  5): (1/6, 4/9)    0.225
   *   trial 3 (0.60,  1): (1, 0)        1
   */
  private static final List<FrozenTrial> FRONT =
      List.of(trial(0, 0.9, 10), trial(1, 0.8, 2), trial(2, 0.85, 5), trial(3, 0.6, 1));

  private static int select(String rule, List<Double> weights) {
    return FrontSelection.parse(rule, weights, METRICS).select(FRONT, DIRECTIONS).trial().number();
  }

  @Test
  void theKneeIsTheMemberClosestToTheIdealPoint() {
    assertEquals(1, select("knee", List.of()));
  }

  @Test
  void weightsPickTheSmallestWeightedSum() {
    assertEquals(0, select("weights", List.of(1.0, 0.0)), "accuracy alone");
    assertEquals(3, select("weights", List.of(0.0, 1.0)), "latency alone");
    // 1:1 -> sums 1, 0.444, 0.611, 1: trial 1.
    assertEquals(1, select("weights", List.of(1.0, 1.0)));
  }

  @Test
  void aBoundThenTheBestOfTheOtherObjective() {
    assertEquals(2, select("latency_ms <= 5 then best val_accuracy", List.of()));
    assertEquals(1, select("val_accuracy >= 0.8 then best latency_ms", List.of()));
    FrontSelection.Choice none =
        FrontSelection.parse("latency_ms <= 0.5 then best val_accuracy", List.of(), METRICS)
            .select(FRONT, DIRECTIONS);
    assertEquals(1, none.trial().number(), "none within the bound: the knee");
    assertTrue(none.note().contains("latency_ms <= 0.5"), none.note());
    assertNull(FrontSelection.parse("knee", List.of(), METRICS).select(FRONT, DIRECTIONS).note());
  }

  @Test
  void rulesThatDoNotFitTheStudyAreRefusedSayingWhy() {
    assertTrue(
        assertThrows(IllegalArgumentException.class, () -> select("closest", List.of()))
            .getMessage()
            .contains("expected knee, weights, or"));
    assertTrue(
        assertThrows(IllegalArgumentException.class, () -> select("weights", List.of(1.0)))
            .getMessage()
            .contains("one weight per metric"));
    assertTrue(
        assertThrows(
                IllegalArgumentException.class,
                () -> select("latency <= 5 then best val_accuracy", List.of()))
            .getMessage()
            .contains("'latency', which is not one of the study's metrics"));
    assertTrue(
        assertThrows(IllegalArgumentException.class, () -> select("weights", List.of(0.0, 0.0)))
            .getMessage()
            .contains("all 0"));
    assertTrue(
        assertThrows(IllegalArgumentException.class, () -> select("knee", List.of(1.0, 1.0)))
            .getMessage()
            .contains("uses none"));
  }
}
