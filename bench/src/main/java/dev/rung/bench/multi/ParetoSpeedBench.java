package dev.rung.bench.multi;

import dev.rung.multi.ParetoFront;
import dev.rung.study.Seeds;
import java.util.Arrays;
import java.util.Locale;
import java.util.random.RandomGenerator;

/**
 * Speed of the Pareto front and of non-dominated sorting on 10,000 points, against the definitions
 * computed by brute force in the same run: the front by comparing every pair (O(n²)), the ranks by
 * Deb's fast non-dominated sort (NSGA-II, 2002: O(M n²) comparisons and domination lists of O(n²)
 * memory).
 *
 * <p>Two kinds of sets: independent Gaussian points (small fronts, many ranks) and points on a
 * sphere's positive orthant (every point on the front: the worst case for a front scan).
 *
 * <p>Run: {@code mvn -q -B -o -pl bench -am compile && java -cp
 * bench/target/classes:sampler/target/classes dev.rung.bench.multi.ParetoSpeedBench}
 */
public final class ParetoSpeedBench {
  private static final int N = 10_000;
  private static final int REPEATS = 10;
  private static final int BRUTE_REPEATS = 2;

  private ParetoSpeedBench() {}

  public static void main(String[] args) {
    System.out.printf(
        Locale.ROOT,
        "%d points; ms, best of %d runs (brute force: of %d); speed-up = brute force / Rung%n%n",
        N,
        REPEATS,
        BRUTE_REPEATS);
    System.out.printf(
        Locale.ROOT,
        "%-10s %2s %7s %7s %9s %8s %8s %9s %8s%n",
        "points",
        "d",
        "fronts",
        "front",
        "brute",
        "speedup",
        "ranks",
        "deb-sort",
        "speedup");
    for (String kind : new String[] {"gaussian", "sphere"}) {
      for (int d = 2; d <= 4; d++) {
        double[][] pts = points(kind, d, Seeds.rng(2024L + d));
        int[] ranks = ParetoFront.ranks(pts);
        int[] deb = debRanks(pts);
        if (!Arrays.equals(ranks, deb)) {
          throw new AssertionError("ranks differ from Deb's sort for " + kind + " d=" + d);
        }
        double front = best(() -> ParetoFront.nonDominated(pts), REPEATS);
        double brute = best(() -> bruteFront(pts), BRUTE_REPEATS);
        double sort = best(() -> ParetoFront.ranks(pts), REPEATS);
        double debSort = best(() -> debRanks(pts), BRUTE_REPEATS);
        System.out.printf(
            Locale.ROOT,
            "%-10s %2d %7d %7.2f %9.1f %8.0f %8.2f %9.1f %8.0f%n",
            kind,
            d,
            ParetoFront.frontCount(ranks),
            front,
            brute,
            brute / front,
            sort,
            debSort,
            debSort / sort);
      }
    }
  }

  private static double[][] points(String kind, int d, RandomGenerator rng) {
    double[][] pts = new double[N][d];
    for (double[] p : pts) {
      double norm = 0;
      for (int k = 0; k < d; k++) {
        p[k] = kind.equals("sphere") ? Math.abs(rng.nextGaussian()) : rng.nextGaussian();
        norm += p[k] * p[k];
      }
      if (kind.equals("sphere")) {
        // Points on the unit sphere, objectives 1 - x_k: no point dominates another.
        for (int k = 0; k < d; k++) {
          p[k] = 1 - p[k] / Math.sqrt(norm);
        }
      }
    }
    return pts;
  }

  private static double best(Runnable r, int repeats) {
    double best = Double.POSITIVE_INFINITY;
    for (int i = 0; i < repeats; i++) {
      long start = System.nanoTime();
      r.run();
      best = Math.min(best, (System.nanoTime() - start) / 1e6);
    }
    return best;
  }

  private static boolean[] bruteFront(double[][] pts) {
    boolean[] front = new boolean[pts.length];
    for (int i = 0; i < pts.length; i++) {
      boolean dominated = false;
      for (int j = 0; j < pts.length && !dominated; j++) {
        dominated = ParetoFront.dominates(pts[j], pts[i]);
      }
      front[i] = !dominated;
    }
    return front;
  }

  /** Deb et al.'s fast non-dominated sort, as the NSGA-II paper gives it. */
  static int[] debRanks(double[][] pts) {
    int n = pts.length;
    int[] dominatedCount = new int[n];
    int[][] dominates = new int[n][];
    int[] size = new int[n];
    for (int i = 0; i < n; i++) {
      dominates[i] = new int[4];
    }
    for (int i = 0; i < n; i++) {
      for (int j = i + 1; j < n; j++) {
        if (ParetoFront.dominates(pts[i], pts[j])) {
          add(dominates, size, i, j);
          dominatedCount[j]++;
        } else if (ParetoFront.dominates(pts[j], pts[i])) {
          add(dominates, size, j, i);
          dominatedCount[i]++;
        }
      }
    }
    int[] rank = new int[n];
    int[] current = new int[n];
    int currentSize = 0;
    for (int i = 0; i < n; i++) {
      if (dominatedCount[i] == 0) {
        current[currentSize++] = i;
      }
    }
    int[] next = new int[n];
    for (int r = 0; currentSize > 0; r++) {
      int nextSize = 0;
      for (int c = 0; c < currentSize; c++) {
        int i = current[c];
        rank[i] = r;
        for (int k = 0; k < size[i]; k++) {
          int j = dominates[i][k];
          if (--dominatedCount[j] == 0) {
            next[nextSize++] = j;
          }
        }
      }
      int[] swap = current;
      current = next;
      next = swap;
      currentSize = nextSize;
    }
    return rank;
  }

  private static void add(int[][] lists, int[] size, int i, int j) {
    if (size[i] == lists[i].length) {
      lists[i] = Arrays.copyOf(lists[i], 2 * size[i]);
    }
    lists[i][size[i]++] = j;
  }
}
