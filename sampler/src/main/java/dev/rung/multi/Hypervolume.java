package dev.rung.multi;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;

/**
 * Exact hypervolume of a set of points (all objectives minimized) with respect to a reference
 * point: the measure of the region that the points dominate and that dominates the reference.
 *
 * <p>Two objectives use a sort-and-sweep in O(n log n); more use the WFG algorithm (While,
 * Bradstreet and Barone, IEEE TEC 2012), which is exact and fast for the front sizes of a study.
 * Points that do not strictly dominate the reference contribute nothing.
 */
public final class Hypervolume {
  private Hypervolume() {}

  /** The hypervolume of {@code points} with respect to {@code reference}. */
  public static double of(double[][] points, double[] reference) {
    List<double[]> kept = new ArrayList<>();
    for (double[] p : points) {
      if (p.length != reference.length) {
        throw new IllegalArgumentException(
            "point has "
                + p.length
                + " objectives but the reference point has "
                + reference.length);
      }
      if (strictlyBelow(p, reference)) {
        kept.add(p);
      }
    }
    return wfg(front(kept), reference);
  }

  /**
   * Greedy hypervolume subset selection: {@code k} indices of {@code points} chosen one at a time,
   * each maximizing the hypervolume it adds (ties go to the lower index). Used to split the last
   * non-domination rank in multi-objective TPE.
   *
   * <p>Evaluated lazily (Minoux, "Accelerated greedy algorithms for maximizing submodular set
   * functions", 1978): the hypervolume a point adds can only shrink as the subset grows, so a
   * contribution computed against an earlier subset bounds the current one, and a point is only
   * re-evaluated when its bound is the largest. The result is that of the plain greedy algorithm.
   */
  public static int[] greedySubset(double[][] points, double[] reference, int k) {
    int n = points.length;
    if (k < 0 || k > n) {
      throw new IllegalArgumentException("subset size " + k + " must be in [0, " + n + "]");
    }
    // Largest bound first, then the lower index.
    PriorityQueue<Bound> bounds =
        new PriorityQueue<>(
            Comparator.comparingDouble((Bound b) -> -b.gain()).thenComparingInt(Bound::index));
    List<double[]> selected = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      bounds.add(new Bound(i, contribution(points[i], selected, reference), 0));
    }
    int[] out = new int[k];
    for (int step = 0; step < k; ) {
      Bound top = bounds.poll();
      if (top.step() == step) {
        selected.add(points[top.index()]);
        out[step++] = top.index();
      } else {
        bounds.add(
            new Bound(top.index(), contribution(points[top.index()], selected, reference), step));
      }
    }
    return out;
  }

  /** A point's contribution to the subset chosen before step {@code step}. */
  private record Bound(int index, double gain, int step) {}

  /** The hypervolume that {@code p} adds to {@code set}. */
  public static double contribution(double[] p, List<double[]> set, double[] reference) {
    if (!strictlyBelow(p, reference)) {
      return 0;
    }
    List<double[]> limited = new ArrayList<>(set.size());
    for (double[] q : set) {
      double[] m = worse(p, q);
      if (strictlyBelow(m, reference)) {
        limited.add(m);
      }
    }
    return box(p, reference) - wfg(front(limited), reference);
  }

  private static double wfg(List<double[]> points, double[] reference) {
    int n = points.size();
    if (n == 0) {
      return 0;
    }
    if (n == 1) {
      return box(points.get(0), reference);
    }
    if (reference.length == 2) {
      return sweep2d(points, reference);
    }
    // Sorting by the first objective, descending, keeps the limited sets small.
    points.sort(Comparator.comparingDouble((double[] p) -> p[0]).reversed());
    double total = 0;
    for (int k = 0; k < n; k++) {
      double[] p = points.get(k);
      List<double[]> limited = new ArrayList<>(n - k - 1);
      for (int j = k + 1; j < n; j++) {
        limited.add(worse(p, points.get(j)));
      }
      total += box(p, reference) - wfg(front(limited), reference);
    }
    return total;
  }

  private static double sweep2d(List<double[]> points, double[] reference) {
    double[][] sorted = points.toArray(new double[0][]);
    Arrays.sort(
        sorted, Comparator.comparingDouble((double[] p) -> p[0]).thenComparingDouble(p -> p[1]));
    double area = 0;
    double ceiling = reference[1];
    for (double[] p : sorted) {
      if (p[1] < ceiling) {
        area += (reference[0] - p[0]) * (ceiling - p[1]);
        ceiling = p[1];
      }
    }
    return area;
  }

  /** The non-dominated points of a set (duplicates collapsed). */
  private static List<double[]> front(List<double[]> points) {
    if (points.size() <= 1) {
      return new ArrayList<>(points);
    }
    boolean[] keep = ParetoFront.nonDominated(points.toArray(new double[0][]));
    List<double[]> out = new ArrayList<>();
    for (int i = 0; i < keep.length; i++) {
      if (keep[i] && !containsEqual(out, points.get(i))) {
        out.add(points.get(i));
      }
    }
    return out;
  }

  private static boolean containsEqual(List<double[]> list, double[] p) {
    for (double[] q : list) {
      if (Arrays.equals(p, q)) {
        return true;
      }
    }
    return false;
  }

  private static double[] worse(double[] a, double[] b) {
    double[] m = new double[a.length];
    for (int i = 0; i < a.length; i++) {
      m[i] = Math.max(a[i], b[i]);
    }
    return m;
  }

  private static double box(double[] p, double[] reference) {
    double v = 1;
    for (int i = 0; i < p.length; i++) {
      v *= reference[i] - p[i];
    }
    return v;
  }

  private static boolean strictlyBelow(double[] p, double[] reference) {
    for (int i = 0; i < p.length; i++) {
      if (!(p[i] < reference[i])) {
        return false;
      }
    }
    return true;
  }
}
