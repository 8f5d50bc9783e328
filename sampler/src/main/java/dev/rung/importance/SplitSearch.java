package dev.rung.importance;

import java.util.Arrays;
import java.util.random.RandomGenerator;

/**
 * The best squared-error split of a tree node, as scikit-learn's best splitter finds it: every
 * feature in a random order, for each the best threshold halfway between consecutive distinct
 * values (or the best two-set split of a categorical feature's levels), the first best split kept.
 *
 * <p>Maximizing {@code sl^2/wl + sr^2/wr} (the weighted target sums and weights of the two sides)
 * minimizes the children's squared error. A node's trials are {@code members[start..end)} and, for
 * each numeric feature, the same trials sorted by it in {@code order[f][start..end)}.
 */
final class SplitSearch {
  /** Values closer than this are not separated (scikit-learn's FEATURE_THRESHOLD). */
  private static final double SAME_VALUE = 1e-7;

  private final EncodedSpace space;
  private final double[] y;
  private final int[] weight;
  private final int[] members;
  private final int[][] order;
  private final RandomGenerator rng;
  private final int[] featureOrder;
  private final double[] levelWeight;
  private final double[] levelSum;
  private final int[] levelCount;
  private final int[] levelRank;

  /** The best split found: its feature, or -1 when the node cannot be split. */
  int feature;

  /** A numeric split's threshold: {@code x <= threshold} goes left. */
  double threshold;

  /** A categorical split's levels that go left; null for a numeric split. */
  boolean[] leftLevels;

  private double bestProxy;

  SplitSearch(
      EncodedSpace space,
      double[] y,
      int[] weight,
      int[] members,
      int[][] order,
      RandomGenerator rng) {
    this.space = space;
    this.y = y;
    this.weight = weight;
    this.members = members;
    this.order = order;
    this.rng = rng;
    featureOrder = new int[space.features()];
    int maxLevels = Arrays.stream(space.levels).max().orElse(0);
    levelWeight = new double[maxLevels];
    levelSum = new double[maxLevels];
    levelCount = new int[maxLevels];
    levelRank = new int[maxLevels];
  }

  /**
   * Searches the best split of the node {@code start..end} (total weight {@code w}, weighted target
   * sum {@code s}); returns whether there is one.
   */
  boolean find(int start, int end, double w, double s) {
    feature = -1;
    bestProxy = Double.NEGATIVE_INFINITY;
    int d = featureOrder.length;
    for (int f = 0; f < d; f++) {
      featureOrder[f] = f;
    }
    for (int k = d - 1; k > 0; k--) {
      int j = rng.nextInt(k + 1);
      int t = featureOrder[k];
      featureOrder[k] = featureOrder[j];
      featureOrder[j] = t;
    }
    for (int f : featureOrder) {
      if (space.categorical[f]) {
        categoricalSplit(f, start, end, w, s);
      } else {
        numericSplit(f, start, end, w, s);
      }
    }
    return feature >= 0;
  }

  /**
   * The best threshold of numeric feature {@code f}. Maximizing {@code sl^2/wl + sr^2/wr} (the
   * weighted sums and weights of both sides) minimizes the children's squared error.
   */
  private void numericSplit(int f, int start, int end, double w, double s) {
    int[] ord = order[f];
    double[] x = space.x[f];
    double wl = 0;
    double sl = 0;
    for (int p = start; p < end - 1; p++) {
      int i = ord[p];
      wl += weight[i];
      sl += weight[i] * y[i];
      double here = x[i];
      double next = x[ord[p + 1]];
      if (next <= here + SAME_VALUE) {
        continue;
      }
      double sr = s - sl;
      double proxy = sl * sl / wl + sr * sr / (w - wl);
      if (proxy > bestProxy) {
        bestProxy = proxy;
        feature = f;
        double mid = 0.5 * (here + next);
        threshold = mid == next ? here : mid;
        leftLevels = null;
      }
    }
  }

  /** The best two-set split of categorical feature {@code f} (levels ordered by mean target). */
  private void categoricalSplit(int f, int start, int end, double w, double s) {
    int levels = space.levels[f];
    double[] x = space.x[f];
    Arrays.fill(levelWeight, 0, levels, 0);
    Arrays.fill(levelSum, 0, levels, 0);
    Arrays.fill(levelCount, 0, levels, 0);
    for (int p = start; p < end; p++) {
      int i = members[p];
      int c = (int) x[i];
      levelWeight[c] += weight[i];
      levelSum[c] += weight[i] * y[i];
      levelCount[c]++;
    }
    int present = 0;
    for (int c = 0; c < levels; c++) {
      if (levelCount[c] > 0) {
        // Insertion by mean: few levels, and ties keep level order.
        double m = levelSum[c] / levelWeight[c];
        int k = present++;
        while (k > 0 && levelSum[levelRank[k - 1]] / levelWeight[levelRank[k - 1]] > m) {
          levelRank[k] = levelRank[k - 1];
          k--;
        }
        levelRank[k] = c;
      }
    }
    double wl = 0;
    double sl = 0;
    int bestK = -1;
    double bestWl = 0;
    for (int k = 0; k < present - 1; k++) {
      int c = levelRank[k];
      wl += levelWeight[c];
      sl += levelSum[c];
      double sr = s - sl;
      double proxy = sl * sl / wl + sr * sr / (w - wl);
      if (proxy > bestProxy) {
        bestProxy = proxy;
        bestK = k;
        bestWl = wl;
      }
    }
    if (bestK >= 0) {
      feature = f;
      threshold = Double.NaN;
      boolean unseenLeft = bestWl > w - bestWl;
      boolean[] set = new boolean[levels];
      for (int c = 0; c < levels; c++) {
        set[c] = levelCount[c] == 0 && unseenLeft;
      }
      for (int k = 0; k <= bestK; k++) {
        set[levelRank[k]] = true;
      }
      leftLevels = set;
    }
  }
}
