package dev.rung.multi;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.rung.study.Seeds;
import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;

class HypervolumeTest {

  @Test
  void twoDimensionalStaircaseByHand() {
    double[][] pts = {{1, 3}, {2, 2}, {3, 1}};
    // Reference (4, 4): boxes 3x1 + 2x1 + 1x1 stacked as a staircase = 3 + 2 + 1 = 6.
    assertEquals(6.0, Hypervolume.of(pts, new double[] {4, 4}), 1e-12);
  }

  @Test
  void dominatedAndOutsidePointsAddNothing() {
    double[][] pts = {{1, 1}, {2, 2}, {5, 0}, {1, 1}};
    assertEquals(9.0, Hypervolume.of(pts, new double[] {4, 4}), 1e-12);
  }

  @Test
  void threeDimensionalByHand() {
    // Two unit-offset boxes overlapping in a 1x1x1 cube.
    double[][] pts = {{0, 1, 1}, {1, 0, 1}};
    // Each box: 2*1*1 ... reference (2,2,2): box(0,1,1)=2*1*1=2, box(1,0,1)=1*2*1=2, overlap
    // 1*1*1=1.
    assertEquals(3.0, Hypervolume.of(pts, new double[] {2, 2, 2}), 1e-12);
  }

  /** Exact hypervolume equals the volume counted on a grid, for random points on that grid. */
  @Test
  void matchesGridCountingInThreeAndFourDimensions() {
    RandomGenerator rng = Seeds.rng(20261123L);
    for (int d = 3; d <= 4; d++) {
      for (int rep = 0; rep < 20; rep++) {
        int n = 1 + rng.nextInt(8);
        double[][] pts = new double[n][d];
        for (double[] p : pts) {
          for (int k = 0; k < d; k++) {
            p[k] = rng.nextInt(6);
          }
        }
        double[] ref = new double[d];
        java.util.Arrays.fill(ref, 6);
        assertEquals(gridCount(pts, d, 6), Hypervolume.of(pts, ref), 1e-9, "d=" + d);
      }
    }
  }

  private static double gridCount(double[][] pts, int d, int size) {
    int cells = (int) Math.pow(size, d);
    int count = 0;
    for (int c = 0; c < cells; c++) {
      int[] cell = new int[d];
      int rest = c;
      for (int k = 0; k < d; k++) {
        cell[k] = rest % size;
        rest /= size;
      }
      for (double[] p : pts) {
        boolean covers = true;
        for (int k = 0; k < d; k++) {
          covers &= p[k] <= cell[k];
        }
        if (covers) {
          count++;
          break;
        }
      }
    }
    return count;
  }

  @Test
  void greedySubsetPicksLargestContributionsFirst() {
    double[][] pts = {{1, 3}, {2, 2}, {3, 1}, {0.5, 3.9}};
    double[] ref = {4, 4};
    int[] chosen = Hypervolume.greedySubset(pts, ref, 2);
    // (2,2) alone covers 4, the most of any single point; then (1,3) or (3,1) each add 1,
    // (0.5,3.9) adds 0.15: the lower index of the tie wins.
    assertArrayEquals(new int[] {1, 0}, chosen);
  }

