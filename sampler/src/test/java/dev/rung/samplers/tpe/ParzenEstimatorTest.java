package dev.rung.samplers.tpe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rung.distributions.CategoricalDistribution;
import dev.rung.distributions.Distribution;
import dev.rung.distributions.FloatDistribution;
import dev.rung.distributions.IntDistribution;
import dev.rung.study.Seeds;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;

class ParzenEstimatorTest {
  private static final EstimatorOptions UNIVARIATE = new EstimatorOptions(1, true, false);
  private static final EstimatorOptions NO_CLIP = new EstimatorOptions(1, false, false);

  private static ParzenEstimator estimator(
      Distribution d, double[] obs, double[] weights, EstimatorOptions o) {
    return new ParzenEstimator(
        new KernelSpace[] {KernelSpace.of(d)}, new double[][] {obs}, weights, o);
  }

  private static double[] ones(int n) {
    return Observations.ones(n);
  }

  /** Trapezoid integral of exp(logPdf) over [low, high]. */
  private static double integrate(ParzenEstimator e, double low, double high, boolean log) {
    int n = 200_000;
    double[][] x = new double[1][n + 1];
    for (int i = 0; i <= n; i++) {
      double u = (double) i / n;
      x[0][i] =
          log
              ? Math.exp(Math.log(low) + u * (Math.log(high) - Math.log(low)))
              : low + u * (high - low);
    }
    double[] lp = e.logPdf(x);
    double sum = 0;
    for (int i = 0; i < n; i++) {
      double fa = Math.exp(lp[i]);
      double fb = Math.exp(lp[i + 1]);
      if (log) {
        // The density is over log(x): integrate in log coordinates.
        double h = (Math.log(high) - Math.log(low)) / n;
        sum += 0.5 * (fa + fb) * h;
      } else {
        sum += 0.5 * (fa + fb) * (x[0][i + 1] - x[0][i]);
      }
    }
    return sum;
  }

  @Test
  void truncatedDensityIntegratesToOne() {
    FloatDistribution d = FloatDistribution.uniform(-2, 3);
    // Kernels near the bounds (heavily truncated), in the middle, and the prior.
    ParzenEstimator e =
        estimator(d, new double[] {-1.99, 0.1, 0.3, 2.95}, new double[] {1, 2, 1, 0.5}, UNIVARIATE);
    assertEquals(1.0, integrate(e, -2, 3, false), 1e-6);
    ParzenEstimator m = estimator(d, new double[] {-1.99, 0.1, 2.95}, ones(3), NO_CLIP);
    assertEquals(1.0, integrate(m, -2, 3, false), 1e-6);
  }

  @Test
  void logScaleDensityIntegratesToOneInLogSpace() {
    FloatDistribution d = FloatDistribution.logUniform(1e-5, 1);
    ParzenEstimator e = estimator(d, new double[] {1e-5, 3e-3, 0.5}, ones(3), UNIVARIATE);
    assertEquals(1.0, integrate(e, 1e-5, 1, true), 1e-6);
  }

