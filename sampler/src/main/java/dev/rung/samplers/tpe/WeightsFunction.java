package dev.rung.samplers.tpe;

import java.util.Arrays;

/**
 * The weights of the kernels of {@code n} observations in trial-number order (before the prior is
 * added and the whole is normalised). Bergstra, Yamins and Cox (ICML 2013) let older trials weigh
 * less.
 */
@FunctionalInterface
public interface WeightsFunction {

  /** {@code n} non-negative finite weights, not all zero when {@code n > 0}. */
  double[] weights(int n);

  /**
   * Optuna's default: all 1 below 25 observations; otherwise {@code linspace(1/n, 1, n - 25)}
   * followed by 25 ones.
   */
  static WeightsFunction optuna() {
    return n -> {
      double[] w = new double[n];
      if (n < 25) {
        Arrays.fill(w, 1.0);
        return w;
      }
      int ramp = n - 25;
      double start = 1.0 / n;
      for (int i = 0; i < ramp; i++) {
        w[i] = ramp == 1 ? start : start + (1.0 - start) * i / (ramp - 1);
      }
      Arrays.fill(w, ramp, n, 1.0);
      return w;
    };
  }

  /** Every observation weighs the same. */
  static WeightsFunction uniform() {
    return n -> {
      double[] w = new double[n];
      Arrays.fill(w, 1.0);
      return w;
    };
  }
}
