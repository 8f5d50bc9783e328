package dev.rung.importance;

import java.util.Arrays;

/**
 * The variance of one tree's prediction over the whole space and of each feature's marginal (the
 * prediction averaged over all other features), as functional ANOVA defines them (Hutter, Hoos and
 * Leyton-Brown, ICML 2014), computed exactly from the tree's partition of the space.
 *
 * <p>Along feature f, the tree's thresholds on f cut the feature's range into atoms (plus, for a
 * conditional parameter, the "absent" value as a point of its own); a categorical feature's atoms
 * are its levels. Each leaf is a box: a run of atoms per numeric feature and a set of levels per
 * categorical one, with volume {@code v} the product of the features' measures. The marginal of f
 * is constant on each atom a: {@code F(a) = sum over leaves whose box holds a of value * v /
 * measure_f(box)}. A difference array over the atoms gives all of them in one pass over the leaves,
 * so the whole computation costs O(leaves x features), where the original implementation and
 * Optuna's walk the tree once per cell of each feature.
 */
final class MarginalVariances {
  private final RegressionTree tree;
  private final EncodedSpace space;
  private final int d;

  /** Per numeric feature, the distinct thresholds of this tree on it, sorted. */
  private final double[][] cuts;

  /** Per feature, the measure of each atom. */
  private final double[][] atomMass;

  /**
   * Per numeric feature, cumulative atom measures: the measure of atoms lo..hi is c[hi+1]-c[lo].
   */
  private final double[][] cumulative;

  private int leaves;
  private final double[] leafValue;
  private final double[] leafVolume;

  /** Per leaf and feature (flat, leaf-major): the leaf's measure along the feature. */
  private final double[] leafMeasure;

  private final int[] leafLow;
  private final int[] leafHigh;
  private final boolean[][] leafLevels;

  private MarginalVariances(RegressionTree tree, EncodedSpace space) {
    this.tree = tree;
    this.space = space;
    d = space.features();
    cuts = new double[d][];
    atomMass = new double[d][];
    cumulative = new double[d][];
    for (int f = 0; f < d; f++) {
      atomMass[f] = space.categorical[f] ? levelMasses(f) : numericAtoms(f);
    }
    int maxLeaves = tree.nodes / 2 + 1;
    leafValue = new double[maxLeaves];
    leafVolume = new double[maxLeaves];
    leafMeasure = new double[maxLeaves * d];
    leafLow = new int[maxLeaves * d];
    leafHigh = new int[maxLeaves * d];
    leafLevels = new boolean[maxLeaves * d][];
  }

  /**
   * {@code result[f]} is the variance of feature f's marginal and {@code result[d]} the variance of
   * the tree's prediction over the whole space.
   */
  static double[] of(RegressionTree tree, EncodedSpace space) {
    MarginalVariances m = new MarginalVariances(tree, space);
    m.collectLeaves();
    return m.variances();
  }

  private double[] levelMasses(int f) {
    int levels = space.levels[f];
    double[] mass = new double[levels];
    Arrays.fill(mass, (1 - space.absentMass[f]) / (levels - 1));
    mass[levels - 1] = space.absentMass[f];
    return mass;
  }

  private double[] numericAtoms(int f) {
    double[] t = new double[tree.nodes];
    int k = 0;
    for (int node = 0; node < tree.nodes; node++) {
      if (tree.feature[node] == f) {
        t[k++] = tree.threshold[node];
      }
    }
    Arrays.sort(t, 0, k);
    int distinct = 0;
    for (int i = 0; i < k; i++) {
      if (distinct == 0 || t[i] != t[distinct - 1]) {
        t[distinct++] = t[i];
      }
    }
    cuts[f] = Arrays.copyOf(t, distinct);
    // Atom a is (cut[a-1], cut[a]]: the absent point -1 lies in the first atom whose cut is >= -1.
    double absent = space.absentMass[f];
    double[] mass = new double[distinct + 1];
    cumulative[f] = new double[distinct + 2];
    for (int a = 0; a <= distinct; a++) {
      double lo = a == 0 ? Double.NEGATIVE_INFINITY : cuts[f][a - 1];
      double hi = a == distinct ? Double.POSITIVE_INFINITY : cuts[f][a];
      double inRange = Math.max(0, Math.min(hi, 1) - Math.max(lo, 0));
      boolean holdsAbsent = lo < EncodedSpace.ABSENT && EncodedSpace.ABSENT <= hi;
      mass[a] = (1 - absent) * inRange + (holdsAbsent ? absent : 0);
      cumulative[f][a + 1] = cumulative[f][a] + mass[a];
    }
    return mass;
  }

