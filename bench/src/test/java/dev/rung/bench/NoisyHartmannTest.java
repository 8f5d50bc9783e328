package dev.rung.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rung.samplers.RandomSampler;
import dev.rung.study.FrozenTrial;
import dev.rung.study.Study;
import dev.rung.study.Trial;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class NoisyHartmannTest {
  private final Problem problem = Problems.all().get("hartmann6-noisy");

  /** The reference's minimiser of Hartmann-6. */
  private static final double[] X_STAR = {
    0.20168951, 0.15001069, 0.47687398, 0.27533243, 0.31165162, 0.65730053
  };

  private static Map<String, Object> point(double[] x) {
    Map<String, Object> p = new LinkedHashMap<>();
    for (int i = 0; i < x.length; i++) {
      p.put("x" + i, x[i]);
    }
    return p;
  }

  @Test
  void theNoiseFreeValueIsHartmann6WithItsOptimum() {
    FrozenTrial t = FixedParams.evaluate(problem, point(X_STAR));
    assertEquals(Problems.all().get("hartmann6").optimum(), problem.optimum());
    assertEquals(problem.optimum(), problem.trueValue(t), 1e-12);
    assertEquals(
        NoisyHartmann.NOISE_SD * NoisyHartmann.noise(0, X_STAR),
        t.value() - problem.trueValue(t),
        1e-12);
  }

  @Test
  void theNoiseIsGaussianWithTheStatedDeviationAndFixedPerTrial() {
    // 4,000 repeats of one point, trial numbers 0..3999. The mean is checked to 4 standard errors
    // (false-failure rate 6e-5 for a fair generator), the deviation to 10% (about 9 standard
    // errors of a sample deviation of 4,000 draws).
    Study study = Study.builder().sampler(new RandomSampler(0)).build();
    int n = 4000;
    double sum = 0;
    double sumSq = 0;
    for (int i = 0; i < n; i++) {
      study.enqueueTrial(point(X_STAR));
      Trial t = study.ask();
      double noise = problem.objective().applyAsDouble(t) - problem.optimum();
      assertEquals(
          noise, problem.objective().applyAsDouble(t) - problem.optimum(), 0, "same trial");
      study.tell(t, noise);
      sum += noise;
      sumSq += noise * noise;
    }
    double mean = sum / n;
    double sd = Math.sqrt((sumSq - n * mean * mean) / (n - 1));
    double sigma = NoisyHartmann.NOISE_SD;
    assertTrue(Math.abs(mean) < 4 * sigma / Math.sqrt(n), "mean " + mean);
    assertTrue(Math.abs(sd - sigma) < 0.1 * sigma, "sd " + sd);
    assertNotEquals(NoisyHartmann.noise(0, X_STAR), NoisyHartmann.noise(1, X_STAR));
  }
}
