package dev.rung.bench.fidelity;

import dev.rung.study.Seeds;
import dev.rung.study.Trial;

/**
 * Multi-fidelity Hartmann-6 (Kandasamy et al., ICML 2017): at fidelity {@code z} in [0, 1] the
 * weights are {@code alpha - 0.1 (1 - z)}; here {@code z = epoch / maxEpochs}, with Gaussian noise
 * of standard deviation {@code 0.05 (1 - z) + 0.01}. At full fidelity the optimum is -3.32237.
 */
public final class MultiFidelityHartmann implements CurveProblem {
  private static final double[] ALPHA = {1.0, 1.2, 3.0, 3.2};
  private static final double[][] A = {
    {10, 3, 17, 3.5, 1.7, 8},
    {0.05, 10, 17, 0.1, 8, 14},
    {3, 3.5, 1.7, 10, 17, 8},
    {17, 8, 0.05, 10, 0.1, 14}
  };
  private static final double[][] P = {
    {0.1312, 0.1696, 0.5569, 0.0124, 0.8283, 0.5886},
    {0.2329, 0.4135, 0.8307, 0.3736, 0.1004, 0.9991},
    {0.2348, 0.1451, 0.3522, 0.2883, 0.3047, 0.6650},
    {0.4047, 0.8828, 0.8732, 0.5743, 0.1091, 0.0381}
  };

  private final int maxEpochs;

  public MultiFidelityHartmann(int maxEpochs) {
    if (maxEpochs < 1) {
      throw new IllegalArgumentException("max epochs must be >= 1, got " + maxEpochs);
    }
    this.maxEpochs = maxEpochs;
  }

  @Override
  public String name() {
    return "hartmann6-mf";
  }

  @Override
  public int maxEpochs() {
    return maxEpochs;
  }

  @Override
  public Curve define(Trial trial, long seed) {
    double[] x = new double[6];
    long h = seed;
    for (int i = 0; i < 6; i++) {
      x[i] = trial.suggestFloat("x" + i, 0, 1);
      h = Seeds.derive(h, Double.doubleToLongBits(x[i]));
    }
    long noiseSeed = h;
    return new Curve() {
      @Override
      public double at(int epoch) {
        double z = (double) epoch / maxEpochs;
        return expected(epoch)
            + Seeds.rng(noiseSeed, epoch).nextGaussian() * (0.05 * (1 - z) + 0.01);
      }

      @Override
      public double expected(int epoch) {
        return value(x, (double) epoch / maxEpochs);
      }
    };
  }

  /** Hartmann-6 at fidelity {@code z}. */
  static double value(double[] x, double z) {
    double sum = 0;
    for (int i = 0; i < 4; i++) {
      double inner = 0;
      for (int j = 0; j < 6; j++) {
        double d = x[j] - P[i][j];
        inner += A[i][j] * d * d;
      }
      sum += (ALPHA[i] - 0.1 * (1 - z)) * Math.exp(-inner);
    }
    return -sum;
  }
}
