package dev.rung.samplers.nsga2;

import static dev.rung.samplers.nsga2.Populations.MIN2;
import static dev.rung.samplers.nsga2.Populations.numbers;
import static dev.rung.samplers.nsga2.Populations.trial;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.rung.study.FrozenTrial;
import java.util.List;
import org.junit.jupiter.api.Test;

class EliteSelectionTest {
  // Front 0: A(0,4) B(1,1) C(4,0). Front 1: D(1,5) E(2,2) F(5,1), each dominated by a front-0
  // member (A, B, C) and not by each other. In front 1, D and F are boundaries (infinite crowding
  // distance), E is interior.
  private static final List<FrozenTrial> POPULATION =
      List.of(
          trial(0, 0, 4),
          trial(1, 1, 1),
          trial(2, 4, 0),
          trial(3, 1, 5),
          trial(4, 2, 2),
          trial(5, 5, 1));

  @Test
  void wholeFrontsWhileTheyFitThenLargestCrowdingDistance() {
    assertEquals(List.of(0, 1, 2), numbers(EliteSelection.select(POPULATION, MIN2, 3)));
    assertEquals(List.of(0, 1, 2, 3, 5), numbers(EliteSelection.select(POPULATION, MIN2, 5)));
    // D and F tie at infinity: the lower trial number goes first.
    assertEquals(List.of(0, 1, 2, 3), numbers(EliteSelection.select(POPULATION, MIN2, 4)));
    assertEquals(List.of(0, 1, 2, 3, 4, 5), numbers(EliteSelection.select(POPULATION, MIN2, 6)));
    assertEquals(List.of(0, 1, 2, 3, 4, 5), numbers(EliteSelection.select(POPULATION, MIN2, 50)));
  }

  @Test
  void cutFrontKeepsTheMostIsolatedInteriorPoints() {
    // One front of 5 points on a line; boundaries are 10 and 14, interior distances: 11 -> (12 -
    // 10)/4 * 2 = 1.0, 12 -> (13.9 - 11)/4 * 2 = 1.45, 13.9 -> (14 - 12)/4 * 2 = 1.0.
    List<FrozenTrial> front =
        List.of(
            trial(0, 10, 14),
            trial(1, 11, 13),
            trial(2, 12, 12),
            trial(3, 13.9, 10.1),
            trial(4, 14, 10));
    assertEquals(List.of(0, 4, 2), numbers(EliteSelection.mostSpreadOut(front, MIN2, 3)));
    assertEquals(List.of(0, 4, 2, 1), numbers(EliteSelection.mostSpreadOut(front, MIN2, 4)));
  }

  @Test
  void feasibleTrialsComeBeforeInfeasibleOnesWhateverTheirValues() {
    List<FrozenTrial> population =
        List.of(
            trial(0, 0, 0).withConstraints(List.of(0.3)),
            trial(1, 9, 9).withConstraints(List.of(-1.0)),
            trial(2, 1, 1).withConstraints(List.of(0.1)),
            trial(3, 8, 9).withConstraints(List.of(0.0)),
            trial(4, 0, 0).withConstraints(List.of(2.0)));
    assertEquals(List.of(3, 1, 2), numbers(EliteSelection.select(population, MIN2, 3)));
    assertEquals(List.of(3, 1, 2, 0), numbers(EliteSelection.select(population, MIN2, 4)));
  }
}
