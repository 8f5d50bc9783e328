package dev.rung.bench.fidelity;

import dev.rung.bench.Hartmann;
import dev.rung.study.Seeds;
import dev.rung.study.Trial;

/**
 * Multi-fidelity Hartmann-6 (Kandasamy et al., ICML 2017): at fidelity {@code z} in [0, 1] the
 * weights are {@code alpha - 0.1 (1 - z)}; here {@code z = epoch / maxEpochs}, with Gaussian noise
 * of standard deviation {@code 0.05 (1 - z) + 0.01}. At full fidelity the optimum is -3.32237.
 */
public final class MultiFidelityHartmann implements CurveProblem {
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
    return Hartmann.six(x, 0.1 * (1 - z));
  }
}
