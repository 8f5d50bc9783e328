package dev.rung.samplers.tpe;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.rung.distributions.CategoricalDistribution;
import dev.rung.distributions.FloatDistribution;
import dev.rung.study.Seeds;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;

class CategoricalMarginalTest {

  /** The marginal summed kernel by kernel, as the kernel formula reads. */
  private static double direct(
      KernelSpace[] dims, int[][] cats, double[] logW, double pw, double f, double[] point) {
    int m = logW.length - 1;
    double sum = 0;
    for (int k = 0; k <= m; k++) {
      double p = Math.exp(logW[k]);
      for (int d = 0; d < dims.length; d++) {
        if (!dims[d].isCategorical()) {
          continue;
        }
        int choices = dims[d].categories();
        if (k == m) {
          p /= choices;
        } else {
          double s = f * pw / (m + 1);
          p *= (cats[d][k] == (int) point[d] ? 1 + s : s) / (1 + choices * s);
        }
      }
      sum += p;
    }
    return Math.log(sum);
  }

  private static void check(KernelSpace[] dims, int m, long seed) {
    RandomGenerator rng = Seeds.rng(seed, m);
    int[][] cats = new int[dims.length][];
    double[] w = new double[m];
    for (int k = 0; k < m; k++) {
      w[k] = 0.1 + rng.nextDouble();
    }
    for (int d = 0; d < dims.length; d++) {
      if (dims[d].isCategorical()) {
        cats[d] = new int[m];
        for (int k = 0; k < m; k++) {
          // Skewed, so that some combinations are frequent and others absent.
          cats[d][k] = (int) (dims[d].categories() * Math.pow(rng.nextDouble(), 2));
        }
      }
    }
    double[] logW = ParzenEstimator.componentLogWeights(w, 1.0);
    double[][] points = new double[dims.length][32];
    for (int d = 0; d < dims.length; d++) {
      for (int j = 0; j < 32; j++) {
        points[d][j] = dims[d].isCategorical() ? rng.nextInt(dims[d].categories()) : 0.5;
      }
    }
    for (double f : new double[] {1, 2}) {
      double[] lp = CategoricalMarginal.logPdf(dims, cats, logW, 1.0, f, points);
      for (int j = 0; j < 32; j++) {
        double[] point = new double[dims.length];
        for (int d = 0; d < dims.length; d++) {
          point[d] = points[d][j];
        }
        assertEquals(direct(dims, cats, logW, 1.0, f, point), lp[j], 1e-12, "point " + j);
      }
    }
  }

  @Test
  void groupsGiveTheSumOverKernels() {
    KernelSpace[] dims = {
      KernelSpace.of(CategoricalDistribution.of("a", "b", "c", "d")),
      KernelSpace.of(FloatDistribution.uniform(0, 1)),
      KernelSpace.of(CategoricalDistribution.of(1, 2, 3))
    };
    check(dims, 500, 1);
    check(dims, 1, 2);
  }

  @Test
  void manyCombinationsGoThroughTheHashedGroups() {
    // 60^3 = 216,000 combinations: beyond the direct table.
    String[] choices = new String[60];
    for (int i = 0; i < 60; i++) {
      choices[i] = "c" + i;
    }
    KernelSpace c = KernelSpace.of(CategoricalDistribution.of((Object[]) choices));
    check(new KernelSpace[] {c, c, c}, 800, 3);
  }
}
