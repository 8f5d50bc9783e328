package dev.rung.samplers.tpe;

import java.util.Arrays;

/**
 * The kernels of {@link KernelSlots} tiled into blocks of {@link #BLOCK} slots by recursive halving
 * (a k-d tree whose leaves are blocks), with bounds of the log-term any kernel of a block or of a
 * tree node can give at a point: the branch-and-bound of dual-tree kernel density estimation (Gray
 * and Moore, SDM 2003).
 *
 * @apiNote Blocks {@code [0, treeBlocks)} are the leaves of the last tiling's tree; later blocks
 *     (the tail, where new kernels go) are bounded one by one. After {@link #bound} every block's
 *     and node's box holds the centres of its live kernels, its width factor is at most theirs and
 *     its constant at least theirs. The tiling is redone when the tail and the holes left by
 *     removed kernels grow past a small share of the kernels.
 */
final class KernelTiles {
  /** Kernels per block. */
  static final int BLOCK = 32;

  private final KernelSlots slots;
  private final int[] numerical;

  /** Slots from here on were filled after the last tiling. */
  private int tailStart;

  /** Slots below {@link #tailStart} freed since the last tiling. */
  private int holes;

  private boolean tiled;

  // Per block: the largest constant, and per numerical dimension the range of centres and the
  // smallest sqrt(1/2)/sigma; whether those are to be derived again.
  private double[] maxConstant = new double[0];
  private final double[][] lo;
  private final double[][] hi;
  private final double[][] minHalfInv;
  private boolean[] dirty = new boolean[0];

  /**
   * The tree over blocks {@code [0, treeBlocks)}: node {@code id} over blocks {@code [b0, b1)} has
   * its halves at {@code id + 1} and {@code id + 2 (mid - b0)}; per node the same bounds as per
   * block.
   */
  private int treeBlocks;

  private double[] nodeMax = new double[0];
  private final double[][] nodeLo;
  private final double[][] nodeHi;
  private final double[][] nodeMinHalfInv;

  KernelTiles(KernelSlots slots) {
    this.slots = slots;
    this.numerical = slots.numerical();
    lo = new double[numerical.length][0];
    hi = new double[numerical.length][0];
    minHalfInv = new double[numerical.length][0];
    nodeLo = new double[numerical.length][0];
    nodeHi = new double[numerical.length][0];
    nodeMinHalfInv = new double[numerical.length][0];
  }

  /** Makes room for {@code capacity} slots. */
  void grow(int capacity) {
    int nb = (capacity + BLOCK - 1) / BLOCK;
    maxConstant = Arrays.copyOf(maxConstant, nb);
    dirty = Arrays.copyOf(dirty, nb);
    for (int c = 0; c < numerical.length; c++) {
      lo[c] = Arrays.copyOf(lo[c], nb);
      hi[c] = Arrays.copyOf(hi[c], nb);
      minHalfInv[c] = Arrays.copyOf(minHalfInv[c], nb);
    }
  }

  /** Slot {@code s} was made a hole. */
  void removed(int s) {
    holes++;
    dirty[s / BLOCK] = true;
  }

  /** Slot {@code s} was filled, or its kernel's widths changed. */
  void changed(int s) {
    dirty[s / BLOCK] = true;
  }

  /** The number of blocks over the used slots. */
  int blocks() {
    return (slots.used() + BLOCK - 1) / BLOCK;
  }

  /** The number of blocks under the tree; the blocks after them are the tail. */
  int treeBlocks() {
    return treeBlocks;
  }

  /** Whether the tail and holes have grown enough for {@link #tile} to pay. */
  boolean isDue() {
    return !tiled || (slots.used() - tailStart) + holes > tailLimit(slots.live());
  }

  private static int tailLimit(int m) {
    return Math.max(2 * BLOCK, Math.min(8 * BLOCK, m / 32));
  }

  /**
   * Rearranges the live kernels into blocks by recursive halving: each range of blocks is split in
   * two along the numerical dimension where its kernels' centres spread over the most kernel
   * widths. Holes and tail are gone afterwards. Returns each old slot's new slot ({@link
   * KernelSlots#permute}).
   */
  int[] tile() {
    int[] order = slots.liveSlots();
    int nb = (order.length + BLOCK - 1) / BLOCK;
    if (numerical.length > 0 && nb > 1) {
      split(order, 0, nb);
    }
    int[] newSlot = slots.permute(order);
    tailStart = slots.used();
    holes = 0;
    Arrays.fill(dirty, true);
    treeBlocks = nb;
    tiled = true;
    return newSlot;
  }

