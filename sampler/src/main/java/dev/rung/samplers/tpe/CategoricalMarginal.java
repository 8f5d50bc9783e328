package dev.rung.samplers.tpe;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * The marginal of a Parzen mixture over its categorical dimensions. A kernel's categorical
 * log-probability at a point depends only on which of its categories equal the point's, so the
 * kernels with the same categories form one group whose weights add up: the marginal is a sum over
 * the groups (usually a handful) instead of over every kernel.
 */
final class CategoricalMarginal {
  /** Up to this many category combinations, groups are found through a table. */
  private static final int DENSE = 1 << 16;

  private CategoricalMarginal() {}

  /**
   * The log-probability of each point's categories.
   *
   * @param dims the mixture's dimensions
   * @param categories per categorical dimension, each observation kernel's category (others null),
   *     kernels in order
   * @param logW the kernels' log weights, the prior's last
   * @param priorWeight the prior weight the categorical rows are smoothed with
   * @param smoothing a factor on that smoothing
   * @param points {@code points[d][j]}: dimension d of point j
   */
  static double[] logPdf(
      KernelSpace[] dims,
      int[][] categories,
      double[] logW,
      double priorWeight,
      double smoothing,
      double[][] points) {
    int m = logW.length - 1;
    int[] cat = new int[dims.length];
    int nc = 0;
    for (int d = 0; d < dims.length; d++) {
      if (dims[d].isCategorical()) {
        cat[nc++] = d;
      }
    }
    // Groups by category tuple, in order of first appearance; weights added in kernel order. A
    // tuple is numbered in mixed radix; few combinations (the usual case) index a table directly.
    long combinations = 1;
    for (int i = 0; i < nc; i++) {
      combinations = Math.min(1L << 40, combinations * dims[cat[i]].categories());
    }
    int[] dense = combinations <= DENSE ? new int[(int) combinations] : null;
    if (dense != null) {
      Arrays.fill(dense, -1);
    }
    Map<Code, Integer> index = dense == null ? new HashMap<>() : null;
    int[][] tuples = new int[Math.min(Math.max(m, 1), 64)][];
    double[] weight = new double[tuples.length];
    int groups = 0;
    int[] tuple = new int[nc];
    for (int k = 0; k < m; k++) {
      long code = 0;
      for (int i = 0; i < nc; i++) {
        tuple[i] = categories[cat[i]][k];
        code = code * dims[cat[i]].categories() + tuple[i];
      }
      int g = dense != null ? dense[(int) code] : index.getOrDefault(new Code(tuple), -1);
      if (g < 0) {
        if (groups == tuples.length) {
          tuples = Arrays.copyOf(tuples, 2 * groups);
          weight = Arrays.copyOf(weight, 2 * groups);
        }
        g = groups++;
        tuples[g] = tuple.clone();
        if (dense != null) {
          dense[(int) code] = g;
        } else {
          index.put(new Code(tuples[g]), g);
        }
      }
      weight[g] += Math.exp(logW[k]);
    }
    double[] hit = new double[nc];
    double[] other = new double[nc];
    double prior = logW[m];
    for (int i = 0; i < nc; i++) {
      int choices = dims[cat[i]].categories();
      hit[i] = CategoricalKernel.logHit(m, choices, priorWeight * smoothing);
      other[i] = CategoricalKernel.logOther(m, choices, priorWeight * smoothing);
      prior += CategoricalKernel.logUniform(choices);
    }
    double[] logWeight = new double[groups];
    for (int g = 0; g < groups; g++) {
      logWeight[g] = Math.log(weight[g]);
    }
    int count = points.length == 0 ? 0 : points[0].length;
    double[] row = new double[groups + 1];
    double[] out = new double[count];
    for (int j = 0; j < count; j++) {
      for (int g = 0; g < groups; g++) {
        double v = logWeight[g];
        for (int i = 0; i < nc; i++) {
          v += tuples[g][i] == (int) points[cat[i]][j] ? hit[i] : other[i];
        }
        row[g] = v;
      }
      row[groups] = prior;
      out[j] = ParzenEstimator.logSumExp(row, 0, groups + 1);
    }
    return out;
  }

  /** A category tuple as a map key. */
  private record Code(int[] values) {
    @Override
    public boolean equals(Object o) {
      return o instanceof Code c && Arrays.equals(values, c.values);
    }

    @Override
    public int hashCode() {
      return Arrays.hashCode(values);
    }
  }
}
