package dev.rung.pruners;

import static dev.rung.pruners.Trials.paused;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import dev.rung.pruners.AshaScheduler.NewTrial;
import dev.rung.pruners.AshaScheduler.Promotion;
import dev.rung.study.Direction;
import dev.rung.study.FrozenTrial;
import dev.rung.study.History;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Promotion by Pareto rank against hand-worked rungs: the order is non-domination rank, then
 * crowding distance, and a paused trial goes on when it is within the first {@code floor(n / eta)}.
 */
class ParetoPromotionTest {
  private static final List<Direction> ACCURACY_LATENCY =
      List.of(Direction.MAXIMIZE, Direction.MINIMIZE);

  /** One bracket, rungs at steps 1 and 3, full resource 9, eta 3. */
  private static final AshaScheduler ASHA = AshaScheduler.asha(1, 9, 3, 0, 0);

  /** A trial paused at step 1 whose objectives there were {@code objectives}. */
  private static FrozenTrial at1(int number, double... objectives) {
    return RungAttrs.withObjectivesAt(paused(number, 1, objectives[0]), 1, objectives);
  }

  private static History history(List<Direction> directions, FrozenTrial... trials) {
    return new History("mo", directions, List.of(trials));
  }

  /*
   * Accuracy (max) and latency (min) at rung 1:
   *   A 0.90 5 | B 0.80 1 | C 0.70 3 | D 0.85 6 | E 0.60 2 | F 0.50 7
   * B dominates C and E; A dominates D; everyone dominates F. Front 0 = {A, B}; without them C, D
   * and E trade accuracy for latency: front 1 = {C, D, E}, where D and E are the ends (infinite
   * crowding distance) and C the middle; front 2 = {F}. Six trials, eta 3: A and B go on.
   */
  private static final double[][] RUNG = {
    {0.90, 5}, {0.80, 1}, {0.70, 3}, {0.85, 6}, {0.60, 2}, {0.50, 7}
  };

  @Test
  void theOrderIsRankThenCrowding() {
    List<double[]> points = new ArrayList<>(List.of(RUNG));
    List<Integer> order = ParetoPromotion.order(points, ACCURACY_LATENCY);
    assertEquals(List.of(0, 1), order.subList(0, 2).stream().sorted().toList(), "front 0");
    assertEquals(List.of(3, 4, 2), order.subList(2, 5), "front 1: its ends first, by index");
    assertEquals(5, (int) order.get(5), "front 2");
  }

  @Test
  void aFastLessAccurateTrialIsPromotedWhereTheFirstObjectiveAloneWouldNot() {
    FrozenTrial[] trials = new FrozenTrial[6];
    for (int i = 0; i < 6; i++) {
      trials[i] = at1(i, RUNG[i]);
    }
    // Trial 0 (A) was promoted already and trains on to step 3; B waits at rung 1.
    trials[0] = trials[0].withSystemAttr(RungAttrs.TARGET_STEP, 3);
    assertEquals(new Promotion(1, 0, 0, 1, 3), ASHA.next(history(ACCURACY_LATENCY, trials)));
    // By accuracy alone B (0.80) is third of six, behind A and D: the rule promotes D instead.
    History firstOnly = new History("mo", List.of(Direction.MAXIMIZE), List.of(trials));
    assertEquals(new Promotion(3, 0, 0, 1, 3), ASHA.next(firstOnly));
  }

  @Test
  void aDominatedTrialWaitsAndATrialWithoutObjectivesRanksLast() {
    // Only C, D, E, F wait (A and B went on): the first of them in order, D, is third: none goes.
    FrozenTrial[] trials = new FrozenTrial[6];
    for (int i = 0; i < 6; i++) {
      trials[i] = at1(i, RUNG[i]);
    }
    trials[0] = trials[0].withSystemAttr(RungAttrs.TARGET_STEP, 3);
    trials[1] = trials[1].withSystemAttr(RungAttrs.TARGET_STEP, 3);
    assertInstanceOf(NewTrial.class, ASHA.next(history(ACCURACY_LATENCY, trials)));
    // A trial whose objectives at the rung were not recorded ranks after all others.
    List<double[]> points = new ArrayList<>(List.of(RUNG));
    points.add(0, new double[] {Double.NaN, 1});
    assertEquals(0, (int) ParetoPromotion.order(points, ACCURACY_LATENCY).get(6));
  }

  @Test
  void threeObjectivesRankByTheirFronts() {
    List<Direction> three = List.of(Direction.MAXIMIZE, Direction.MINIMIZE, Direction.MINIMIZE);
    // 0 dominates 3; 1 and 2 trade off against 0; 3 is the only dominated point.
    List<double[]> points =
        List.of(
            new double[] {0.9, 5, 100},
            new double[] {0.8, 1, 300},
            new double[] {0.7, 6, 50},
            new double[] {0.85, 6, 200});
    List<Integer> order = ParetoPromotion.order(points, three);
    assertEquals(3, (int) order.get(3));
    FrozenTrial[] trials = new FrozenTrial[points.size()];
    for (int i = 0; i < trials.length; i++) {
      trials[i] = at1(i, points.get(i));
    }
    // Four at the rung, eta 3: one goes on; every front-0 point has infinite crowding, so the
    // lowest-numbered of them leads.
    assertEquals(new Promotion(0, 0, 0, 1, 3), ASHA.next(history(three, trials)));
  }
}
