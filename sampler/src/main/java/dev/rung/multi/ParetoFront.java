package dev.rung.multi;

import dev.rung.study.Direction;
import dev.rung.study.FrozenTrial;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Pareto fronts and non-domination ranks of points whose objectives are all minimized.
 *
 * <p>Both work on the points in lexicographic order, where a point can only be dominated by points
 * that come before it. The first front of two objectives is then a single sweep, O(n log n); with
 * more objectives each point is compared with the front found so far. Ranks use the same order with
 * a binary search over the fronts: the efficient non-dominated sort (ENS-BS) of Zhang, Tian, Cheng
 * and Jin, IEEE Transactions on Evolutionary Computation 19(2), 2015, which needs O(n log n)
 * comparisons of points when fronts are small and O(n²) when every point is on one front; two
 * objectives have an O(n log n) path whatever the fronts.
 *
 * @apiNote Points are compared with {@link #dominates}: equal points never dominate each other, so
 *     duplicates share their front and their rank ({@code -0.0} equals {@code 0.0}).
 */
public final class ParetoFront {
  private ParetoFront() {}

  /**
   * The trials of {@code trials} that no other trial dominates (duplicates all kept), by number.
   * Maximized objectives are negated first.
   */
  public static List<FrozenTrial> of(List<FrozenTrial> trials, List<Direction> directions) {
    double[][] points = new double[trials.size()][];
    for (int i = 0; i < points.length; i++) {
      points[i] = minimized(trials.get(i).values(), directions);
    }
    boolean[] front = nonDominated(points);
    List<FrozenTrial> out = new ArrayList<>();
    for (int i = 0; i < points.length; i++) {
      if (front[i]) {
        out.add(trials.get(i));
      }
    }
    return out;
  }

  /** The values turned into values to minimize. */
  public static double[] minimized(List<Double> values, List<Direction> directions) {
    if (values.size() != directions.size()) {
      throw new IllegalArgumentException(
          "trial has "
              + values.size()
              + " value(s) "
              + values
              + " but the study has "
              + directions.size()
              + " direction(s) "
              + directions);
    }
    double[] p = new double[directions.size()];
    for (int k = 0; k < p.length; k++) {
      p[k] = directions.get(k).toMinimized(values.get(k));
    }
    return p;
  }

  /** Whether {@code a} dominates {@code b} (all objectives minimized). */
  public static boolean dominates(double[] a, double[] b) {
    boolean strictly = false;
    for (int k = 0; k < a.length; k++) {
      if (a[k] > b[k]) {
        return false;
      }
      if (a[k] < b[k]) {
        strictly = true;
      }
    }
    return strictly;
  }

  /**
   * For each point (all objectives minimized), whether no other point dominates it.
   *
   * @throws IllegalArgumentException if the points differ in length or hold NaN
   */
  public static boolean[] nonDominated(double[][] points) {
    int n = points.length;
    boolean[] front = new boolean[n];
    if (n == 0) {
      return front;
    }
    checkPoints(points);
    int[] order = lexicographicOrder(points);
    if (points[0].length == 2) {
      double bestSecond = Double.POSITIVE_INFINITY;
      double[] last = null;
      boolean lastInFront = false;
      for (int i : order) {
        double[] p = points[i];
        // Every earlier point has a first objective <= p's; p is dominated unless it beats all
        // their second objectives (or equals the previous point, whose fate it shares).
        boolean in = last != null && equal(p, last) ? lastInFront : p[1] < bestSecond;
        front[i] = in;
        if (in) {
          bestSecond = Math.min(bestSecond, p[1]);
        }
        last = p;
        lastInFront = in;
      }
      return front;
    }
    List<double[]> kept = new ArrayList<>();
    for (int i : order) {
      double[] p = points[i];
      if (!dominatedByAny(kept, p)) {
        front[i] = true;
        kept.add(p);
      }
    }
    return front;
  }

  /**
   * The non-domination rank of each point (all objectives minimized): 0 for the Pareto front, 1 for
   * the front of the rest, and so on (Deb et al., IEEE TEC 6(2), 2002). Equal points share a rank.
   *
   * @throws IllegalArgumentException if the points differ in length or hold NaN
   */
  public static int[] ranks(double[][] points) {
    int n = points.length;
    if (n == 0) {
      return new int[0];
    }
    checkPoints(points);
    int[] order = lexicographicOrder(points);
    return points[0].length == 2 ? ranks2d(points, order) : ranksSorted(points, order);
  }

  /** The number of fronts: one more than the largest rank, 0 for no point. */
  public static int frontCount(int[] ranks) {
    int max = -1;
    for (int r : ranks) {
      max = Math.max(max, r);
    }
    return max + 1;
  }

  /**
   * Two objectives: after the lexicographic sort, a point is dominated by some member of front k
   * exactly when front k's smallest second objective is at most the point's. These minima grow with
   * k, so a binary search finds the rank.
   */
  private static int[] ranks2d(double[][] points, int[] order) {
    int n = points.length;
    int[] rank = new int[n];
    double[] frontMin = new double[n];
    int fronts = 0;
    double[] last = null;
    int lastRank = 0;
    for (int i : order) {
      double[] p = points[i];
      int r;
      if (last != null && equal(p, last)) {
        r = lastRank;
      } else {
        int lo = 0;
        int hi = fronts;
        while (lo < hi) {
          int mid = (lo + hi) >>> 1;
          if (frontMin[mid] <= p[1]) {
            lo = mid + 1;
          } else {
            hi = mid;
          }
        }
        r = lo;
        if (r == fronts) {
          fronts++;
        }
        frontMin[r] = p[1];
      }
      rank[i] = r;
      last = p;
      lastRank = r;
    }
    return rank;
  }

  /**
   * Any number of objectives: a point goes to the first front none of whose members dominates it.
   * Being dominated by front k implies being dominated by every earlier front, so binary search.
   */
  private static int[] ranksSorted(double[][] points, int[] order) {
    int[] rank = new int[points.length];
    List<List<double[]>> fronts = new ArrayList<>();
    for (int i : order) {
      double[] p = points[i];
      int lo = 0;
      int hi = fronts.size();
      while (lo < hi) {
        int mid = (lo + hi) >>> 1;
        if (dominatedByAny(fronts.get(mid), p)) {
          lo = mid + 1;
        } else {
          hi = mid;
        }
      }
      if (lo == fronts.size()) {
        fronts.add(new ArrayList<>());
      }
      fronts.get(lo).add(p);
      rank[i] = lo;
    }
    return rank;
  }

  private static boolean dominatedByAny(List<double[]> front, double[] p) {
    // Later members are closer to p in the sort order and more likely to dominate it.
    for (int j = front.size() - 1; j >= 0; j--) {
      if (dominates(front.get(j), p)) {
        return true;
      }
    }
    return false;
  }

  private static void checkPoints(double[][] points) {
    int d = points[0].length;
    for (int i = 0; i < points.length; i++) {
      if (points[i].length != d) {
        throw new IllegalArgumentException(
            "point " + i + " has " + points[i].length + " objectives but point 0 has " + d);
      }
      for (int k = 0; k < d; k++) {
        if (Double.isNaN(points[i][k])) {
          throw new IllegalArgumentException(
              "point " + i + " has NaN in objective " + k + ": objective values must be numbers");
        }
      }
    }
  }

  /** Indices of the points in lexicographic order (ties by index). */
  static int[] lexicographicOrder(double[][] points) {
    Integer[] boxed = new Integer[points.length];
    for (int i = 0; i < boxed.length; i++) {
      boxed[i] = i;
    }
    Arrays.sort(boxed, (a, b) -> lexicographic(points[a], points[b]));
    int[] order = new int[boxed.length];
    for (int i = 0; i < order.length; i++) {
      order[i] = boxed[i];
    }
    return order;
  }

  // By < and > rather than Double.compare, so that -0.0 and 0.0 are equal here as in dominates.
  private static int lexicographic(double[] a, double[] b) {
    for (int k = 0; k < a.length; k++) {
      if (a[k] < b[k]) {
        return -1;
      }
      if (a[k] > b[k]) {
        return 1;
      }
    }
    return 0;
  }

  private static boolean equal(double[] a, double[] b) {
    return lexicographic(a, b) == 0;
  }
}
