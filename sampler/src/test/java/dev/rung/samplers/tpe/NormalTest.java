package dev.rung.samplers.tpe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rung.study.Seeds;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;

class NormalTest {

  @Test
  void cdfMatchesReferenceValues() {
    // Reference values of the standard normal distribution (15+ significant digits).
    assertEquals(0.5, Normal.cdf(0), 1e-12);
    assertEquals(0.15865525393145707, Normal.cdf(-1), 1e-10);
    assertEquals(0.0013498980316300946, Normal.cdf(-3), 1e-12);
    assertEquals(0.9772498680518208, Normal.cdf(2), 1e-10);
    assertEquals(3.1671241833119863e-05, Normal.cdf(-4), 1e-13);
    assertEquals(Math.log(2.866515718791939e-07), Normal.logCdf(-5), 1e-8);
    assertEquals(Math.log(7.61985302416047e-24), Normal.logCdf(-10), 1e-8);
    assertEquals(Math.log(0.9986501019683699), Normal.logCdf(3), 1e-10);
  }

  @Test
  void erfcMatchesReferenceValues() {
    assertEquals(0.4795001221869535, Normal.erfc(0.5), 1e-14);
    assertEquals(0.004677734981047266, Normal.erfc(2), 1e-16);
    assertEquals(1.5374597944280349e-12, Normal.erfc(5), 1e-24);
    assertEquals(1.5204998778130465, Normal.erfc(-0.5), 1e-14);
  }

  @Test
  void logMassAgreesWithCdfDifferencesAndStaysFiniteInTails() {
    assertEquals(Math.log(Normal.cdf(1.3) - Normal.cdf(-0.4)), Normal.logMass(-0.4, 1.3), 1e-9);
    assertEquals(Math.log(Normal.cdf(2.5) - Normal.cdf(2.0)), Normal.logMass(2.0, 2.5), 1e-8);
    // Narrow cell (Simpson branch) against the density times the width.
    double narrow = Normal.logMass(0.7, 0.701);
    assertEquals(Normal.logPdf(0.7005) + Math.log(0.001), narrow, 1e-7);
    // Deep tail: log of mass of [-40, -39.5] ~ log phi(-39.5) - log(39.5) (Mills ratio).
    double tail = Normal.logMass(-40, -39.5);
    assertTrue(Double.isFinite(tail));
    assertEquals(Normal.logPdf(-39.5) - Math.log(39.5), tail, 0.01);
    // Symmetry.
    assertEquals(Normal.logMass(-3, -1), Normal.logMass(1, 3), 1e-12);
  }

  @Test
  void fastExpMatchesMathExp() {
    for (double x = -700; x <= 0; x += 0.37) {
      double e = Math.exp(x);
      assertEquals(e, Normal.expNonPositive(x), 1e-11 * e, "x = " + x);
    }
    assertEquals(0, Normal.expNonPositive(Double.NEGATIVE_INFINITY));
  }

  @Test
  void truncatedSamplesStayInTheIntervalWithTheRightMean() {
    RandomGenerator rng = Seeds.rng(7);
    int n = 20000;
    double sum = 0;
    for (int i = 0; i < n; i++) {
      double z = Normal.sampleTruncated(rng, -0.5, 2.0);
      assertTrue(z >= -0.5 && z <= 2.0);
      sum += z;
    }
    // Mean of N(0,1) truncated to [a, b] = (phi(a) - phi(b)) / (Phi(b) - Phi(a)).
    double pa = Math.exp(Normal.logPdf(-0.5));
    double pb = Math.exp(Normal.logPdf(2.0));
    double mean = (pa - pb) / (Normal.cdf(2.0) - Normal.cdf(-0.5));
    // Standard error of the mean is below 0.8 / sqrt(n) = 0.0057: a 5-sigma bound (false-failure
    // rate below 1e-6).
    assertEquals(mean, sum / n, 5 * 0.8 / Math.sqrt(n));
  }

  @Test
  void farTailIntervalsAreSampledByInversion() {
    RandomGenerator rng = Seeds.rng(3);
    for (int i = 0; i < 100; i++) {
      double z = Normal.sampleTruncated(rng, 6, 7);
      assertTrue(z >= 6 && z <= 7, "z = " + z);
    }
  }
}