  @Test
  void productDensityIntegratesToOneIn2d() {
    KernelSpace[] dims = {
      KernelSpace.of(FloatDistribution.uniform(0, 1)),
      KernelSpace.of(FloatDistribution.uniform(-1, 1))
    };
    ParzenEstimator e =
        new ParzenEstimator(
            dims, new double[][] {{0.1, 0.9, 0.5}, {-0.9, 0.0, 0.99}}, ones(3), NO_CLIP);
    int n = 400;
    double[][] pts = new double[2][n * n];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) {
        pts[0][i * n + j] = (i + 0.5) / n;
        pts[1][i * n + j] = -1 + 2 * (j + 0.5) / n;
      }
    }
    double[] lp = e.logPdf(pts);
    double sum = 0;
    for (double v : lp) {
      sum += Math.exp(v) * (1.0 / n) * (2.0 / n);
    }
    // Midpoint rule error ~ h^2 f''/24: well below 1e-4 here.
    assertEquals(1.0, sum, 1e-4);
  }

  @Test
  void discreteMassesSumToOne() {
    Distribution[] discrete = {
      IntDistribution.of(-3, 7),
      IntDistribution.stepped(0, 100, 5),
      IntDistribution.logScale(1, 64),
      FloatDistribution.stepped(0.0, 1.0, 0.1)
    };
    for (Distribution d : discrete) {
      KernelSpace s = KernelSpace.of(d);
      double[] obs = {s.low(), s.high(), s.untransform(0.5 * (s.kernelLow() + s.kernelHigh()))};
      for (EstimatorOptions o : new EstimatorOptions[] {UNIVARIATE, NO_CLIP}) {
        ParzenEstimator e = estimator(d, obs, ones(3), o);
        int points = (int) Math.round((s.high() - s.low()) / s.step()) + 1;
        double[][] grid = new double[1][points];
        for (int i = 0; i < points; i++) {
          grid[0][i] = s.low() + i * s.step();
        }
        double total = 0;
        for (double v : e.logPdf(grid)) {
          total += Math.exp(v);
        }
        assertEquals(1.0, total, 1e-9, d.describe());
      }
    }
  }

  @Test
  void categoricalProbabilitiesFollowTheKernelFormula() {
    CategoricalDistribution d = CategoricalDistribution.of("a", "b", "c", "d");
    // m = 3 observations: 1, 1, 3; weights all 1 plus the prior 1 -> each kernel weighs 1/4.
    ParzenEstimator e = estimator(d, new double[] {1, 1, 3}, ones(3), UNIVARIATE);
    double smooth = 1.0 / 4;
    double norm = 1 + 4 * smooth;
    double[] expected = new double[4];
    int[] obs = {1, 1, 3};
    for (int c = 0; c < 4; c++) {
      double p = 0.25 * 0.25; // prior row (uniform), weight 1/4
      for (int o : obs) {
        p += 0.25 * ((c == o ? 1 : 0) + smooth) / norm;
      }
      expected[c] = p;
    }
    double[] lp = e.logPdf(new double[][] {{0, 1, 2, 3}});
    double total = 0;
    for (int c = 0; c < 4; c++) {
      // The log-sum-exp uses an exp with relative error below 1e-11.
      assertEquals(expected[c], Math.exp(lp[c]), 1e-11);
      total += Math.exp(lp[c]);
    }
    assertEquals(1.0, total, 1e-11);
  }

  @Test
  void densityMatchesADirectSumOverKernels() {
    KernelSpace[] dims = {
      KernelSpace.of(FloatDistribution.uniform(0, 10)),
      KernelSpace.of(FloatDistribution.uniform(0, 10))
    };
    double[][] obs = {{1, 2, 8}, {3, 3, 9}};
    double[] w = {1, 2, 3};
    for (EstimatorOptions o : new EstimatorOptions[] {UNIVARIATE, NO_CLIP}) {
      ParzenEstimator e = new ParzenEstimator(dims, obs, w, o);
      double[][] pts = {{1.5, 5, 9.9}, {3, 5, 0.1}};
      double[] lp = e.logPdf(pts);
      double[] kw = {1.0 / 7, 2.0 / 7, 3.0 / 7, 1.0 / 7};
      for (int j = 0; j < 3; j++) {
        double sum = 0;
        for (int k = 0; k < e.components(); k++) {
          double p = kw[k];
          for (int d = 0; d < 2; d++) {
            double mu = e.mu(d, k);
            double s = e.sigma(d, k);
            double z = (pts[d][j] - mu) / s;
            double mass = Normal.cdf((10 - mu) / s) - Normal.cdf(-mu / s);
            p *= Math.exp(-0.5 * z * z) / Math.sqrt(2 * Math.PI) / s / mass;
          }
          sum += p;
        }
        assertEquals(Math.log(sum), lp[j], 1e-9);
      }
    }
  }

  @Test
  void bandwidthsFollowTheRuleOfEachMode() {
    FloatDistribution d = FloatDistribution.uniform(0, 10);
    ParzenEstimator uni = estimator(d, new double[] {1, 2, 8}, ones(3), UNIVARIATE);
    // Gaps 1, 6, 6 (BandwidthsTest), clipped below at 10 / min(100, 5) = 2; prior width 10.
    assertEquals(2, uni.sigma(0, 0), 1e-12);
    assertEquals(6, uni.sigma(0, 1), 1e-12);
    assertEquals(6, uni.sigma(0, 2), 1e-12);
    assertEquals(10, uni.sigma(0, 3), 1e-12);
    assertEquals(5, uni.mu(0, 3), 1e-12);
    // Endpoints on: the outermost centres may take their gap to the range's end.
    ParzenEstimator ends =
        estimator(d, new double[] {4, 6}, ones(2), new EstimatorOptions(1, false, true));
    assertEquals(4, ends.sigma(0, 0), 1e-12);
    assertEquals(4, ends.sigma(0, 1), 1e-12);
  }

  @Test
  void samplesRespectBoundsAndGrid() {
    RandomGenerator rng = Seeds.rng(11);
    Distribution[] ds = {
      FloatDistribution.uniform(-1, 1),
      FloatDistribution.logUniform(1e-4, 1e-1),
      FloatDistribution.stepped(0, 1, 0.25),
      IntDistribution.stepped(16, 256, 16),
      IntDistribution.logScale(1, 1000),
      CategoricalDistribution.of("x", "y", "z")
    };
    for (Distribution d : ds) {
      KernelSpace s = KernelSpace.of(d);
      double[] obs = {s.low(), s.high(), s.low()};
      for (EstimatorOptions o : new EstimatorOptions[] {UNIVARIATE, NO_CLIP}) {
        ParzenEstimator e = estimator(d, obs, ones(3), o);
        for (double v : e.sample(rng, 500)[0]) {
          assertTrue(d.contains(v), d.describe() + " does not contain " + v);
        }
      }
    }
  }

  @Test
  void priorOnlyWhenThereAreNoObservations() {
    ParzenEstimator e =
        estimator(FloatDistribution.uniform(0, 4), new double[0], new double[0], UNIVARIATE);
    assertEquals(1, e.components());
    assertEquals(2, e.mu(0, 0), 1e-12);
    assertEquals(4, e.sigma(0, 0), 1e-12);
    assertEquals(1.0, integrate(e, 0, 4, false), 1e-6);
  }
}
