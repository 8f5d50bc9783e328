package dev.rung.samplers.tpe;

/**
 * The kernels of a categorical parameter: one row of choice probabilities per observation plus a
 * uniform prior row (Bergstra et al., NeurIPS 2011, as Optuna smooths it).
 *
 * <p>With {@code C} choices, {@code m} observations and prior weight {@code pw}, observation {@code
 * i}'s row is {@code (1[c = obs_i] + pw/(m+1)) / (1 + C pw/(m+1))}; the prior row is {@code 1/C}
 * everywhere.
 */
final class CategoricalKernel {
  private CategoricalKernel() {}

  /**
   * The log-probabilities, row-major: {@code rows[k * C + c]} for kernel {@code k} (observations in
   * order, the prior last when {@code withPrior}) and choice {@code c}.
   */
  static double[] logRows(int[] observed, int choices, double priorWeight, boolean withPrior) {
    int m = observed.length;
    int k = withPrior ? m + 1 : m;
    double[] rows = new double[k * choices];
    double logOther = logOther(m, choices, priorWeight);
    double logHit = logHit(m, choices, priorWeight);
    for (int i = 0; i < m; i++) {
      int base = i * choices;
      for (int c = 0; c < choices; c++) {
        rows[base + c] = c == observed[i] ? logHit : logOther;
      }
    }
    if (withPrior) {
      double uniform = logUniform(choices);
      for (int c = 0; c < choices; c++) {
        rows[m * choices + c] = uniform;
      }
    }
    return rows;
  }

  /** The log-probability an observation's row gives its own choice, with {@code m} observations. */
  static double logHit(int m, int choices, double priorWeight) {
    double smooth = priorWeight / (m + 1);
    return Math.log((1 + smooth) / (1 + choices * smooth));
  }

  /** The log-probability an observation's row gives any other choice. */
  static double logOther(int m, int choices, double priorWeight) {
    double smooth = priorWeight / (m + 1);
    return Math.log(smooth / (1 + choices * smooth));
  }

  /** The prior row's log-probability of each choice. */
  static double logUniform(int choices) {
    return -Math.log(choices);
  }
}
