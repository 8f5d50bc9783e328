package dev.rung.multi;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rung.study.Direction;
import dev.rung.study.FrozenTrial;
import dev.rung.study.Seeds;
import dev.rung.study.TrialState;
import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;

class ParetoFrontTest {

  /** Rank by definition: peel off the points no remaining point dominates, again and again. */
  static int[] bruteForceRanks(double[][] points) {
    int n = points.length;
    int[] rank = new int[n];
    java.util.Arrays.fill(rank, -1);
    int assigned = 0;
    for (int r = 0; assigned < n; r++) {
      List<Integer> layer = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        if (rank[i] >= 0) {
          continue;
        }
        boolean dominated = false;
        for (int j = 0; j < n && !dominated; j++) {
          dominated = j != i && rank[j] < 0 && bruteDominates(points[j], points[i]);
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

  private static boolean bruteDominates(double[] a, double[] b) {
    boolean allNoWorse = true;
    boolean someBetter = false;
    for (int k = 0; k < a.length; k++) {
      allNoWorse &= a[k] <= b[k];
      someBetter |= a[k] < b[k];
    }
    return allNoWorse && someBetter;
  }

  /** Points on a coarse integer grid (many ties and duplicates) or continuous. */
  private static double[][] randomPoints(RandomGenerator rng, int n, int d, boolean coarse) {
    double[][] pts = new double[n][d];
    for (double[] p : pts) {
      for (int k = 0; k < d; k++) {
        p[k] = coarse ? rng.nextInt(5) : rng.nextGaussian();
      }
    }
    // Exact copies of earlier points.
    for (int i = 1; i < n; i += 7) {
      pts[i] = pts[rng.nextInt(i)].clone();
    }
    return pts;
  }

  @Test
  void frontAndRanksMatchBruteForceOnRandomSets() {
    RandomGenerator rng = Seeds.rng(4711L);
    for (int d = 1; d <= 4; d++) {
      for (int rep = 0; rep < 60; rep++) {
        int n = 1 + rng.nextInt(rep < 30 ? 12 : 150);
        double[][] pts = randomPoints(rng, n, d, rep % 2 == 0);
        int[] expected = bruteForceRanks(pts);
        assertArrayEquals(expected, ParetoFront.ranks(pts), "ranks d=" + d + " rep=" + rep);
        boolean[] front = ParetoFront.nonDominated(pts);
        for (int i = 0; i < n; i++) {
          assertEquals(expected[i] == 0, front[i], "front d=" + d + " rep=" + rep + " i=" + i);
        }
      }
    }
  }

  @Test
  void manyFrontsInTwoAndThreeObjectives() {
    // Points on parallel lines x + y = c: each line is its own front (in 3-d with a third
    // objective equal to c, the lines stay fronts).
    List<double[]> pts = new ArrayList<>();
    for (int c = 9; c >= 0; c--) {
      for (int x = 0; x <= c; x++) {
        pts.add(new double[] {x, c - x});
      }
    }
    double[][] two = pts.toArray(new double[0][]);
    int[] rank = ParetoFront.ranks(two);
    for (int i = 0; i < two.length; i++) {
      assertEquals((int) (two[i][0] + two[i][1]), rank[i]);
    }
    assertEquals(10, ParetoFront.frontCount(rank));
    double[][] three = new double[two.length][];
    for (int i = 0; i < two.length; i++) {
      three[i] = new double[] {two[i][0], two[i][1], two[i][0] + two[i][1]};
    }
    assertArrayEquals(rank, ParetoFront.ranks(three));
  }

  @Test
  void duplicatesShareRankAndSignedZerosAreEqual() {
    double[][] pts = {{1, 1}, {0.0, 2}, {1, 1}, {-0.0, 2}, {2, 2}};
    assertArrayEquals(new int[] {0, 0, 0, 0, 1}, ParetoFront.ranks(pts));
    boolean[] front = ParetoFront.nonDominated(pts);
    assertTrue(front[1] && front[3]);
    assertFalse(front[4]);
  }

  @Test
  void ofNegatesMaximizedObjectivesAndKeepsDuplicates() {
    List<Direction> dirs = List.of(Direction.MINIMIZE, Direction.MAXIMIZE);
    List<FrozenTrial> trials =
        List.of(
            complete(0, 1, 1), // dominated by 2 (same loss, higher accuracy)
            complete(1, 0, 0),
            complete(2, 1, 5),
            complete(3, 1, 5),
            complete(4, 3, 6));
    List<Integer> front = ParetoFront.of(trials, dirs).stream().map(FrozenTrial::number).toList();
    assertEquals(List.of(1, 2, 3, 4), front);
  }

  @Test
  void invalidPointsAreRejectedWithTheirIndex() {
    var nan =
        assertThrows(
            IllegalArgumentException.class,
            () -> ParetoFront.ranks(new double[][] {{1, 2}, {Double.NaN, 0}}));
    assertEquals(
        "point 1 has NaN in objective 0: objective values must be numbers", nan.getMessage());
    var ragged =
        assertThrows(
            IllegalArgumentException.class,
            () -> ParetoFront.ranks(new double[][] {{1, 2}, {1, 2, 3}}));
    assertEquals("point 1 has 3 objectives but point 0 has 2", ragged.getMessage());
  }

  static FrozenTrial complete(int number, double... values) {
    List<Double> v = new ArrayList<>();
    for (double x : values) {
      v.add(x);
    }
    return FrozenTrial.create(number, TrialState.RUNNING, null)
        .finish(TrialState.COMPLETE, v, null, null);
  }
}
