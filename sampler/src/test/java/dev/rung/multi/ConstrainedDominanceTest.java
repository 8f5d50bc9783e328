package dev.rung.multi;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rung.study.Direction;
import dev.rung.study.FrozenTrial;
import dev.rung.study.Seeds;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;

class ConstrainedDominanceTest {
  private static final List<Direction> MIN2 = List.of(Direction.MINIMIZE, Direction.MINIMIZE);

  static FrozenTrial trial(int number, double[] values, double... constraints) {
    List<Double> c = new ArrayList<>();
    for (double x : constraints) {
      c.add(x);
    }
    return ParetoFrontTest.complete(number, values).withConstraints(c);
  }

  @Test
  void feasibleBeatsInfeasibleWhateverTheValues() {
    FrozenTrial feasible = trial(0, new double[] {10, 10}, -1, 0);
    FrozenTrial infeasible = trial(1, new double[] {0, 0}, 0.5, -3);
    assertTrue(ConstrainedDominance.dominates(feasible, infeasible, MIN2));
    assertFalse(ConstrainedDominance.dominates(infeasible, feasible, MIN2));
  }

  @Test
  void infeasibleCompareByTotalViolationOnly() {
    FrozenTrial small = trial(0, new double[] {9, 9}, 0.2, 0.3, -5); // violation 0.5
    FrozenTrial large = trial(1, new double[] {0, 0}, 0.6, -1); // violation 0.6
    FrozenTrial same = trial(2, new double[] {1, 1}, 0.5); // violation 0.5
    assertTrue(ConstrainedDominance.dominates(small, large, MIN2));
    assertFalse(ConstrainedDominance.dominates(large, small, MIN2));
    assertFalse(ConstrainedDominance.dominates(small, same, MIN2));
    assertFalse(ConstrainedDominance.dominates(same, small, MIN2));
  }

  @Test
  void feasibleTrialsUseParetoDominanceWithDirections() {
    List<Direction> dirs = List.of(Direction.MINIMIZE, Direction.MAXIMIZE);
    FrozenTrial a = trial(0, new double[] {1, 5}, 0);
    FrozenTrial b = trial(1, new double[] {1, 4}, -2);
    FrozenTrial noConstraints = ParetoFrontTest.complete(2, 2, 3);
    assertTrue(ConstrainedDominance.dominates(a, b, dirs));
    assertFalse(ConstrainedDominance.dominates(b, a, dirs));
    // A trial without constraints counts as feasible: plain Pareto comparison.
    assertTrue(ConstrainedDominance.dominates(a, noConstraints, dirs));
    assertFalse(ConstrainedDominance.dominates(noConstraints, b, dirs));
  }

  @Test
  void ranksMatchBruteForceUnderConstrainedDomination() {
    RandomGenerator rng = Seeds.rng(99L);
    for (int rep = 0; rep < 40; rep++) {
      int n = 1 + rng.nextInt(40);
      List<FrozenTrial> trials = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        double[] v = {rng.nextInt(4), rng.nextInt(4)};
        double[] c =
            rng.nextInt(3) == 0
                ? new double[] {rng.nextInt(3) - 1.0, rng.nextInt(2) * 0.5}
                : new double[] {-1};
        trials.add(trial(i, v, c));
      }
      assertArrayEquals(bruteForce(trials), ConstrainedDominance.ranks(trials, MIN2), "rep " + rep);
    }
  }

  @Test
  void infeasibleRanksComeAfterEveryFeasibleFront() {
    List<FrozenTrial> trials =
        List.of(
            trial(0, new double[] {0, 0}, 1.0),
            trial(1, new double[] {5, 5}, -1),
            trial(2, new double[] {6, 6}, -1),
            trial(3, new double[] {0, 0}, 2.0),
            trial(4, new double[] {9, 9}, 0.5, 0.5));
    assertArrayEquals(new int[] {2, 0, 1, 3, 2}, ConstrainedDominance.ranks(trials, MIN2));
  }

  private static int[] bruteForce(List<FrozenTrial> trials) {
    int n = trials.size();
    int[] rank = new int[n];
    Arrays.fill(rank, -1);
    int assigned = 0;
    for (int r = 0; assigned < n; r++) {
      List<Integer> layer = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        if (rank[i] >= 0) {
          continue;
        }
        boolean dominated = false;
        for (int j = 0; j < n && !dominated; j++) {
          dominated =
              rank[j] < 0
                  && j != i
                  && ConstrainedDominance.dominates(trials.get(j), trials.get(i), MIN2);
        }
        if (!dominated) {
          layer.add(i);
        }
      }
      for (int i : layer) {
        rank[i] = r;
      }
      assigned += layer.size();
    }
    return rank;
  }
}
