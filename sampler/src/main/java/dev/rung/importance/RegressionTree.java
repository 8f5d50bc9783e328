package dev.rung.importance;

import java.util.Arrays;
import java.util.random.RandomGenerator;

/**
 * A regression tree grown on a bootstrap sample as scikit-learn's {@code RandomForestRegressor}
 * grows each of its trees: squared-error splits over every feature, tried in a random order per
 * node (the first best split wins, so ties are broken at random), thresholds halfway between
 * consecutive distinct values, growth until a node holds fewer than {@code minSamplesSplit}
 * distinct samples, reaches {@code maxDepth}, has no variance or cannot be split.
 *
 * <p>A categorical feature is split into two sets of its levels: the levels present in the node are
 * ordered by their mean target and the best prefix is taken, which is the best of all two-set
 * splits for squared error (Breiman et al., Classification and Regression Trees, 1984, 9.4). Levels
 * that do not occur in the node go to the side with the larger bootstrap weight.
 *
 * <p>Each numeric feature's samples are sorted once for the forest; a node's samples stay a
 * contiguous, sorted segment of every feature's order, and a split partitions the segments stably.
 * Growing a tree costs O(features x samples) per depth level.
 */
final class RegressionTree {
  /** Split feature of each node, -1 for a leaf. */
  final int[] feature;

  /** A numeric split sends {@code x <= threshold} to the left child. */
  final double[] threshold;

  /** A categorical split sends the levels marked here to the left child; null otherwise. */
  final boolean[][] leftLevels;

  final int[] left;
  final int[] right;

  /** The bootstrap-weighted mean target of each node. */
  final double[] value;

  final int nodes;

  private RegressionTree(Grower b) {
    nodes = b.count;
    feature = Arrays.copyOf(b.feature, nodes);
    threshold = Arrays.copyOf(b.threshold, nodes);
    leftLevels = Arrays.copyOf(b.leftLevels, nodes);
    left = Arrays.copyOf(b.left, nodes);
    right = Arrays.copyOf(b.right, nodes);
    value = Arrays.copyOf(b.value, nodes);
  }

  /** A bootstrap sample of {@code n} trials: how often each is drawn in {@code n} draws. */
  static int[] bootstrap(int n, RandomGenerator rng) {
    int[] weight = new int[n];
    for (int k = 0; k < n; k++) {
      weight[rng.nextInt(n)]++;
    }
    return weight;
  }

  /**
   * Grows a tree on trials weighted by {@code weight} (how often each is in the sample; 0 leaves it
   * out), breaking ties between features with {@code rng}.
   */
  static final class Grower {
    private static final double EPSILON = Math.ulp(1.0);

    private final EncodedSpace space;
    private final double[] y;
    private final int maxDepth;
    private final int minSamplesSplit;
    private final int[] weight;

    /** The distinct sampled trials: a node's are {@code members[start..end)}. */
    private final int[] members;

    /** Per numeric feature, the distinct sampled trials in the order of that feature. */
    private final int[][] order;

    private final boolean[] goesLeft;
    private final int[] buffer;

    private int count;
    private int[] feature = new int[64];
    private double[] threshold = new double[64];
    private boolean[][] leftLevels = new boolean[64][];
    private int[] left = new int[64];
    private int[] right = new int[64];
    private double[] value = new double[64];

    private final SplitSearch splits;

