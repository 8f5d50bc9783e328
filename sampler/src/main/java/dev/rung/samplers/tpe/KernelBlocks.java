package dev.rung.samplers.tpe;

import java.util.Arrays;

/**
 * The observation kernels of a large Parzen estimator grouped into spatially compact blocks, with
 * for each block an upper bound on the log-term any of its kernels can give at a point. Scoring a
 * point then skips every block whose bound lies more than {@link ParzenEstimator#NEGLIGIBLE} below
 * a term already computed: such kernels are left out of the log-sum-exp anyway, so the result is
 * the same to the last bit, while far fewer kernels are evaluated (a branch-and-bound over a
 * sort-tile grouping, as in dual-tree kernel density estimation; Gray and Moore, "Nonparametric
 * density estimation: toward computational tractability", SDM 2003).
 *
 * <p>Kernels are sorted into slabs by the continuous dimension with the narrowest kernels, each
 * slab into blocks by the second narrowest. A block's bound is its largest constant minus, over the
 * continuous dimensions, the squared distance from the point to the block's range of centres scaled
 * by the block's smallest inverse width; discrete and categorical terms are at most 0.
 *
 * <p>The kernels' parameters are copied in block order so that a block is scored over contiguous
 * arrays.
 */
final class KernelBlocks {
  /** Kernels per block. */
  static final int BLOCK = 32;

  /** Log-units of slack for rounding between a bound and the terms it bounds. */
  private static final double MARGIN = 1.0;

  /** {@code perm[p]}: the kernel at block-order position {@code p}. */
  final int[] perm;

  /** Block {@code b} holds positions {@code [starts[b], starts[b + 1])}. */
  final int[] starts;

  /** Per block, the largest kernel constant. */
  final double[] maxConstant;

  /** The continuous dimensions, in the estimator's order. */
  final int[] continuous;

  /** {@code lo[c][b]}, {@code hi[c][b]}: the range of centres of block b in continuous dim c. */
  final double[][] lo;

  final double[][] hi;

  /** {@code minHalfInv[c][b]}: the smallest {@code sqrt(1/2)/sigma} of block b in dim c. */
  final double[][] minHalfInv;

  /** Constants and per-dimension kernel parameters in block order (null where unused). */
  final double[] constant;

  final double[][] scaledMu;
  final double[][] halfInv;
  final double[][] mu;
  final double[][] inv;

  private KernelBlocks(
      int[] perm,
      int[] starts,
      double[] maxConstant,
      int[] continuous,
      double[][] lo,
      double[][] hi,
      double[][] minHalfInv,
      double[] constant,
      double[][] scaledMu,
      double[][] halfInv,
      double[][] mu,
      double[][] inv) {
    this.perm = perm;
    this.starts = starts;
    this.maxConstant = maxConstant;
    this.continuous = continuous;
    this.lo = lo;
    this.hi = hi;
    this.minHalfInv = minHalfInv;
    this.constant = constant;
    this.scaledMu = scaledMu;
    this.halfInv = halfInv;
    this.mu = mu;
    this.inv = inv;
  }

