package dev.rung.samplers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rung.distributions.CategoricalDistribution;
import dev.rung.distributions.Distribution;
import dev.rung.distributions.FloatDistribution;
import dev.rung.distributions.IntDistribution;
import dev.rung.study.Direction;
import dev.rung.study.FrozenTrial;
import dev.rung.study.History;
import dev.rung.study.TrialState;
import java.util.List;
import java.util.function.DoubleToIntFunction;
import org.junit.jupiter.api.Test;

/**
 * Chi-squared goodness-of-fit of {@link RandomSampler}'s draws, one draw per trial number as in a
 * study (each trial has its own stream).
 *
 * <p>Each test rejects at significance 0.001, so each fails falsely with probability 0.001 and the
 * six together with probability below 0.006. The seeds were fixed when the tests were written.
 */
class RandomSamplerUniformityTest {
  private static final int DRAWS = 6000;
  private static final History EMPTY =
      new History("uniformity", List.of(Direction.MINIMIZE), List.of());

  /** Counts per bin of DRAWS draws of parameter "p" with trial numbers 0..DRAWS-1. */
  private static long[] counts(long seed, Distribution d, int bins, DoubleToIntFunction bin) {
    RandomSampler sampler = new RandomSampler(seed);
    long[] counts = new long[bins];
    for (int n = 0; n < DRAWS; n++) {
      double v =
          sampler.sampleIndependent(EMPTY, FrozenTrial.create(n, TrialState.RUNNING, null), "p", d);
      assertTrue(d.contains(v), v + " outside " + d.describe());
      counts[bin.applyAsInt(v)]++;
    }
    return counts;
  }

  private static double chiSquared(long[] counts, double[] probabilities) {
    assertEquals(1.0, java.util.Arrays.stream(probabilities).sum(), 1e-9);
    double chi2 = 0;
    for (int i = 0; i < counts.length; i++) {
      double expected = DRAWS * probabilities[i];
      chi2 += (counts[i] - expected) * (counts[i] - expected) / expected;
    }
    return chi2;
  }

  private static double[] equal(int bins) {
    double[] p = new double[bins];
    java.util.Arrays.fill(p, 1.0 / bins);
    return p;
  }

  // Upper 0.001 quantiles of the chi-squared distribution by degrees of freedom.
  private static final double CHI2_999_DF3 = 16.266;
  private static final double CHI2_999_DF6 = 22.458;
  private static final double CHI2_999_DF7 = 24.322;
  private static final double CHI2_999_DF9 = 27.877;
  private static final double CHI2_999_DF12 = 32.909;

  @Test
  void categoricalChoicesAreEquallyLikely() {
    var d = new CategoricalDistribution(List.of("a", "b", "c", "d"));
    long[] c = counts(20240601L, d, 4, v -> (int) v);
    double chi2 = chiSquared(c, equal(4));
    assertTrue(chi2 < CHI2_999_DF3, "chi2 " + chi2 + " counts " + java.util.Arrays.toString(c));
  }

  @Test
  void floatsAreUniformOverTenBins() {
    var d = FloatDistribution.uniform(-3.5, 2.25);
    long[] c = counts(20240602L, d, 10, v -> Math.min(9, (int) ((v + 3.5) / 5.75 * 10)));
    double chi2 = chiSquared(c, equal(10));
    assertTrue(chi2 < CHI2_999_DF9, "chi2 " + chi2 + " counts " + java.util.Arrays.toString(c));
  }

  @Test
  void logFloatsAreUniformInTheLogarithm() {
    var d = FloatDistribution.logUniform(1e-4, 10);
    // Five decades, two bins per decade.
    long[] c = counts(20240603L, d, 10, v -> Math.min(9, (int) ((Math.log10(v) + 4) * 2)));
    double chi2 = chiSquared(c, equal(10));
    assertTrue(chi2 < CHI2_999_DF9, "chi2 " + chi2 + " counts " + java.util.Arrays.toString(c));
  }

  @Test
  void steppedFloatsAreUniformOverTheGrid() {
    var d = FloatDistribution.stepped(0.5, 2.0, 0.25);
    long[] c = counts(20240604L, d, 7, v -> (int) Math.round((v - 0.5) / 0.25));
    double chi2 = chiSquared(c, equal(7));
    assertTrue(chi2 < CHI2_999_DF6, "chi2 " + chi2 + " counts " + java.util.Arrays.toString(c));
  }

  @Test
  void intsAreUniform() {
    var d = IntDistribution.of(-5, 7);
    long[] c = counts(20240605L, d, 13, v -> (int) v + 5);
    double chi2 = chiSquared(c, equal(13));
    assertTrue(chi2 < CHI2_999_DF12, "chi2 " + chi2 + " counts " + java.util.Arrays.toString(c));
  }

  @Test
  void logIntsFollowTheLogUniformOfTheWidenedRange() {
    // An int v of [1, 1000] on a log scale has probability log((v + 0.5) / (v - 0.5)) /
    // log(1000.5 / 0.5) (a log-uniform draw on [0.5, 1000.5], rounded). Bins by value ranges.
    var d = new IntDistribution(1, 1000, true, 1);
    int[] upper = {1, 2, 4, 9, 31, 99, 315, 1000};
    double[] p = new double[upper.length];
    int lower = 1;
    for (int b = 0; b < upper.length; b++) {
      p[b] = Math.log((upper[b] + 0.5) / (lower - 0.5)) / Math.log(1000.5 / 0.5);
      lower = upper[b] + 1;
    }
    long[] c =
        counts(
            20240606L,
            d,
            upper.length,
            v -> {
              int b = 0;
              while (v > upper[b]) {
                b++;
              }
              return b;
            });
    double chi2 = chiSquared(c, p);
    assertTrue(chi2 < CHI2_999_DF7, "chi2 " + chi2 + " counts " + java.util.Arrays.toString(c));
  }
}
