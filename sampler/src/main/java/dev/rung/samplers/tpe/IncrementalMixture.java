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
 * and Moore, SDM 2003): kernels are tiled into blocks of {@link #BLOCK} by recursive halving (a k-d
 * tree), each node of the tree bounds the log-term any of its kernels can give at a point, and a
 * node whose bound lies more than {@link ParzenEstimator#NEGLIGIBLE} below a term already computed
 * is skipped, as is a block's remainder once its partial terms are that far below. New kernels go
 * to tail blocks; the tiling is redone when the tail and the holes left by removed kernels grow
 * past a small share of the kernels.
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
  /** Kernels per block. */
  static final int BLOCK = 32;

  /** Below this many kernels a fresh {@link ParzenEstimator} is cheaper. */
  static final int FROM = 128;

  /** Log-units of slack for rounding between a bound and the terms it bounds. */
  private static final double MARGIN = 1.0;

  private static final int FREE = -1;

  /** Held by whoever updates and scores the mixture. */
  final ReentrantLock lock = new ReentrantLock();

  private final KernelSpace[] dims;
  private final EstimatorOptions options;
  private final int nd;

  /**
   * The numerical dimensions (continuous and stepped): the ones blocks are tiled and bounded by.
   */
  private final int[] numerical;

  private int capacity;

  /** Slots {@code [0, used)} hold kernels or holes. */
  private int used;

  /** Slots from here on were filled after the last tiling. */
  private int tailStart;

  /** Slots below {@link #tailStart} freed since the last tiling. */
  private int holes;

  /** Kernels (live slots). */
  private int m;

  private int epoch;
  private boolean tiled;

  /** Whether this update re-sorts at the end instead of keeping the orders on the way. */
  private boolean bulk;

  private long evaluatedKernels;

  // Per slot.
  private int[] number = new int[0];
  private ObservedTrial[] source = new ObservedTrial[0];
  private int[] rank = new int[0];
  private int[] seen = new int[0];
  private int[] added = new int[0];
  private int[] renormed = new int[0];
  private int[] renormedSlots = new int[16];
  private int renormedCount;
  private double[] norm = new double[0];
  private double[] constant = new double[0];

  // Per dimension and slot: the internal value; the centre (the category's index when
  // categorical); width, sqrt(1/2)/sigma, centre * that, 1/sigma (stepped), log normaliser.
  private final double[][] raw;
  private final double[][] mu;
  private final double[][] sigma;
  private final double[][] halfInv;
  private final double[][] scaledMu;
  private final double[][] inv;
  private final double[][] logMass;

  /** Per numerical dimension (in {@link #numerical} order), the live slots by (centre, number). */
  private final int[][] sorted;

  /**
   * Per numerical dimension, the slots whose neighbours changed since the widths were last derived
   * (entries may repeat or have been freed since).
   */
  private final int[][] touched;

  private final int[] touchedCount;

  /** Per numerical dimension, the smallest width the widths were last derived with. */
  private final double[] lastMinSigma;

  /** By trial number, its slot or {@link #FREE}. */
  private int[] slotOf = new int[0];

  // Per block.
  private double[] maxConstant = new double[0];
  private double[][] lo;
  private double[][] hi;
  private double[][] minHalfInv;
  private boolean[] dirty = new boolean[0];

  /**
   * Blocks {@code [0, treeBlocks)} are the leaves of the last tiling's tree; later blocks (the
   * tail) are bounded one by one. Node {@code id} over blocks {@code [b0, b1)} has its halves at
   * {@code id + 1} and {@code id + 2 (mid - b0)}; per node the largest constant and the box of its
   * centres with the smallest {@code sqrt(1/2)/sigma} per numerical dimension.
   */
  private int treeBlocks;

  private double[] nodeMax = new double[0];
  private double[][] nodeLo;
  private double[][] nodeHi;
  private double[][] nodeMinHalfInv;

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
    int nn = 0;
    for (KernelSpace s : dims) {
      nn += s.isCategorical() ? 0 : 1;
    }
    numerical = new int[nn];
    nn = 0;
    for (int d = 0; d < nd; d++) {
      if (!dims[d].isCategorical()) {
        numerical[nn++] = d;
      }
    }
    raw = new double[nd][0];
    mu = new double[nd][0];
    sigma = new double[nd][0];
    halfInv = new double[nd][0];
    scaledMu = new double[nd][0];
    inv = new double[nd][0];
    logMass = new double[nd][0];
    sorted = new int[numerical.length][0];
    touched = new int[numerical.length][16];
    touchedCount = new int[numerical.length];
    lastMinSigma = new double[numerical.length];
    Arrays.fill(lastMinSigma, Double.NaN);
    lo = new double[numerical.length][0];
    hi = new double[numerical.length][0];
    minHalfInv = new double[numerical.length][0];
    nodeLo = new double[numerical.length][0];
    nodeHi = new double[numerical.length][0];
    nodeMinHalfInv = new double[numerical.length][0];
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
    epoch++;
    int count = g.size();
    ObservedTrial[] trials = g.trials();
    int[] fresh = new int[count];
    int nf = 0;
    for (int i = 0; i < count; i++) {
      ObservedTrial t = trials[i];
      int num = t.number();
      if (num >= slotOf.length) {
        int old = slotOf.length;
        slotOf = Arrays.copyOf(slotOf, Math.max(num + 1, 2 * old));
        Arrays.fill(slotOf, old, slotOf.length, FREE);
      }
      int s = slotOf[num];
      if (s != FREE && (source[s] == t || same(s, t, g.positions(t)))) {
        seen[s] = epoch;
        rank[s] = i;
      } else {
        fresh[nf++] = i;
      }
    }
    int leaving = m - (count - nf);
    // Many changes at once (the first update, a resumed study): one sort per dimension afterwards
    // instead of one insertion per kernel.
    bulk = leaving + nf > Math.max(64, count / 16);
    for (int s = 0; s < used; s++) {
      if (number[s] != FREE && seen[s] != epoch) {
        remove(s);
      }
    }
    if (used + nf > capacity) {
      grow(Math.max(used + nf + (used + nf) / 8 + BLOCK, 2 * capacity));
    }
    for (int k = 0; k < nf; k++) {
      ObservedTrial t = trials[fresh[k]];
      add(t, g.positions(t), fresh[k]);
    }
    if (bulk) {
      resort();
    }
    widths();
    for (int k = 0; k < renormedCount; k++) {
      int s = renormedSlots[k];
      double sum = 0;
      for (int d : numerical) {
        sum += logMass[d][s];
      }
      norm[s] = sum;
    }
    renormedCount = 0;
    if (!tiled || (used - tailStart) + holes > tailLimit(m)) {
      tile();
    }
    logW = ParzenEstimator.componentLogWeights(weights, options.priorWeight());
    int nb = blocks();
    Arrays.fill(maxConstant, 0, nb, Double.NEGATIVE_INFINITY);
    for (int s = 0; s < used; s++) {
      if (number[s] == FREE) {
        constant[s] = Double.NEGATIVE_INFINITY;
        rank[s] = m + 1;
      } else {
        double c = logW[rank[s]] + norm[s];
        constant[s] = c;
        int b = s / BLOCK;
        if (c > maxConstant[b]) {
          maxConstant[b] = c;
        }
      }
    }
    for (int b = 0; b < nb; b++) {
      if (dirty[b]) {
        boundBlock(b);
        dirty[b] = false;
      }
    }
    if (treeBlocks > 0) {
      if (nodeMax.length < 2 * treeBlocks - 1) {
        int nodes = 2 * treeBlocks - 1;
        nodeMax = new double[nodes];
        for (int c = 0; c < numerical.length; c++) {
          nodeLo[c] = new double[nodes];
          nodeHi[c] = new double[nodes];
          nodeMinHalfInv[c] = new double[nodes];
        }
      }
      boundNode(0, 0, treeBlocks);
    }
    prior();
  }

  /** Whether slot {@code s} holds trial {@code t}'s observation as it is now. */
  private boolean same(int s, ObservedTrial t, int[] pos) {
    double[] v = t.values();
    for (int d = 0; d < nd; d++) {
      if (Double.doubleToLongBits(v[pos[d]]) != Double.doubleToLongBits(raw[d][s])) {
        return false;
      }
    }
    source[s] = t;
    return true;
  }

  private void remove(int s) {
    for (int q = 0; q < numerical.length && !bulk; q++) {
      int d = numerical[q];
      int at = search(q, mu[d][s], number[s]);
      if (at > 0) {
        touch(q, sorted[q][at - 1]);
      }
      if (at + 1 < m) {
        touch(q, sorted[q][at + 1]);
      }
      System.arraycopy(sorted[q], at + 1, sorted[q], at, m - at - 1);
    }
    if (slotOf[number[s]] == s) {
      slotOf[number[s]] = FREE;
    }
    number[s] = FREE;
    source[s] = null;
    m--;
    holes++;
    dirty[s / BLOCK] = true;
  }

  private void add(ObservedTrial t, int[] pos, int rank) {
    if (used == capacity) {
      grow(Math.max(4 * BLOCK, 2 * capacity));
    }
    int s = used++;
    number[s] = t.number();
    source[s] = t;
    slotOf[t.number()] = s;
    added[s] = epoch;
    this.rank[s] = rank;
    double[] v = t.values();
    for (int d = 0; d < nd; d++) {
      raw[d][s] = v[pos[d]];
      mu[d][s] = dims[d].isCategorical() ? v[pos[d]] : ParzenEstimator.centre(dims[d], v[pos[d]]);
    }
    for (int q = 0; q < numerical.length && !bulk; q++) {
      int at = search(q, mu[numerical[q]][s], number[s]);
      System.arraycopy(sorted[q], at, sorted[q], at + 1, m - at);
      sorted[q][at] = s;
      touch(q, s);
      if (at > 0) {
        touch(q, sorted[q][at - 1]);
      }
      if (at < m) {
        touch(q, sorted[q][at + 1]);
      }
    }
    m++;
    dirty[s / BLOCK] = true;
  }

  /**
   * Sorts the live slots of every numerical dimension by (centre, trial number) anew, and marks
   * every width to be derived again.
   */
  private void resort() {
    int[] live = new int[m];
    int k = 0;
    for (int s = 0; s < used; s++) {
      if (number[s] != FREE) {
        live[k++] = s;
      }
    }
    double[] key = new double[m];
    for (int q = 0; q < numerical.length; q++) {
      double[] centres = mu[numerical[q]];
      for (int i = 0; i < m; i++) {
        key[i] = centres[live[i]];
      }
      int[] order = Bandwidths.argsort(key);
      int[] out = sorted[q];
      for (int i = 0; i < m; i++) {
        out[i] = live[order[i]];
      }
      // argsort breaks ties by position among the live slots; the order is by trial number.
      for (int i = 1; i < m; i++) {
        int x = out[i];
        int j = i - 1;
        while (j >= 0 && Bandwidths.after(centres[out[j]], number[out[j]], centres[x], number[x])) {
          out[j + 1] = out[j];
          j--;
        }
        out[j + 1] = x;
      }
      touchedCount[q] = 0;
      lastMinSigma[q] = Double.NaN;
    }
  }

  /**
   * The position of (value, trial number) in numerical dimension {@code q}'s order: where it is, or
   * where it would be inserted.
   */
  private int search(int q, double value, int num) {
    int[] order = sorted[q];
    double[] centres = mu[numerical[q]];
    int a = 0;
    int b = m;
    while (a < b) {
      int mid = (a + b) >>> 1;
      int x = order[mid];
      if (Bandwidths.after(value, num, centres[x], number[x])) {
        a = mid + 1;
      } else {
        b = mid;
      }
    }
    return a;
  }

  private void touch(int q, int slot) {
    if (touchedCount[q] == touched[q].length) {
      touched[q] = Arrays.copyOf(touched[q], 2 * touched[q].length);
    }
    touched[q][touchedCount[q]++] = slot;
  }

  /**
   * Neighbour-gap widths of every numerical dimension from the sorted centres: those of the kernels
   * next to one that came or went (all of them when the smallest width changed, or when most
   * changed); the kernels whose width changed, and the new ones, get their derived parameters and
   * normaliser anew.
   */
  private void widths() {
    for (int q = 0; q < numerical.length; q++) {
      int d = numerical[q];
      KernelSpace sp = dims[d];
      double minSigma = Bandwidths.minSigma(m, sp.range(), options.considerMagicClip());
      if (minSigma != lastMinSigma[q] || touchedCount[q] > m / 4) {
        for (int i = 0; i < m; i++) {
          width(q, i, minSigma);
        }
      } else {
        for (int k = 0; k < touchedCount[q]; k++) {
          int s = touched[q][k];
          if (number[s] != FREE) {
            width(q, search(q, mu[d][s], number[s]), minSigma);
          }
        }
      }
      lastMinSigma[q] = minSigma;
      touchedCount[q] = 0;
    }
    if (numerical.length == 0) {
      for (int s = 0; s < used; s++) {
        if (added[s] == epoch) {
          renormed(s);
        }
      }
    }
  }

  /** Derives the width of the kernel at sorted position {@code i} of numerical dimension q. */
  private void width(int q, int i, double minSigma) {
    int d = numerical[q];
    KernelSpace sp = dims[d];
    int s = sorted[q][i];
    double gap =
        Bandwidths.gapAt(
            mu[d], m, sorted[q], i, sp.kernelLow(), sp.kernelHigh(), options.considerEndpoints());
    double sg = Bandwidths.clip(gap, minSigma, sp.range());
    if (added[s] == epoch || sg != sigma[d][s]) {
      double iv = 1 / sg;
      sigma[d][s] = sg;
      inv[d][s] = iv;
      halfInv[d][s] = iv * ParzenEstimator.SQRT_HALF;
      scaledMu[d][s] = mu[d][s] * halfInv[d][s];
      logMass[d][s] = ParzenEstimator.logNormaliser(sp, mu[d][s], sg);
      renormed(s);
      dirty[s / BLOCK] = true;
    }
  }

  private void renormed(int s) {
    if (renormed[s] != epoch) {
      renormed[s] = epoch;
      if (renormedCount == renormedSlots.length) {
        renormedSlots = Arrays.copyOf(renormedSlots, Math.max(16, 2 * renormedCount));
      }
      renormedSlots[renormedCount++] = s;
    }
  }

  private static int tailLimit(int m) {
    return Math.max(2 * BLOCK, Math.min(8 * BLOCK, m / 32));
  }

  /**
   * Rearranges the live kernels into blocks by recursive halving (a k-d tree whose leaves are
   * blocks): each range of blocks is split in two along the numerical dimension where its kernels'
   * centres spread over the most kernel widths. Holes and tail are gone afterwards.
   */
  private void tile() {
    int[] order = new int[m];
    int k = 0;
    for (int s = 0; s < used; s++) {
      if (number[s] != FREE) {
        order[k++] = s;
      }
    }
    int nb = (m + BLOCK - 1) / BLOCK;
    if (numerical.length > 0 && nb > 1) {
      split(order, 0, nb);
    }
    permute(order);
    treeBlocks = nb;
    tiled = true;
  }

  /** Orders the kernels of blocks {@code [b0, b1)} of {@code order} so that halves are apart. */
  private void split(int[] order, int b0, int b1) {
    if (b1 - b0 < 2) {
      return;
    }
    int s0 = b0 * BLOCK;
    int s1 = Math.min(m, b1 * BLOCK);
    int widest = numerical[0];
    double widestSpread = -1;
    for (int d : numerical) {
      double l = Double.POSITIVE_INFINITY;
      double h = Double.NEGATIVE_INFINITY;
      double inverse = 0;
      for (int i = s0; i < s1; i++) {
        double v = mu[d][order[i]];
        l = Math.min(l, v);
        h = Math.max(h, v);
        inverse += halfInv[d][order[i]];
      }
      double spread = (h - l) * inverse;
      if (spread > widestSpread) {
        widestSpread = spread;
        widest = d;
      }
    }
    double[] key = new double[s1 - s0];
    for (int i = s0; i < s1; i++) {
      key[i - s0] = mu[widest][order[i]];
    }
    int[] within = Bandwidths.argsort(key);
    int[] segment = Arrays.copyOfRange(order, s0, s1);
    for (int i = 0; i < within.length; i++) {
      order[s0 + i] = segment[within[i]];
    }
    int mid = (b0 + b1) >>> 1;
    split(order, b0, mid);
    split(order, mid, b1);
  }

  /** Moves the kernel at slot {@code order[p]} to slot {@code p}, for every live kernel. */
  private void permute(int[] order) {
    int[] newSlot = new int[used];
    Arrays.fill(newSlot, FREE);
    for (int p = 0; p < order.length; p++) {
      newSlot[order[p]] = p;
    }
    number = gather(number, order, FREE);
    source = gather(source, order);
    added = gather(added, order, 0);
    renormed = gather(renormed, order, 0);
    seen = gather(seen, order, 0);
    rank = gather(rank, order, 0);
    norm = gather(norm, order);
    for (int d = 0; d < nd; d++) {
      raw[d] = gather(raw[d], order);
      mu[d] = gather(mu[d], order);
      sigma[d] = gather(sigma[d], order);
      halfInv[d] = gather(halfInv[d], order);
      scaledMu[d] = gather(scaledMu[d], order);
      inv[d] = gather(inv[d], order);
      logMass[d] = gather(logMass[d], order);
    }
    for (int[] o : sorted) {
      for (int i = 0; i < m; i++) {
        o[i] = newSlot[o[i]];
      }
    }
    for (int p = 0; p < order.length; p++) {
      slotOf[number[p]] = p;
    }
    used = order.length;
    tailStart = used;
    holes = 0;
    Arrays.fill(dirty, true);
  }

  private int[] gather(int[] values, int[] order, int fill) {
    int[] out = new int[capacity];
    Arrays.fill(out, fill);
    for (int p = 0; p < order.length; p++) {
      out[p] = values[order[p]];
    }
    return out;
  }

  private double[] gather(double[] values, int[] order) {
    double[] out = new double[capacity];
    for (int p = 0; p < order.length; p++) {
      out[p] = values[order[p]];
    }
    return out;
  }

  private ObservedTrial[] gather(ObservedTrial[] values, int[] order) {
    ObservedTrial[] out = new ObservedTrial[capacity];
    for (int p = 0; p < order.length; p++) {
      out[p] = values[order[p]];
    }
    return out;
  }

  private void grow(int size) {
    int old = capacity;
    capacity = size;
    number = Arrays.copyOf(number, size);
    Arrays.fill(number, old, size, FREE);
    source = Arrays.copyOf(source, size);
    rank = Arrays.copyOf(rank, size);
    seen = Arrays.copyOf(seen, size);
    added = Arrays.copyOf(added, size);
    renormed = Arrays.copyOf(renormed, size);
    norm = Arrays.copyOf(norm, size);
    constant = Arrays.copyOf(constant, size);
    for (int d = 0; d < nd; d++) {
      raw[d] = Arrays.copyOf(raw[d], size);
      mu[d] = Arrays.copyOf(mu[d], size);
      sigma[d] = Arrays.copyOf(sigma[d], size);
      halfInv[d] = Arrays.copyOf(halfInv[d], size);
      scaledMu[d] = Arrays.copyOf(scaledMu[d], size);
      inv[d] = Arrays.copyOf(inv[d], size);
      logMass[d] = Arrays.copyOf(logMass[d], size);
    }
    for (int q = 0; q < sorted.length; q++) {
      sorted[q] = Arrays.copyOf(sorted[q], size);
    }
    int nb = (size + BLOCK - 1) / BLOCK;
    maxConstant = Arrays.copyOf(maxConstant, nb);
    dirty = Arrays.copyOf(dirty, nb);
    for (int c = 0; c < numerical.length; c++) {
      lo[c] = Arrays.copyOf(lo[c], nb);
      hi[c] = Arrays.copyOf(hi[c], nb);
      minHalfInv[c] = Arrays.copyOf(minHalfInv[c], nb);
    }
  }

  private int blocks() {
    return (used + BLOCK - 1) / BLOCK;
  }

  /** The ranges of centres and the smallest {@code sqrt(1/2)/sigma} of block {@code b}. */
  private void boundBlock(int b) {
    int end = Math.min(used, (b + 1) * BLOCK);
    for (int c = 0; c < numerical.length; c++) {
      int d = numerical[c];
      double l = Double.POSITIVE_INFINITY;
      double h = Double.NEGATIVE_INFINITY;
      double mh = Double.POSITIVE_INFINITY;
      for (int s = b * BLOCK; s < end; s++) {
        if (number[s] != FREE) {
          l = Math.min(l, mu[d][s]);
          h = Math.max(h, mu[d][s]);
          mh = Math.min(mh, halfInv[d][s]);
        }
      }
      lo[c][b] = l;
      hi[c][b] = h;
      minHalfInv[c][b] = mh;
    }
  }

  /** The bounds of node {@code id} over blocks {@code [b0, b1)} from its blocks'. */
  private void boundNode(int id, int b0, int b1) {
    if (b1 - b0 == 1) {
      nodeMax[id] = maxConstant[b0];
      for (int c = 0; c < numerical.length; c++) {
        nodeLo[c][id] = lo[c][b0];
        nodeHi[c][id] = hi[c][b0];
        nodeMinHalfInv[c][id] = minHalfInv[c][b0];
      }
      return;
    }
    int mid = (b0 + b1) >>> 1;
    int left = id + 1;
    int right = id + 2 * (mid - b0);
    boundNode(left, b0, mid);
    boundNode(right, mid, b1);
    nodeMax[id] = Math.max(nodeMax[left], nodeMax[right]);
    for (int c = 0; c < numerical.length; c++) {
      nodeLo[c][id] = Math.min(nodeLo[c][left], nodeLo[c][right]);
      nodeHi[c][id] = Math.max(nodeHi[c][left], nodeHi[c][right]);
      nodeMinHalfInv[c][id] = Math.min(nodeMinHalfInv[c][left], nodeMinHalfInv[c][right]);
    }
  }

  /** The prior kernel, and the categorical rows, for this suggestion's number of kernels. */
  private void prior() {
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

  // Scratch of one logPdf call.
  private double[] row;
  private long[] evaluated;
  private double[] term;
  private double[] point;

  /** Per dimension, the upper end of the point's grid cell (the point itself when continuous). */
  private double[] pointHigh;

  private double[][] cellLow;
  private double[][] cellHigh;
  private int at;
  private double known;

  @Override
  public double[] logPdf(double[][] points) {
    int count = points.length == 0 ? 0 : points[0].length;
    cellLow = new double[nd][];
    cellHigh = new double[nd][];
    for (int d = 0; d < nd; d++) {
      cellLow[d] = new double[count];
      cellHigh[d] = new double[count];
      ParzenEstimator.kernelCoordinates(dims[d], points[d], cellLow[d], cellHigh[d]);
    }
    // Kernel ranks, then the prior at m, then one entry that holes write to (always -infinity).
    row = new double[m + 2];
    evaluated = new long[(m + 2 + 63) >>> 6];
    term = new double[BLOCK];
    point = new double[nd];
    pointHigh = new double[nd];
    double[] out = new double[count];
    int nb = blocks();
    for (int j = 0; j < count; j++) {
      at = j;
      for (int d = 0; d < nd; d++) {
        point[d] = cellLow[d][j];
        pointHigh[d] = dims[d].isDiscrete() ? cellHigh[d][j] : cellLow[d][j];
      }
      Arrays.fill(evaluated, 0);
      // The prior kernel first: its term is a lower bound of the maximum.
      known = priorTerm(cellLow, cellHigh, j);
      row[m] = known;
      evaluated[m >>> 6] |= 1L << m;
      if (treeBlocks > 0) {
        visit(0, 0, treeBlocks, nodeBound(0));
      }
      for (int blk = treeBlocks; blk < nb; blk++) {
        if (!negligible(blockBound(blk), known)) {
          score(blk);
        }
      }
      out[j] = logSumExpOf(row, evaluated);
    }
    row = null;
    evaluated = null;
    cellLow = null;
    cellHigh = null;
    return out;
  }

  /** Scores the blocks under node {@code id} that can matter, the nearer half first. */
  private void visit(int id, int b0, int b1, double bound) {
    if (negligible(bound, known)) {
      return;
    }
    if (b1 - b0 == 1) {
      score(b0);
      return;
    }
    int mid = (b0 + b1) >>> 1;
    int left = id + 1;
    int right = id + 2 * (mid - b0);
    double leftBound = nodeBound(left);
    double rightBound = nodeBound(right);
    if (leftBound >= rightBound) {
      visit(left, b0, mid, leftBound);
      visit(right, mid, b1, rightBound);
    } else {
      visit(right, mid, b1, rightBound);
      visit(left, b0, mid, leftBound);
    }
  }

  /** An upper bound of the log-terms of the kernels under node {@code id} at the point. */
  private double nodeBound(int id) {
    return bound(nodeMax[id], nodeLo, nodeHi, nodeMinHalfInv, id);
  }

  /** An upper bound of the log-terms of block {@code b}'s kernels at the point. */
  private double blockBound(int b) {
    return bound(maxConstant[b], lo, hi, minHalfInv, b);
  }

  /**
   * The largest constant {@code max} minus, per numerical dimension, the squared distance from the
   * point (a stepped dimension: its grid cell) to box {@code i}'s range of centres scaled by its
   * smallest {@code sqrt(1/2)/sigma}. A continuous term is {@code -(t - mu)^2 / (2 sigma^2)}; a
   * stepped one is the log of a normal mass beyond that distance, at most {@code log(exp(-z^2 / 2)
   * / 2)}. An empty box (lo = +inf, hi = -inf, max = -inf) gives -inf.
   */
  private double bound(double max, double[][] lo, double[][] hi, double[][] minHalfInv, int i) {
    double bound = max;
    for (int c = 0; c < numerical.length; c++) {
      int d = numerical[c];
      double dist = Math.max(0, Math.max(lo[c][i] - pointHigh[d], point[d] - hi[c][i]));
      double z = dist * minHalfInv[c][i];
      bound -= z * z;
    }
    return bound;
  }

  /**
   * Computes the terms of block {@code blk}'s kernels at the point into {@link #row}, unless they
   * all turn out negligible on the way.
   */
  private void score(int blk) {
    int j = at;
    int start = blk * BLOCK;
    int len = Math.min(used, start + BLOCK) - start;
    evaluatedKernels += len;
    System.arraycopy(constant, start, term, 0, len);
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
        double[] centres = mu[d];
        double h = hit[d];
        double o = other[d];
        for (int i = 0; i < len; i++) {
          term[i] += centres[start + i] == c ? h : o;
        }
      } else if (s.isDiscrete()) {
        ParzenEstimator.addDiscrete(
            term, 0, mu[d], inv[d], cellLow[d][j], cellHigh[d][j], start, len);
      } else {
        ParzenEstimator.addContinuous(term, 0, scaledMu[d], halfInv[d], cellLow[d][j], start, len);
      }
    }
    // The running maximum only steers which blocks are skipped: a compare, not Math.max, keeps
    // it off the critical path of the scatter.
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
    int[][] categories = new int[nd][];
    for (int d = 0; d < nd; d++) {
      if (dims[d].isCategorical()) {
        categories[d] = new int[m];
      }
    }
    for (int s = 0; s < used; s++) {
      if (number[s] != FREE) {
        for (int d = 0; d < nd; d++) {
          if (categories[d] != null) {
            categories[d][rank[s]] = (int) mu[d][s];
          }
        }
      }
    }
    return CategoricalMarginal.logPdf(
        dims, categories, logW, options.priorWeight(), smoothing, points);
  }

  /** The number of kernels (observations; the prior not counted). */
  int kernels() {
    return m;
  }

  /** How many kernel terms {@link #logPdf} has computed so far (skipped kernels not counted). */
  long evaluatedKernels() {
    return evaluatedKernels;
  }
}
