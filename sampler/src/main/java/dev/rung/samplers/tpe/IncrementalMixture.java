package dev.rung.samplers.tpe;

import java.util.Arrays;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The Parzen estimator {@code g(x)} of a large bad group, kept from one suggestion to the next and
 * updated by what changed. Between two suggestions the bad group changes by a few trials (the new
 * one, one that left or joined the good group, the running ones), yet every suggestion needs the
 * whole mixture; rebuilding it costs O(n d) truncated-normal masses, sorts and copies. Here each
 * kernel keeps its centre, width and normaliser; a suggestion re-derives only the widths of the
 * neighbours of kernels that came or went, and the weights, which depend on every kernel's rank.
 *
 * <p>Scoring skips far kernels (a branch-and-bound as in dual-tree kernel density estimation; Gray
 * and Moore, SDM 2003): kernels are tiled into blocks of {@link KernelTiles#BLOCK} by recursive
 * halving (a k-d tree), each node of the tree bounds the log-term any of its kernels can give at a
 * point, and a node whose bound lies more than {@link ParzenEstimator#NEGLIGIBLE} below a term
 * already computed is skipped, as is a block's remainder once its partial terms are that far below.
 * New kernels go to tail blocks; the tiling is redone when the tail and the holes left by removed
 * kernels grow past a small share of the kernels.
 *
 * <p>Three parts keep that state, each with its own invariants: {@link KernelSlots} the kernels and
 * their parameters, {@link SortedWidths} the orders by centre the widths come from, and {@link
 * KernelTiles} the blocks and the tree of bounds. This class brings them to the observations in
 * turn and scores points with them.
 *
 * @apiNote Every log-density equals, to the last bit, that of a {@link ParzenEstimator} built
 *     afresh from the same observations and weights: each term is computed by the same operations
 *     in the same order, widths come from the same exact sort by (value, trial number), and the
 *     log-sum-exp adds the terms above its cut-off in kernel order, which skipping never changes.
 *     So a suggestion does not depend on the suggestions before it. Not thread-safe: callers hold
 *     {@link #lock} from {@link #update} to the last score.
 *     <p>Memory: about 60 bytes per kernel and dimension, plus 4 bytes per trial number.
 */
final class IncrementalMixture implements Density {
  /** Below this many kernels a fresh {@link ParzenEstimator} is cheaper. */
  static final int FROM = 128;

  /** Log-units of slack for rounding between a bound and the terms it bounds. */
  private static final double MARGIN = 1.0;

  /** Held by whoever updates and scores the mixture. */
  final ReentrantLock lock = new ReentrantLock();

  private final KernelSpace[] dims;
  private final EstimatorOptions options;
  private final int nd;
  private final KernelSlots slots;
  private final SortedWidths widths;
  private final KernelTiles tiles;
  private long evaluatedKernels;

  // Per suggestion: the weights, the prior kernel and the categorical rows.
  private double[] logW = new double[0];
  private final double[] priorMu;
  private final double[] priorHalfInv;
  private final double[] priorScaled;
  private final double[] priorInv;
  private double priorConstant;
  private final double[] hit;
  private final double[] other;

  IncrementalMixture(KernelSpace[] dims, EstimatorOptions options) {
    this.dims = dims.clone();
    this.options = options;
    this.nd = dims.length;
    slots = new KernelSlots(this.dims);
    widths = new SortedWidths(slots, this.dims, options);
    tiles = new KernelTiles(slots);
    priorMu = new double[nd];
    priorHalfInv = new double[nd];
    priorScaled = new double[nd];
    priorInv = new double[nd];
    hit = new double[nd];
    other = new double[nd];
  }

  /** Whether this mixture is over {@code dims}. */
  boolean isOver(KernelSpace[] dims) {
    return Arrays.equals(this.dims, dims);
  }

  /** Brings the mixture to the observations {@code g}, with one weight per observation. */
  void update(Observations.Members g, double[] weights) {
    slots.nextEpoch();
    int count = g.size();
    ObservedTrial[] trials = g.trials();
    int[] fresh = new int[count];
    int nf = 0;
    for (int i = 0; i < count; i++) {
      ObservedTrial t = trials[i];
      if (!slots.keep(t, g.positions(t), i)) {
        fresh[nf++] = i;
      }
    }
    int leaving = slots.live() - (count - nf);
    // Many changes at once (the first update, a resumed study): one sort per dimension afterwards
    // instead of one insertion per kernel.
    boolean bulk = leaving + nf > Math.max(64, count / 16);
    for (int s = 0; s < slots.used(); s++) {
      if (slots.isStale(s)) {
        if (!bulk) {
          widths.remove(s);
        }
        slots.remove(s);
        tiles.removed(s);
      }
    }
    int used = slots.used();
    if (used + nf > slots.capacity()) {
      int size = Math.max(used + nf + (used + nf) / 8 + KernelTiles.BLOCK, 2 * slots.capacity());
      slots.grow(size);
      widths.grow(size);
      tiles.grow(size);
    }
    for (int k = 0; k < nf; k++) {
      ObservedTrial t = trials[fresh[k]];
      int s = slots.add(t, g.positions(t), fresh[k]);
      if (!bulk) {
        widths.insert(s);
      }
    }
    if (bulk) {
      widths.resort();
    }
    widths.derive();
    int renormed = slots.renormalise();
    for (int k = 0; k < renormed; k++) {
      tiles.changed(slots.renormedSlot(k));
    }
    if (tiles.isDue()) {
      widths.relabel(tiles.tile());
    }
    logW = ParzenEstimator.componentLogWeights(weights, options.priorWeight());
    slots.weigh(logW);
    tiles.bound();
    prior();
  }

  /** The prior kernel, and the categorical rows, for this suggestion's number of kernels. */
  private void prior() {
    int m = slots.live();
    double sum = 0;
    for (int d = 0; d < nd; d++) {
      KernelSpace s = dims[d];
      if (s.isCategorical()) {
        hit[d] = CategoricalKernel.logHit(m, s.categories(), options.priorWeight());
        other[d] = CategoricalKernel.logOther(m, s.categories(), options.priorWeight());
        continue;
      }
      double c = ParzenEstimator.priorCentre(s);
      double iv = 1 / s.range();
      priorMu[d] = c;
      priorInv[d] = iv;
      priorHalfInv[d] = iv * ParzenEstimator.SQRT_HALF;
      priorScaled[d] = c * priorHalfInv[d];
      sum += ParzenEstimator.logNormaliser(s, c, s.range());
    }
    priorConstant = logW[m] + sum;
  }

  @Override
  public double[] logPdf(double[][] points) {
    int count = points.length == 0 ? 0 : points[0].length;
    double[][] cellLow = new double[nd][];
    double[][] cellHigh = new double[nd][];
    for (int d = 0; d < nd; d++) {
      cellLow[d] = new double[count];
      cellHigh[d] = new double[count];
      ParzenEstimator.kernelCoordinates(dims[d], points[d], cellLow[d], cellHigh[d]);
    }
    Scoring scoring = new Scoring(cellLow, cellHigh);
    double[] out = new double[count];
    for (int j = 0; j < count; j++) {
      out[j] = scoring.logPdf(j);
    }
    return out;
  }

  /** The scratch of one {@link #logPdf} call, and the terms at its point {@code at}. */
  private final class Scoring implements KernelTiles.Scorer {
    private final double[][] cellLow;
    private final double[][] cellHigh;

    /** Kernel ranks, then the prior at m, then one entry that holes write to (always -infinity). */
    private final double[] row;

    private final long[] evaluated;
    private final double[] term = new double[KernelTiles.BLOCK];

    /** Per dimension, the point in kernel coordinates (the lower end of its grid cell). */
    private final double[] low = new double[nd];

    /** Per dimension, the upper end of the point's grid cell (the point itself when continuous). */
    private final double[] high = new double[nd];

    private int at;
    private double known;

    Scoring(double[][] cellLow, double[][] cellHigh) {
      this.cellLow = cellLow;
      this.cellHigh = cellHigh;
      int m = slots.live();
      row = new double[m + 2];
      evaluated = new long[(m + 2 + 63) >>> 6];
    }

    /** The log-density at point {@code j}. */
    double logPdf(int j) {
      int m = slots.live();
      at = j;
      for (int d = 0; d < nd; d++) {
        low[d] = cellLow[d][j];
        high[d] = dims[d].isDiscrete() ? cellHigh[d][j] : cellLow[d][j];
      }
      Arrays.fill(evaluated, 0);
      // The prior kernel first: its term is a lower bound of the maximum.
      known = priorTerm(cellLow, cellHigh, j);
      row[m] = known;
      evaluated[m >>> 6] |= 1L << m;
      tiles.visit(low, high, this);
      return logSumExpOf(row, evaluated);
    }

    @Override
    public double known() {
      return known;
    }

    /**
     * Computes the terms of block {@code blk}'s kernels at the point into {@link #row}, unless they
     * all turn out negligible on the way.
     */
    @Override
    public void score(int blk) {
      int j = at;
      int start = blk * KernelTiles.BLOCK;
      int len = Math.min(slots.used(), start + KernelTiles.BLOCK) - start;
      evaluatedKernels += len;
      System.arraycopy(slots.constants(), start, term, 0, len);
      for (int d = 0; d < nd; d++) {
        // Every term still to come is <= 0: a block whose partial terms are all negligible
        // already stays so. Checked every other dimension, and before each (costly) stepped one.
        KernelSpace s = dims[d];
        boolean check = d > 0 && (s.isDiscrete() || d >= 3 && (d & 1) == 1);
        if (check && negligible(max(term, len), known)) {
          return;
        }
        if (s.isCategorical()) {
          double c = cellLow[d][j];
          double[] centres = slots.centres(d);
          double h = hit[d];
          double o = other[d];
          for (int i = 0; i < len; i++) {
            term[i] += centres[start + i] == c ? h : o;
          }
        } else if (s.isDiscrete()) {
          ParzenEstimator.addDiscrete(
              term,
              0,
              slots.centres(d),
              slots.inverseWidths(d),
              cellLow[d][j],
              cellHigh[d][j],
              start,
              len);
        } else {
          ParzenEstimator.addContinuous(
              term,
              0,
              slots.scaledCentres(d),
              slots.halfInverseWidths(d),
              cellLow[d][j],
              start,
              len);
        }
      }
      // The running maximum only steers which blocks are skipped: a compare, not Math.max, keeps
      // it off the critical path of the scatter.
      int[] rank = slots.ranks();
      double largest = known;
      for (int i = 0; i < len; i++) {
        int k = rank[start + i];
        double v = term[i];
        row[k] = v;
        evaluated[k >>> 6] |= 1L << k;
        if (v > largest) {
          largest = v;
        }
      }
      known = largest;
    }
  }

  private static double max(double[] values, int len) {
    double max = Double.NEGATIVE_INFINITY;
    for (int i = 0; i < len; i++) {
      max = Math.max(max, values[i]);
    }
    return max;
  }

  /**
   * Whether a block with bound {@code bound} can be skipped when a term of value {@code known} has
   * been computed: all its terms then fall below the log-sum-exp's cut-off.
   */
  static boolean negligible(double bound, double known) {
    // A block of holes only has bound -infinity.
    return bound == Double.NEGATIVE_INFINITY
        || bound + MARGIN + 1e-9 * Math.abs(bound) <= known + ParzenEstimator.NEGLIGIBLE;
  }

  /** The prior kernel's log-term at point {@code j}, as {@link ParzenEstimator} computes it. */
  private double priorTerm(double[][] a, double[][] b, int j) {
    double[] one = {priorConstant};
    for (int d = 0; d < nd; d++) {
      KernelSpace s = dims[d];
      if (s.isCategorical()) {
        one[0] += CategoricalKernel.logUniform(s.categories());
      } else if (s.isDiscrete()) {
        ParzenEstimator.addDiscrete(one, 0, priorMu, priorInv, a[d][j], b[d][j], d, 1);
      } else {
        ParzenEstimator.addContinuous(one, 0, priorScaled, priorHalfInv, a[d][j], d, 1);
      }
    }
    return one[0];
  }

  /**
   * {@link ParzenEstimator#logSumExp} over the entries of {@code row} flagged in {@code evaluated}
   * (the others being below the cut-off), visited in index order as it does.
   */
  private static double logSumExpOf(double[] row, long[] evaluated) {
    double max = Double.NEGATIVE_INFINITY;
    for (int w = 0; w < evaluated.length; w++) {
      for (long bits = evaluated[w]; bits != 0; bits &= bits - 1) {
        max = Math.max(max, row[(w << 6) + Long.numberOfTrailingZeros(bits)]);
      }
    }
    if (max == Double.NEGATIVE_INFINITY || Double.isNaN(max)) {
      return max;
    }
    double cut = max + ParzenEstimator.NEGLIGIBLE;
    double sum = 0;
    for (int w = 0; w < evaluated.length; w++) {
      for (long bits = evaluated[w]; bits != 0; bits &= bits - 1) {
        double v = row[(w << 6) + Long.numberOfTrailingZeros(bits)];
        if (v > cut) {
          sum += Normal.expNonPositive(v - max);
        }
      }
    }
    return max + Math.log(sum);
  }

  @Override
  public double[] categoricalLogPdf(double[][] points, double smoothing) {
    int[] rank = slots.ranks();
    int[][] categories = new int[nd][];
    for (int d = 0; d < nd; d++) {
      if (dims[d].isCategorical()) {
        categories[d] = new int[slots.live()];
        double[] centres = slots.centres(d);
        for (int s = 0; s < slots.used(); s++) {
          if (slots.isLive(s)) {
            categories[d][rank[s]] = (int) centres[s];
          }
        }
      }
    }
    return CategoricalMarginal.logPdf(
        dims, categories, logW, options.priorWeight(), smoothing, points);
  }

  /** The number of kernels (observations; the prior not counted). */
  int kernels() {
    return slots.live();
  }

  /** How many kernel terms {@link #logPdf} has computed so far (skipped kernels not counted). */
  long evaluatedKernels() {
    return evaluatedKernels;
  }
}