  @Test
  void contributionIsDifferenceOfHypervolumes() {
    RandomGenerator rng = Seeds.rng(7L);
    double[] ref = {1, 1, 1};
    List<double[]> set = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      set.add(new double[] {rng.nextDouble(), rng.nextDouble(), rng.nextDouble()});
    }
    double[] p = {0.3, 0.4, 0.2};
    double before = Hypervolume.of(set.toArray(new double[0][]), ref);
    set.add(p);
    double after = Hypervolume.of(set.toArray(new double[0][]), ref);
    set.remove(set.size() - 1);
    assertEquals(after - before, Hypervolume.contribution(p, set, ref), 1e-12);
  }

  @Test
  void mismatchedDimensionsAreRejected() {
    var e =
        assertThrows(
            IllegalArgumentException.class,
            () -> Hypervolume.of(new double[][] {{1, 2, 3}}, new double[] {4, 4}));
    assertEquals("point has 3 objectives but the reference point has 2", e.getMessage());
  }

  @Test
  void matchesGridCountingInOneAndTwoDimensions() {
    RandomGenerator rng = Seeds.rng(31L);
    for (int d = 1; d <= 2; d++) {
      for (int rep = 0; rep < 30; rep++) {
        int n = 1 + rng.nextInt(10);
        double[][] pts = new double[n][d];
        for (double[] p : pts) {
          for (int k = 0; k < d; k++) {
            p[k] = rng.nextInt(6);
          }
        }
        double[] ref = new double[d];
        java.util.Arrays.fill(ref, 6);
        assertEquals(gridCount(pts, d, 6), Hypervolume.of(pts, ref), 1e-9, "d=" + d);
      }
    }
  }

  @Test
  void pointsOnOrBeyondTheReferenceAddNothing() {
    double[] ref = {4, 4, 4};
    assertEquals(0.0, Hypervolume.of(new double[][] {{4, 0, 0}, {0, 5, 0}}, ref), 0);
    assertEquals(0.0, Hypervolume.contribution(new double[] {1, 1, 4}, List.of(), ref), 0);
    // A point dominated by the set, or equal to one of its points, adds nothing.
    List<double[]> set = List.of(new double[] {1, 1, 1});
    assertEquals(0.0, Hypervolume.contribution(new double[] {2, 1, 3}, set, ref), 0);
    assertEquals(0.0, Hypervolume.contribution(new double[] {1, 1, 1}, set, ref), 0);
    assertEquals(0.0, Hypervolume.of(new double[0][], ref), 0);
  }

  /** Each greedy step takes a point whose addition gives the largest hypervolume (brute force). */
  @Test
  void greedySubsetTakesTheLargestIncrementAtEachStep() {
    RandomGenerator rng = Seeds.rng(12L);
    for (int d = 2; d <= 3; d++) {
      double[] ref = new double[d];
      java.util.Arrays.fill(ref, 1.1);
      for (int rep = 0; rep < 10; rep++) {
        double[][] pts = new double[12][d];
        for (double[] p : pts) {
          for (int k = 0; k < d; k++) {
            p[k] = rng.nextDouble();
          }
        }
        int[] chosen = Hypervolume.greedySubset(pts, ref, 6);
        List<double[]> selected = new ArrayList<>();
        for (int step = 0; step < chosen.length; step++) {
          double best = Double.NEGATIVE_INFINITY;
          for (int i = 0; i < pts.length; i++) {
            List<double[]> with = new ArrayList<>(selected);
            with.add(pts[i]);
            best = Math.max(best, Hypervolume.of(with.toArray(new double[0][]), ref));
          }
          selected.add(pts[chosen[step]]);
          double got = Hypervolume.of(selected.toArray(new double[0][]), ref);
          assertEquals(best, got, 1e-12, "d=" + d + " step " + step);
        }
        assertEquals(6, java.util.Arrays.stream(chosen).distinct().count());
      }
    }
  }

  @Test
  void greedySubsetSizesAtTheEdges() {
    double[][] pts = {{1, 3}, {2, 2}, {3, 1}};
    double[] ref = {4, 4};
    assertArrayEquals(new int[0], Hypervolume.greedySubset(pts, ref, 0));
    int[] all = Hypervolume.greedySubset(pts, ref, 3);
    assertArrayEquals(new int[] {0, 1, 2}, java.util.Arrays.stream(all).sorted().toArray());
    var e =
        assertThrows(IllegalArgumentException.class, () -> Hypervolume.greedySubset(pts, ref, 4));
    assertEquals("subset size 4 must be in [0, 3]", e.getMessage());
  }

  /** The plain greedy algorithm: every remaining point evaluated at every step. */
  private static int[] eagerGreedy(double[][] pts, double[] ref, int k) {
    boolean[] chosen = new boolean[pts.length];
    List<double[]> selected = new ArrayList<>();
    int[] out = new int[k];
    for (int step = 0; step < k; step++) {
      int best = -1;
      double bestGain = Double.NEGATIVE_INFINITY;
      for (int i = 0; i < pts.length; i++) {
        double gain =
            chosen[i] ? Double.NEGATIVE_INFINITY : Hypervolume.contribution(pts[i], selected, ref);
        if (!chosen[i] && gain > bestGain) {
          bestGain = gain;
          best = i;
        }
      }
      chosen[best] = true;
      selected.add(pts[best]);
      out[step] = best;
    }
    return out;
  }

  /** Lazy evaluation picks what the plain greedy algorithm picks, ties to the lower index. */
  @Test
  void lazyGreedySubsetEqualsPlainGreedy() {
    RandomGenerator rng = Seeds.rng(77L);
    for (int d = 2; d <= 3; d++) {
      double[] ref = new double[d];
      java.util.Arrays.fill(ref, 8);
      for (int rep = 0; rep < 30; rep++) {
        int n = 1 + rng.nextInt(30);
        double[][] pts = new double[n][d];
        for (double[] p : pts) {
          for (int k = 0; k < d; k++) {
            // Integer coordinates: many exactly equal contributions, and duplicates.
            p[k] = rng.nextInt(8);
          }
        }
        int k = rng.nextInt(n + 1);
        assertArrayEquals(
            eagerGreedy(pts, ref, k),
            Hypervolume.greedySubset(pts, ref, k),
            "d=" + d + " rep=" + rep);
      }
    }
  }
}