  private void collectLeaves() {
    int[] low = new int[d];
    int[] high = new int[d];
    boolean[][] levels = new boolean[d][];
    for (int f = 0; f < d; f++) {
      high[f] = atomMass[f].length - 1;
      if (space.categorical[f]) {
        levels[f] = new boolean[space.levels[f]];
        Arrays.fill(levels[f], true);
      }
    }
    visit(0, low, high, levels);
  }

  /** Walks the subtree of {@code node}, whose box is given by the arrays (restored on return). */
  private void visit(int node, int[] low, int[] high, boolean[][] levels) {
    int f = tree.feature[node];
    if (f < 0) {
      addLeaf(node, low, high, levels);
      return;
    }
    if (space.categorical[f]) {
      boolean[] box = levels[f];
      boolean[] toLeft = tree.leftLevels[node];
      boolean[] l = new boolean[box.length];
      boolean[] r = new boolean[box.length];
      for (int c = 0; c < box.length; c++) {
        l[c] = box[c] && toLeft[c];
        r[c] = box[c] && !toLeft[c];
      }
      levels[f] = l;
      visit(tree.left[node], low, high, levels);
      levels[f] = r;
      visit(tree.right[node], low, high, levels);
      levels[f] = box;
    } else {
      int cut = Arrays.binarySearch(cuts[f], tree.threshold[node]);
      int h = high[f];
      high[f] = cut;
      visit(tree.left[node], low, high, levels);
      high[f] = h;
      int l = low[f];
      low[f] = cut + 1;
      visit(tree.right[node], low, high, levels);
      low[f] = l;
    }
  }

  private void addLeaf(int node, int[] low, int[] high, boolean[][] levels) {
    int base = leaves * d;
    double volume = 1;
    for (int f = 0; f < d; f++) {
      double measure;
      if (space.categorical[f]) {
        measure = 0;
        for (int c = 0; c < levels[f].length; c++) {
          measure += levels[f][c] ? atomMass[f][c] : 0;
        }
        leafLevels[base + f] = levels[f];
      } else {
        measure = cumulative[f][high[f] + 1] - cumulative[f][low[f]];
        leafLow[base + f] = low[f];
        leafHigh[base + f] = high[f];
      }
      leafMeasure[base + f] = measure;
      volume *= measure;
    }
    leafValue[leaves] = tree.value[node];
    leafVolume[leaves] = volume;
    leaves++;
  }

  private double[] variances() {
    double total = 0;
    double mean = 0;
    for (int l = 0; l < leaves; l++) {
      total += leafVolume[l];
      mean += leafVolume[l] * leafValue[l];
    }
    mean /= total;
    double[] out = new double[d + 1];
    double variance = 0;
    for (int l = 0; l < leaves; l++) {
      double r = leafValue[l] - mean;
      variance += leafVolume[l] * r * r;
    }
    out[d] = variance / total;
    for (int f = 0; f < d; f++) {
      if (atomMass[f].length > 1) {
        out[f] = marginalVariance(f, mean) / total;
      }
    }
    return out;
  }

  /** The variance of feature f's marginal around the overall mean. */
  private double marginalVariance(int f, double mean) {
    int atoms = atomMass[f].length;
    double[] marginal = new double[atoms + 1];
    boolean categorical = space.categorical[f];
    for (int l = 0; l < leaves; l++) {
      int at = l * d + f;
      if (leafVolume[l] == 0) {
        continue;
      }
      double contribution = leafValue[l] * leafVolume[l] / leafMeasure[at];
      if (categorical) {
        boolean[] box = leafLevels[at];
        for (int c = 0; c < atoms; c++) {
          marginal[c] += box[c] ? contribution : 0;
        }
      } else {
        marginal[leafLow[at]] += contribution;
        marginal[leafHigh[at] + 1] -= contribution;
      }
    }
    double variance = 0;
    double running = 0;
    for (int a = 0; a < atoms; a++) {
      running = categorical ? marginal[a] : running + marginal[a];
      if (atomMass[f][a] > 0) {
        double r = running - mean;
        variance += atomMass[f][a] * r * r;
      }
    }
    return variance;
  }
}
