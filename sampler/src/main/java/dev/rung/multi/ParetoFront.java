package dev.rung.multi;

import dev.rung.study.Direction;
import dev.rung.study.FrozenTrial;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * The non-dominated trials of a set: exact, in O(n log n) for two objectives and by a sort-and-scan
 * over candidates otherwise.
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

  /** For each point (all objectives minimized), whether no other point dominates it. */
  public static boolean[] nonDominated(double[][] points) {
    int n = points.length;
    boolean[] front = new boolean[n];
    if (n == 0) {
      return front;
    }
    Integer[] order = new Integer[n];
    for (int i = 0; i < n; i++) {
      order[i] = i;
    }
    // Lexicographic order: a point can only be dominated by one that comes before it.
    Arrays.sort(order, Comparator.comparing(i -> points[i], ParetoFront::lexicographic));
    int d = points[0].length;
    if (d == 2) {
      double bestSecond = Double.POSITIVE_INFINITY;
      double[] last = null;
      boolean lastInFront = false;
      for (int i : order) {
        double[] p = points[i];
        boolean in;
        if (last != null && Arrays.equals(p, last)) {
          in = lastInFront; // duplicates share their fate
        } else {
          in = p[1] < bestSecond;
        }
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
      boolean dominated = false;
      for (double[] q : kept) {
        if (dominates(q, p)) {
          dominated = true;
          break;
        }
      }
      if (!dominated) {
        front[i] = true;
        kept.add(p);
      }
    }
    return front;
  }

  private static int lexicographic(double[] a, double[] b) {
    for (int k = 0; k < a.length; k++) {
      int c = Double.compare(a[k], b[k]);
      if (c != 0) {
        return c;
      }
    }
    return 0;
  }
}
