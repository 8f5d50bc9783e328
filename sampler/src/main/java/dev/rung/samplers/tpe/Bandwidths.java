package dev.rung.samplers.tpe;

import java.util.Arrays;

/**
 * Kernel widths of the numerical Parzen estimators.
 *
 * <p>The rule of Bergstra et al. (NeurIPS 2011), kept by hyperopt and by Optuna for univariate and
 * multivariate TPE alike: each kernel is as wide as the larger gap to its neighbours among the
 * sorted centres, with the range's ends as outer neighbours (Watanabe, "Tree-structured Parzen
 * estimator: understanding its algorithm components", 2023, discusses the choice). The widths are
 * then clipped to {@code [range / min(100, m + 2), range]} (the "magic clip", m observations plus
 * the prior) so that no kernel collapses onto one point.
 */
final class Bandwidths {
  /** The smallest width when the magic clip is off. */
  static final double EPS = 1e-12;

  private Bandwidths() {}

  /**
   * Neighbour-gap widths of {@code mus} on {@code [low, high]}. With {@code considerEndpoints} off
   * and at least two centres, the smallest and largest centre take the gap to their inner neighbour
   * only.
   *
   * @apiNote O(m log m): the argsort packs each centre's order-preserving bits and its index into
   *     one {@code long}, sorts those primitives and then orders exactly the few centres whose top
   *     bits are equal.
   */
  static double[] neighbourGaps(double[] mus, double low, double high, boolean considerEndpoints) {
    return neighbourGaps(
        mus, mus.length == 0 ? new int[0] : argsort(mus), low, high, considerEndpoints);
  }

  /** Neighbour-gap widths given {@code order}, the indices that sort {@code mus}. */
  static double[] neighbourGaps(
      double[] mus, int[] order, double low, double high, boolean considerEndpoints) {
    double[] out = new double[mus.length];
    neighbourGapsInto(mus, mus.length, order, low, high, considerEndpoints, out);
    return out;
  }

  /**
   * Neighbour-gap widths of the first {@code m} entries of {@code mus} given {@code order} (the
   * indices sorting them), written into the first {@code m} entries of {@code out}.
   */
  static void neighbourGapsInto(
      double[] mus,
      int m,
      int[] order,
      double low,
      double high,
      boolean considerEndpoints,
      double[] out) {
    for (int i = 0; i < m; i++) {
      out[order[i]] = gapAt(mus, m, order, i, low, high, considerEndpoints);
    }
  }

  /**
   * The neighbour-gap width of the centre at sorted position {@code i} of the first {@code m}
   * centres, as {@link #neighbourGapsInto} computes it.
   */
  static double gapAt(
      double[] mus, int m, int[] order, int i, double low, double high, boolean considerEndpoints) {
    double current = mus[order[i]];
    double left = current - (i == 0 ? low : mus[order[i - 1]]);
    double right = (i == m - 1 ? high : mus[order[i + 1]]) - current;
    if (!considerEndpoints && m >= 2 && (i == 0 || i == m - 1)) {
      return Math.max(0, i == 0 ? right : left);
    }
    return Math.max(0, Math.max(left, right));
  }

  /** Indices that sort {@code values} ascending (ties by index). */
  static int[] argsort(double[] values) {
    int m = values.length;
    int bits = Math.max(1, 32 - Integer.numberOfLeadingZeros(m - 1));
    long mask = (1L << bits) - 1;
    long[] keys = new long[m];
    for (int i = 0; i < m; i++) {
      long b = Double.doubleToLongBits(values[i] == 0 ? 0.0 : values[i]);
      long ordered = b ^ ((b >> 63) & Long.MAX_VALUE);
      keys[i] = (ordered & ~mask) | i;
    }
    Arrays.sort(keys);
    int[] order = new int[m];
    for (int i = 0; i < m; i++) {
      order[i] = (int) (keys[i] & mask);
    }
    // The packed keys order by value except among values equal in their top bits: one insertion
    // pass over the nearly sorted result orders those exactly (ties by index), so that the order
    // is the same as any exact sort by (value, index).
    for (int i = 1; i < m; i++) {
      int x = order[i];
      double v = values[x];
      int j = i - 1;
      while (j >= 0 && after(values[order[j]], order[j], v, x)) {
        order[j + 1] = order[j];
        j--;
      }
      order[j + 1] = x;
    }
    return order;
  }

  /** Whether {@code (a, i)} comes after {@code (b, j)} in the order by value, then index. */
  static boolean after(double a, int i, double b, int j) {
    return a > b || a == b && i > j;
  }

  /** The smallest allowed width for {@code m} observations. */
  static double minSigma(int m, double range, boolean magicClip) {
    return magicClip ? range / Math.min(100.0, m + 2.0) : EPS;
  }

  /** {@code sigma} clipped to {@code [minSigma, range]}. */
  static double clip(double sigma, double minSigma, double range) {
    return Math.min(Math.max(sigma, minSigma), range);
  }
}