  /**
   * Groups kernels {@code 0..m-1} (the prior, last, stays out).
   *
   * @param dims the dimensions
   * @param m the number of observation kernels
   * @param constants per kernel, the log weight and normalisation
   * @param mus per numerical dimension, the kernels' centres (null for categorical ones)
   * @param sigmas per numerical dimension, the kernels' widths
   * @param invSigmas per numerical dimension, {@code 1 / sigma}
   * @param halfInvSigmas per numerical dimension, {@code sqrt(1/2) / sigma}
   * @param orders per dimension, the indices sorting the centres when known (entries may be null)
   * @return the blocks, or null when there is no continuous dimension
   */
  static KernelBlocks build(
      KernelSpace[] dims,
      int m,
      double[] constants,
      double[][] mus,
      double[][] sigmas,
      double[][] invSigmas,
      double[][] halfInvSigmas,
      int[][] orders) {
    int nd = dims.length;
    int[] continuous = new int[nd];
    int nc = 0;
    double[] narrowness = new double[nd];
    for (int d = 0; d < nd; d++) {
      if (!dims[d].isCategorical() && !dims[d].isDiscrete()) {
        continuous[nc++] = d;
        double sum = 0;
        for (int k = 0; k < m; k++) {
          sum += sigmas[d][k];
        }
        narrowness[d] = sum / (m * dims[d].range());
      }
    }
    if (nc == 0) {
      return null;
    }
    continuous = Arrays.copyOf(continuous, nc);
    int first = continuous[0];
    int second = -1;
    for (int c = 1; c < nc; c++) {
      int d = continuous[c];
      if (narrowness[d] < narrowness[first]) {
        second = first;
        first = d;
      } else if (second < 0 || narrowness[d] < narrowness[second]) {
        second = d;
      }
    }
    int[] perm =
        orders != null && orders[first] != null && orders[first].length == m
            ? orders[first].clone()
            : Bandwidths.argsort(Arrays.copyOf(mus[first], m));
    if (second >= 0) {
      int slabs = Math.max(1, (int) Math.round(Math.sqrt((double) m / BLOCK)));
      int slabSize = (m + slabs - 1) / slabs;
      // Each slab's size a multiple of BLOCK so that no block straddles two slabs.
      slabSize = (slabSize + BLOCK - 1) / BLOCK * BLOCK;
      double[] key = new double[slabSize];
      for (int s = 0; s < m; s += slabSize) {
        int len = Math.min(m, s + slabSize) - s;
        double[] k = len == key.length ? key : new double[len];
        for (int i = 0; i < len; i++) {
          k[i] = mus[second][perm[s + i]];
        }
        int[] within = Bandwidths.argsort(k);
        int[] slab = Arrays.copyOfRange(perm, s, s + len);
        for (int i = 0; i < len; i++) {
          perm[s + i] = slab[within[i]];
        }
      }
    }
    int nb = (m + BLOCK - 1) / BLOCK;
    int[] starts = new int[nb + 1];
    for (int b = 0; b <= nb; b++) {
      starts[b] = Math.min(m, b * BLOCK);
    }
    double[] constant = new double[m];
    double[] maxConstant = new double[nb];
    Arrays.fill(maxConstant, Double.NEGATIVE_INFINITY);
    for (int p = 0; p < m; p++) {
      constant[p] = constants[perm[p]];
      int b = p / BLOCK;
      maxConstant[b] = Math.max(maxConstant[b], constant[p]);
    }
    double[][] scaledP = new double[nd][];
    double[][] halfInvP = new double[nd][];
    double[][] muP = new double[nd][];
    double[][] invP = new double[nd][];
    for (int d = 0; d < nd; d++) {
      if (dims[d].isCategorical()) {
        continue;
      }
      if (dims[d].isDiscrete()) {
        muP[d] = gather(mus[d], perm);
        invP[d] = gather(invSigmas[d], perm);
      } else {
        // Centres in block order for the ranges below; mu * halfInv is how the estimator
        // computed its scaled centres, so the products are the same numbers.
        double[] m0 = gather(mus[d], perm);
        double[] h = gather(halfInvSigmas[d], perm);
        double[] sc = new double[m];
        for (int p = 0; p < m; p++) {
          sc[p] = m0[p] * h[p];
        }
        muP[d] = m0;
        halfInvP[d] = h;
        scaledP[d] = sc;
      }
    }
    double[][] lo = new double[nc][nb];
    double[][] hi = new double[nc][nb];
    double[][] minH = new double[nc][nb];
    for (int c = 0; c < nc; c++) {
      int d = continuous[c];
      for (int b = 0; b < nb; b++) {
        double l = Double.POSITIVE_INFINITY;
        double h = Double.NEGATIVE_INFINITY;
        double mh = Double.POSITIVE_INFINITY;
        double[] centres = muP[d];
        for (int p = starts[b]; p < starts[b + 1]; p++) {
          double v = centres[p];
          l = Math.min(l, v);
          h = Math.max(h, v);
          mh = Math.min(mh, halfInvP[d][p]);
        }
        lo[c][b] = l;
        hi[c][b] = h;
        minH[c][b] = mh;
      }
    }
    return new KernelBlocks(
        perm,
        starts,
        maxConstant,
        continuous,
        lo,
        hi,
        minH,
        constant,
        scaledP,
        halfInvP,
        muP,
        invP);
  }

  private static double[] gather(double[] values, int[] perm) {
    double[] out = new double[perm.length];
    for (int p = 0; p < perm.length; p++) {
      out[p] = values[perm[p]];
    }
    return out;
  }

  /** The number of blocks. */
  int blocks() {
    return starts.length - 1;
  }

  /**
   * Upper bounds of the log-terms of each block's kernels at a point with kernel coordinates {@code
   * t[d]} (continuous dimensions only are read), into {@code out}.
   */
  void bounds(double[] t, double[] out) {
    int nb = blocks();
    System.arraycopy(maxConstant, 0, out, 0, nb);
    for (int c = 0; c < continuous.length; c++) {
      double x = t[continuous[c]];
      double[] l = lo[c];
      double[] h = hi[c];
      double[] mh = minHalfInv[c];
      for (int b = 0; b < nb; b++) {
        double dist = Math.max(0, Math.max(l[b] - x, x - h[b]));
        double z = dist * mh[b];
        out[b] -= z * z;
      }
    }
  }

  /**
   * Whether a block with bound {@code bound} can be skipped when a term of value {@code known} has
   * been computed: all its terms then fall below the log-sum-exp's cut-off.
   */
  static boolean negligible(double bound, double known) {
    return bound + MARGIN + 1e-9 * Math.abs(bound) <= known + ParzenEstimator.NEGLIGIBLE;
  }
}