  /** Orders the kernels of blocks {@code [b0, b1)} of {@code order} so that halves are apart. */
  private void split(int[] order, int b0, int b1) {
    if (b1 - b0 < 2) {
      return;
    }
    int s0 = b0 * BLOCK;
    int s1 = Math.min(order.length, b1 * BLOCK);
    int widest = numerical[0];
    double widestSpread = -1;
    for (int d : numerical) {
      double[] centres = slots.centres(d);
      double[] halfInv = slots.halfInverseWidths(d);
      double l = Double.POSITIVE_INFINITY;
      double h = Double.NEGATIVE_INFINITY;
      double inverse = 0;
      for (int i = s0; i < s1; i++) {
        double v = centres[order[i]];
        l = Math.min(l, v);
        h = Math.max(h, v);
        inverse += halfInv[order[i]];
      }
      double spread = (h - l) * inverse;
      if (spread > widestSpread) {
        widestSpread = spread;
        widest = d;
      }
    }
    double[] centres = slots.centres(widest);
    double[] key = new double[s1 - s0];
    for (int i = s0; i < s1; i++) {
      key[i - s0] = centres[order[i]];
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

  /**
   * Derives the bounds of every block (the ranges and widths of changed blocks only) and of the
   * tree's nodes from the kernels' constants, which {@link KernelSlots#weigh} set.
   */
  void bound() {
    int nb = blocks();
    double[] constant = slots.constants();
    Arrays.fill(maxConstant, 0, nb, Double.NEGATIVE_INFINITY);
    for (int s = 0; s < slots.used(); s++) {
      if (slots.isLive(s)) {
        int b = s / BLOCK;
        if (constant[s] > maxConstant[b]) {
          maxConstant[b] = constant[s];
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
  }

  /** The ranges of centres and the smallest {@code sqrt(1/2)/sigma} of block {@code b}. */
  private void boundBlock(int b) {
    int end = Math.min(slots.used(), (b + 1) * BLOCK);
    for (int c = 0; c < numerical.length; c++) {
      int d = numerical[c];
      double[] centres = slots.centres(d);
      double[] halfInv = slots.halfInverseWidths(d);
      double l = Double.POSITIVE_INFINITY;
      double h = Double.NEGATIVE_INFINITY;
      double mh = Double.POSITIVE_INFINITY;
      for (int s = b * BLOCK; s < end; s++) {
        if (slots.isLive(s)) {
          l = Math.min(l, centres[s]);
          h = Math.max(h, centres[s]);
          mh = Math.min(mh, halfInv[s]);
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

  /** Scores blocks for {@link #visit}. */
  interface Scorer {
    /** The largest log-term computed so far at the point. */
    double known();

    /** Computes the log-terms of block {@code b}'s kernels at the point. */
    void score(int b);
  }

  /**
   * Has {@code scorer} score every block whose bound at the point is not {@link
   * IncrementalMixture#negligible} next to the largest term known then: the tree's blocks, the
   * nearer half of each node first, then the tail's in order. {@code low} and {@code high} are the
   * point per dimension and the upper end of its grid cell (the point itself when continuous).
   */
  void visit(double[] low, double[] high, Scorer scorer) {
    if (treeBlocks > 0) {
      visit(0, 0, treeBlocks, nodeBound(0, low, high), low, high, scorer);
    }
    int nb = blocks();
    for (int b = treeBlocks; b < nb; b++) {
      if (!IncrementalMixture.negligible(blockBound(b, low, high), scorer.known())) {
        scorer.score(b);
      }
    }
  }

  private void visit(
      int id, int b0, int b1, double bound, double[] low, double[] high, Scorer scorer) {
    if (IncrementalMixture.negligible(bound, scorer.known())) {
      return;
    }
    if (b1 - b0 == 1) {
      scorer.score(b0);
      return;
    }
    int mid = (b0 + b1) >>> 1;
    int left = id + 1;
    int right = id + 2 * (mid - b0);
    double leftBound = nodeBound(left, low, high);
    double rightBound = nodeBound(right, low, high);
    if (leftBound >= rightBound) {
      visit(left, b0, mid, leftBound, low, high, scorer);
      visit(right, mid, b1, rightBound, low, high, scorer);
    } else {
      visit(right, mid, b1, rightBound, low, high, scorer);
      visit(left, b0, mid, leftBound, low, high, scorer);
    }
  }

  /** An upper bound of the log-terms of the kernels under node {@code id} at the point. */
  double nodeBound(int id, double[] low, double[] high) {
    return bound(nodeMax[id], nodeLo, nodeHi, nodeMinHalfInv, id, low, high);
  }

  /** An upper bound of the log-terms of block {@code b}'s kernels at the point. */
  double blockBound(int b, double[] low, double[] high) {
    return bound(maxConstant[b], lo, hi, minHalfInv, b, low, high);
  }

  /**
   * The largest constant {@code max} minus, per numerical dimension, the squared distance from the
   * point (a stepped dimension: its grid cell) to box {@code i}'s range of centres scaled by its
   * smallest {@code sqrt(1/2)/sigma}. A continuous term is {@code -(t - mu)^2 / (2 sigma^2)}; a
   * stepped one is the log of a normal mass beyond that distance, at most {@code log(exp(-z^2 / 2)
   * / 2)}. An empty box (lo = +inf, hi = -inf, max = -inf) gives -inf.
   */
  private double bound(
      double max,
      double[][] lo,
      double[][] hi,
      double[][] minHalfInv,
      int i,
      double[] low,
      double[] high) {
    double bound = max;
    for (int c = 0; c < numerical.length; c++) {
      int d = numerical[c];
      double dist = Math.max(0, Math.max(lo[c][i] - high[d], low[d] - hi[c][i]));
      double z = dist * minHalfInv[c][i];
      bound -= z * z;
    }
    return bound;
  }
}
