package dev.rung.samplers.tpe;

import java.util.Arrays;

/**
 * Kernel widths of the numerical Parzen estimators.
 *
 * <p>Univariate TPE uses the rule of Bergstra et al. (NeurIPS 2011), kept by hyperopt and Optuna:
 * each kernel is as wide as the larger gap to its neighbours among the sorted centres (the prior's
 * centre included), with the range's ends as outer neighbours. Multivariate TPE uses one Scott-like
 * width per dimension, {@code 0.2 * m^(-1/(d+4)) * range} (Falkner et al., ICML 2018; Watanabe,
 * "Tree-structured Parzen estimator: understanding its algorithm components", 2023). Both are then
 * clipped to {@code [range / min(100, m + 2), range]} (the "magic clip", m observations plus the
 * prior) so no kernel collapses onto one point.
 */
final class Bandwidths {
  /** The smallest width when the magic clip is off. */
  static final double EPS = 1e-12;

  private Bandwidths() {}

  /**
   * Hyperopt-rule widths of {@code mus} (one per observation, the prior excluded) on {@code [low,
   * high]}. With {@code considerEndpoints} off and at least one observation, the smallest and
   * largest centre take the gap to their inner neighbour only.
   */
  static double[] neighbourGaps(double[] mus, double low, double high, boolean considerEndpoints) {
    int m = mus.length;
    double[] withPrior = Arrays.copyOf(mus, m + 1);
    withPrior[m] = 0.5 * (low + high);
    double[] sorted = withPrior.clone();
    Arrays.sort(sorted);
    int k = m + 1;
    double[] sortedSigma = new double[k];
    for (int i = 0; i < k; i++) {
      double left = sorted[i] - (i == 0 ? low : sorted[i - 1]);
      double right = (i == k - 1 ? high : sorted[i + 1]) - sorted[i];
      sortedSigma[i] = Math.max(left, right);
    }
    if (!considerEndpoints && k >= 2) {
      sortedSigma[0] = sorted[1] - sorted[0];
      sortedSigma[k - 1] = sorted[k - 1] - sorted[k - 2];
    }
    // Map back: equal centres take successive sorted positions in observation order (a stable
    // argsort), found by a lower-bound search plus a per-run counter.
    double[] out = new double[m];
    int[] taken = new int[k];
    for (int i = 0; i < m; i++) {
      int start = lowerBound(sorted, withPrior[i]);
      out[i] = sortedSigma[start + taken[start]++];
    }
    return out;
  }

  private static int lowerBound(double[] sorted, double v) {
    int lo = 0;
    int hi = sorted.length;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (sorted[mid] < v) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return lo;
  }

  /** The multivariate width for {@code m} observations in a {@code dims}-dimensional space. */
  static double scott(int m, int dims, double range) {
    return 0.2 * Math.pow(Math.max(m, 1), -1.0 / (dims + 4)) * range;
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