    /**
     * @param sorted for each numeric feature, all trial indices sorted by it; null when categorical
     * @param weight how often each trial is in the sample (0: left out)
     */
    Grower(
        EncodedSpace space,
        double[] y,
        int[][] sorted,
        int[] weight,
        int maxDepth,
        int minSamplesSplit,
        RandomGenerator rng) {
      this.space = space;
      this.y = y;
      this.weight = weight;
      this.maxDepth = maxDepth;
      this.minSamplesSplit = minSamplesSplit;
      int n = y.length;
      int distinct = 0;
      for (int w : weight) {
        distinct += w > 0 ? 1 : 0;
      }
      members = new int[distinct];
      for (int i = 0, m = 0; i < n; i++) {
        if (weight[i] > 0) {
          members[m++] = i;
        }
      }
      int d = space.features();
      order = new int[d][];
      for (int f = 0; f < d; f++) {
        if (sorted[f] != null) {
          order[f] = new int[distinct];
          int m = 0;
          for (int i : sorted[f]) {
            if (weight[i] > 0) {
              order[f][m++] = i;
            }
          }
        }
      }
      goesLeft = new boolean[n];
      buffer = new int[distinct];
      splits = new SplitSearch(space, y, weight, members, order, rng);
    }

    RegressionTree grow() {
      // Depth-first with an explicit stack of {start, end, depth, parent, side (1 = left)}.
      int[][] stack = new int[16][];
      int top = 0;
      stack[top++] = new int[] {0, members.length, 0, -1, 0};
      while (top > 0) {
        int[] task = stack[--top];
        int start = task[0];
        int end = task[1];
        int node = addNode(start, end, task[2]);
        if (task[3] >= 0) {
          (task[4] == 1 ? left : right)[task[3]] = node;
        }
        if (feature[node] >= 0) {
          int mid = partition(node, start, end);
          if (top + 2 > stack.length) {
            stack = Arrays.copyOf(stack, stack.length * 2);
          }
          stack[top++] = new int[] {mid, end, task[2] + 1, node, 0};
          stack[top++] = new int[] {start, mid, task[2] + 1, node, 1};
        }
      }
      return new RegressionTree(this);
    }

    /** Adds the node of {@code members[start..end)}, a leaf or with its best split chosen. */
    private int addNode(int start, int end, int depth) {
      double w = 0;
      double s = 0;
      for (int p = start; p < end; p++) {
        int i = members[p];
        w += weight[i];
        s += weight[i] * y[i];
      }
      double mean = s / w;
      double squares = 0;
      for (int p = start; p < end; p++) {
        int i = members[p];
        double r = y[i] - mean;
        squares += weight[i] * r * r;
      }
      int node = newNode(mean);
      if (end - start < minSamplesSplit || depth >= maxDepth || squares / w <= EPSILON) {
        return node;
      }
      if (splits.find(start, end, w, s)) {
        feature[node] = splits.feature;
        threshold[node] = splits.threshold;
        leftLevels[node] = splits.leftLevels;
      }
      return node;
    }

    /** Splits the node's segment of every order by its split; returns where the right starts. */
    private int partition(int node, int start, int end) {
      int f = feature[node];
      double[] x = space.x[f];
      for (int p = start; p < end; p++) {
        int i = members[p];
        boolean[] set = leftLevels[node];
        goesLeft[i] = set != null ? set[(int) x[i]] : x[i] <= threshold[node];
      }
      int mid = partition(members, start, end);
      for (int[] ord : order) {
        if (ord != null) {
          partition(ord, start, end);
        }
      }
      return mid;
    }

    private int partition(int[] a, int start, int end) {
      int l = start;
      int r = 0;
      for (int p = start; p < end; p++) {
        int i = a[p];
        if (goesLeft[i]) {
          a[l++] = i;
        } else {
          buffer[r++] = i;
        }
      }
      System.arraycopy(buffer, 0, a, l, r);
      return l;
    }

    private int newNode(double mean) {
      if (count == feature.length) {
        int size = count * 2;
        feature = Arrays.copyOf(feature, size);
        threshold = Arrays.copyOf(threshold, size);
        leftLevels = Arrays.copyOf(leftLevels, size);
        left = Arrays.copyOf(left, size);
        right = Arrays.copyOf(right, size);
        value = Arrays.copyOf(value, size);
      }
      feature[count] = -1;
      value[count] = mean;
      return count++;
    }
  }
}
