package dev.rung.samplers.tpe;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rung.distributions.CategoricalDistribution;
import dev.rung.distributions.Distribution;
import dev.rung.distributions.FloatDistribution;
import dev.rung.distributions.IntDistribution;
import dev.rung.study.Seeds;
import java.util.Arrays;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;

class KernelBlocksTest {
  private static final EstimatorOptions OPTIONS = new EstimatorOptions(1, true, false);

  /** A mixture over a mixed space, observations in a few tight clusters plus uniform noise. */
  private static ParzenEstimator mixture(Distribution[] space, int m, long seed) {
    KernelSpace[] dims = new KernelSpace[space.length];
    for (int d = 0; d < space.length; d++) {
      dims[d] = KernelSpace.of(space[d]);
    }
    RandomGenerator rng = Seeds.rng(seed, m);
    double[][] obs = new double[space.length][m];
    double[][] centres = new double[4][space.length];
    for (double[] c : centres) {
      for (int d = 0; d < space.length; d++) {
        c[d] = rng.nextDouble();
      }
    }
    for (int i = 0; i < m; i++) {
      boolean noise = rng.nextDouble() < 0.3;
      double[] c = centres[rng.nextInt(centres.length)];
      for (int d = 0; d < space.length; d++) {
        double u =
            noise ? rng.nextDouble() : Math.min(1, Math.max(0, c[d] + 0.02 * rng.nextGaussian()));
        obs[d][i] = internal(space[d], u);
      }
    }
    double[] w = new double[m];
    for (int i = 0; i < m; i++) {
      w[i] = 0.5 + rng.nextDouble();
    }
    return new ParzenEstimator(dims, obs, w, OPTIONS);
  }

  /** The internal value at quantile {@code u} of a distribution's range. */
  private static double internal(Distribution d, double u) {
    if (d instanceof CategoricalDistribution c) {
      return Math.min(c.size() - 1, (int) (u * c.size()));
    }
    if (d instanceof IntDistribution i) {
      long steps = (i.high() - i.low()) / i.step();
      return i.low() + Math.round(u * steps) * i.step();
    }
    FloatDistribution f = (FloatDistribution) d;
    return f.log()
        ? Math.exp(Math.log(f.low()) + u * (Math.log(f.high()) - Math.log(f.low())))
        : f.low() + u * (f.high() - f.low());
  }

  private static final Distribution[] MIXED = {
    FloatDistribution.uniform(-5, 5),
    FloatDistribution.logUniform(1e-5, 1),
    IntDistribution.stepped(16, 256, 16),
    CategoricalDistribution.of("a", "b", "c", "d"),
    FloatDistribution.uniform(0, 1),
  };

  @Test
  void skippingFarKernelsChangesNoBit() {
    ParzenEstimator e = mixture(MIXED, 5000, 1);
    RandomGenerator rng = Seeds.rng(2, 0);
    double[][] points = e.sample(rng, 64);
    // Points far from every cluster too, where the prior decides.
    double[][] far = new double[MIXED.length][16];
    for (int d = 0; d < MIXED.length; d++) {
      for (int j = 0; j < 16; j++) {
        far[d][j] = internal(MIXED[d], rng.nextDouble());
      }
    }
    for (double[][] p : new double[][][] {points, far}) {
      double[] full = e.logPdf(p, false);
      double[] blocked = e.logPdf(p, true);
      for (int j = 0; j < full.length; j++) {
        assertEquals(
            Double.doubleToLongBits(full[j]), Double.doubleToLongBits(blocked[j]), "point " + j);
      }
    }
  }

  @Test
  void continuousOnlyAndWideKernelsMatchToo() {
    Distribution[] space = new Distribution[10];
    Arrays.fill(space, FloatDistribution.uniform(-5, 5));
    for (int m : new int[] {40, 3000}) {
      ParzenEstimator e = mixture(space, m, 3);
      double[][] p = e.sample(Seeds.rng(4, m), 64);
      assertArrayEquals(e.logPdf(p, false), e.logPdf(p, true), 0.0);
    }
  }

  @Test
  void blocksCoverEveryKernelOnceAndBoundTheirTerms() {
    ParzenEstimator e = mixture(MIXED, 3000, 5);
    KernelSpace[] dims = new KernelSpace[MIXED.length];
    for (int d = 0; d < dims.length; d++) {
      dims[d] = KernelSpace.of(MIXED[d]);
    }
    // Rebuild the blocks from the estimator's own kernels through the package-private accessors.
    int m = e.components() - 1;
    double[][] mus = new double[dims.length][];
    double[][] sigmas = new double[dims.length][];
    double[][] inv = new double[dims.length][];
    double[][] half = new double[dims.length][];
    for (int d = 0; d < dims.length; d++) {
      if (dims[d].isCategorical()) {
        continue;
      }
      mus[d] = new double[m + 1];
      sigmas[d] = new double[m + 1];
      inv[d] = new double[m + 1];
      half[d] = new double[m + 1];
      for (int k = 0; k <= m; k++) {
        mus[d][k] = e.mu(d, k);
        sigmas[d][k] = e.sigma(d, k);
        inv[d][k] = 1 / sigmas[d][k];
        half[d][k] = inv[d][k] * Math.sqrt(0.5);
      }
    }
    double[] constants = new double[m + 1];
    KernelBlocks kb = KernelBlocks.build(dims, m, constants, mus, sigmas, inv, half, null);
    int[] sorted = kb.perm.clone();
    Arrays.sort(sorted);
    for (int k = 0; k < m; k++) {
      assertEquals(k, sorted[k]);
    }
    // With zero constants a block's bound must be >= -(sum of squared z) of each of its kernels.
    RandomGenerator rng = Seeds.rng(6, 0);
    double[] t = new double[dims.length];
    double[] bounds = new double[kb.blocks()];
    for (int rep = 0; rep < 50; rep++) {
      for (int d = 0; d < dims.length; d++) {
        t[d] =
            dims[d].isCategorical() ? 0 : dims[d].transform(internal(MIXED[d], rng.nextDouble()));
      }
      kb.bounds(t, bounds);
      for (int b = 0; b < kb.blocks(); b++) {
        for (int p = kb.starts[b]; p < kb.starts[b + 1]; p++) {
          int k = kb.perm[p];
          double v = 0;
          for (int c : kb.continuous) {
            double z = (t[c] - mus[c][k]) * half[c][k];
            v -= z * z;
          }
          assertTrue(v <= bounds[b] + 1e-9, "kernel " + k + " above its block's bound");
        }
      }
    }
  }
}
