package dev.rung.samplers.tpe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rung.distributions.CategoricalDistribution;
import dev.rung.distributions.FloatDistribution;
import dev.rung.study.Seeds;
import org.junit.jupiter.api.Test;

class ConditionalSamplingTest {
  private static final EstimatorOptions OPTIONS = new EstimatorOptions(1, true, false);

  /** Category 0 observed near x = 0.1, category 1 near x = 0.9 (weights 1, 2, 1, 2). */
  private static ParzenEstimator twoClusters() {
    KernelSpace[] dims = {
      KernelSpace.of(CategoricalDistribution.of("a", "b", "c")),
      KernelSpace.of(FloatDistribution.uniform(0, 1))
    };
    double[][] obs = {{0, 1, 0, 1}, {0.1, 0.9, 0.12, 0.88}};
    return new ParzenEstimator(dims, obs, new double[] {1, 2, 1, 2}, OPTIONS);
  }

  @Test
  void categoricalMarginalFollowsTheKernelFormula() {
    ParzenEstimator e = twoClusters();
    // Rows: (1[c = obs] + s) / (1 + 3 s) with s = 1/5; prior row 1/3; weights (1,2,1,2,1)/7.
    double s = 1.0 / 5;
    double hit = (1 + s) / (1 + 3 * s);
    double other = s / (1 + 3 * s);
    double[] expected = {
      (hit + 2 * other + hit + 2 * other + 1.0 / 3) / 7,
      (other + 2 * hit + other + 2 * hit + 1.0 / 3) / 7,
      (other + 2 * other + other + 2 * other + 1.0 / 3) / 7
    };
    double[] lp = e.categoricalLogPdf(new double[][] {{0, 1, 2}, {0.5, 0.1, 0.9}}, 1);
    double total = 0;
    for (int c = 0; c < 3; c++) {
      assertEquals(Math.log(expected[c]), lp[c], 1e-12);
      total += Math.exp(lp[c]);
    }
    assertEquals(1, total, 1e-12);
  }

  @Test
  void drawsGivenACategoryComeFromItsKernels() {
    KernelSpace[] dims = {
      KernelSpace.of(CategoricalDistribution.of("a", "b", "c")),
      KernelSpace.of(FloatDistribution.uniform(0, 1))
    };
    // 20 observations of category 0 in [0.1, 0.119], 20 of category 1 in [0.881, 0.9].
    double[][] obs = new double[2][40];
    for (int i = 0; i < 20; i++) {
      obs[0][i] = 0;
      obs[1][i] = 0.1 + 0.001 * i;
      obs[0][20 + i] = 1;
      obs[1][20 + i] = 0.9 - 0.001 * i;
    }
    ParzenEstimator e = new ParzenEstimator(dims, obs, Observations.ones(40), OPTIONS);
    double[][] given = {{1}, {0.5}};
    double[][] draws = e.sampleGiven(Seeds.rng(7, 0), 2000, given, 0);
    int near = 0;
    for (int j = 0; j < 2000; j++) {
      assertEquals(1.0, draws[0][j]);
      near += Math.abs(draws[1][j] - 0.89) < 0.3 ? 1 : 0;
    }
    // Given category 1 only the kernels of category 1 and the prior count: a kernel of category 1
    // is picked with probability 20 * 0.9545 / (20 * 0.9545 + 1/3) = 0.98; 19 of its 20 kernels
    // have width 1/42, so about 95% of the draws lie within 0.3 of 0.89 (without conditioning:
    // under half). 80% is over 20 standard deviations below: the false-failure rate is nil.
    assertTrue(near > 0.8 * 2000, "draws near 0.9: " + near);
  }

  @Test
  void aCategoryWithoutObservationsGetsItsNumbersFromThePrior() {
    KernelSpace[] dims = {
      KernelSpace.of(CategoricalDistribution.of("a", "b", "c")),
      KernelSpace.of(FloatDistribution.uniform(0, 1))
    };
    // 20 observations of category 0 at 0.1, 20 of category 1 at 0.9; none of category 2.
    double[][] obs = new double[2][40];
    for (int i = 0; i < 20; i++) {
      obs[1][i] = 0.1;
      obs[0][20 + i] = 1;
      obs[1][20 + i] = 0.9;
    }
    ParzenEstimator e = new ParzenEstimator(dims, obs, Observations.ones(40), OPTIONS);
    double[][] draws = e.sampleGiven(Seeds.rng(8, 0), 2000, new double[][] {{2}, {0.5}}, 0);
    int middle = 0;
    for (int j = 0; j < 2000; j++) {
      middle += draws[1][j] > 0.3 && draws[1][j] < 0.7 ? 1 : 0;
    }
    // The prior alone (centre 0.5, width 1, truncated to [0, 1]) puts 41% of its mass in
    // [0.3, 0.7]. If the kernels of the other categories were drawn (as with the probabilities
    // they give category 2, 73% of the draws), about 11% would be. 30% is 10 standard deviations
    // below 41%: the false-failure rate is nil.
    assertTrue(middle > 0.3 * 2000, "draws in [0.3, 0.7]: " + middle);
  }

  @Test
  void aSmootherCategoricalMarginalFollowsTheKernelFormula() {
    ParzenEstimator e = twoClusters();
    // As above with the smoothing doubled: s = 2/5.
    double s = 2.0 / 5;
    double hit = (1 + s) / (1 + 3 * s);
    double other = s / (1 + 3 * s);
    double[] lp = e.categoricalLogPdf(new double[][] {{0, 1, 2}, {0.5, 0.1, 0.9}}, 2);
    assertEquals(Math.log((hit + 2 * other + hit + 2 * other + 1.0 / 3) / 7), lp[0], 1e-12);
    assertEquals(Math.log((other + 2 * other + other + 2 * other + 1.0 / 3) / 7), lp[2], 1e-12);
  }
}
