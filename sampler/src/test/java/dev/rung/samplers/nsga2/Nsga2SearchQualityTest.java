package dev.rung.samplers.nsga2;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rung.multi.Hypervolume;
import dev.rung.samplers.RandomSampler;
import dev.rung.samplers.Sampler;
import dev.rung.study.Direction;
import dev.rung.study.FrozenTrial;
import dev.rung.study.OptimizeOptions;
import dev.rung.study.Study;
import dev.rung.study.Trial;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * NSGA-II against random search on ZDT1 (30 variables) after 500 trials: 10 generations of the
 * default population of 50.
 */
class Nsga2SearchQualityTest {
  private static final int VARIABLES = 30;
  private static final int TRIALS = 500;
  private static final double[] REFERENCE = {1.1, 11};

  private static double[] zdt1(Trial t) {
    double f1 = t.suggestFloat("x0", 0, 1);
    double sum = 0;
    for (int i = 1; i < VARIABLES; i++) {
      sum += t.suggestFloat("x" + i, 0, 1);
    }
    double g = 1 + 9 * sum / (VARIABLES - 1);
    return new double[] {f1, g * (1 - Math.sqrt(f1 / g))};
  }

  private static double hypervolume(Sampler sampler) {
    Study study =
        Study.builder().directions(Direction.MINIMIZE, Direction.MINIMIZE).sampler(sampler).build();
    study.optimizeMulti(Nsga2SearchQualityTest::zdt1, OptimizeOptions.trials(TRIALS));
    List<double[]> points = new ArrayList<>();
    for (FrozenTrial t : study.trials()) {
      points.add(new double[] {t.values().get(0), t.values().get(1)});
    }
    return Hypervolume.of(points.toArray(new double[0][]), REFERENCE);
  }

  /**
   * Seeds 101 to 110, fixed in advance. On seeds 1 to 10 (MultiObjectiveBench) random search
   * reached a hypervolume of 8.76 (IQR 0.05) and NSGA-II 9.53 (IQR 0.20) after 500 trials: a gap of
   * about five standard deviations of the per-seed difference, so NSGA-II loses a seed with
   * probability near 3e-7 and this test, which allows one loss in ten, fails falsely with
   * probability below 1e-10 (normal approximation).
   */
  @Test
  void nsga2BeatsRandomSearchOnZdt1Hypervolume() {
    int wins = 0;
    StringBuilder log = new StringBuilder();
    for (long seed = 101; seed <= 110; seed++) {
      double nsga2 = hypervolume(Nsga2Sampler.builder().seed(seed).build());
      double random = hypervolume(new RandomSampler(seed));
      wins += nsga2 > random ? 1 : 0;
      log.append(String.format("seed %d: nsga2 %.4f random %.4f%n", seed, nsga2, random));
    }
    assertTrue(wins >= 9, "NSGA-II won " + wins + " of 10 seeds\n" + log);
  }
}
