package dev.rung.importance;

import dev.rung.distributions.CategoricalDistribution;
import dev.rung.distributions.Distribution;
import dev.rung.samplers.tpe.KernelSpace;

/**
 * The varying parameters of a {@link TrialTable} encoded for regression trees, with the measure
 * fANOVA integrates over.
 *
 * <p>A numeric parameter becomes its position in {@code [0, 1]}: log-scale parameters in log space,
 * stepped and integer ones over the range widened by half a step on each side (so every grid value
 * owns an equal share). A categorical parameter becomes its choice index {@code 0..C-1}. A trial
 * without the parameter gets an extra value: {@code -1} for a numeric parameter (below the range,
 * so a single threshold separates "absent" from every present value) and {@code C} for a
 * categorical one.
 *
 * <p>The measure of a parameter is uniform over its range, except that the extra "absent" value
 * carries the fraction of usable trials that lack the parameter (and the range the rest).
 */
final class EncodedSpace {
  /** The encoded value of a trial that lacks a numeric parameter. */
  static final double ABSENT = -1;

  /** Index into the table's parameters of each feature. */
  final int[] param;

  /** {@code x[f][i]}: feature f of trial i. */
  final double[][] x;

  final boolean[] categorical;

  /** Choices of a categorical feature, plus one for "absent"; 0 for a numeric feature. */
  final int[] levels;

  /** The share of the measure on "absent": the fraction of trials without the parameter. */
  final double[] absentMass;

  EncodedSpace(TrialTable table) {
    boolean[] varies = table.varies();
    int d = 0;
    for (boolean v : varies) {
      d += v ? 1 : 0;
    }
    param = new int[d];
    x = new double[d][];
    categorical = new boolean[d];
    levels = new int[d];
    absentMass = new double[d];
    int f = 0;
    for (int p = 0; p < varies.length; p++) {
      if (varies[p]) {
        param[f] = p;
        encode(f, table.distributions[p], table.columns[p]);
        f++;
      }
    }
  }

  int features() {
    return param.length;
  }

  private void encode(int f, Distribution dist, double[] internal) {
    int n = internal.length;
    double[] col = new double[n];
    int absent = 0;
    if (dist instanceof CategoricalDistribution c) {
      categorical[f] = true;
      levels[f] = c.size() + 1;
      for (int i = 0; i < n; i++) {
        boolean missing = Double.isNaN(internal[i]);
        absent += missing ? 1 : 0;
        col[i] = missing ? c.size() : internal[i];
      }
    } else {
      KernelSpace k = KernelSpace.of(dist);
      double width = k.kernelHigh() - k.kernelLow();
      for (int i = 0; i < n; i++) {
        if (Double.isNaN(internal[i])) {
          absent++;
          col[i] = ABSENT;
        } else {
          double u = (k.transform(internal[i]) - k.kernelLow()) / width;
          col[i] = Math.min(1, Math.max(0, u));
        }
      }
    }
    x[f] = col;
    absentMass[f] = (double) absent / n;
  }

  /** The trial indices sorted by feature {@code f} (stable), or null for a categorical feature. */
  int[] sortedBy(int f) {
    return categorical[f] ? null : IndexSort.argsort(x[f]);
  }
}
