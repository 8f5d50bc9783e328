package dev.rung.samplers.tpe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rung.samplers.RandomSampler;
import dev.rung.samplers.Sampler;
import dev.rung.study.FrozenTrial;
import dev.rung.study.Objective;
import dev.rung.study.Study;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/** TPE's random fraction: whole trials drawn at random after the startup trials. */
class RandomFractionTest {

  private static final Objective BOWL =
      t -> {
        double x = t.suggestFloat("x", -5, 5);
        double y = t.suggestFloat("y", -5, 5);
        int n = t.suggestInt("n", 1, 8);
        String c = t.suggestCategorical("c", "a", "b", "c");
        return (x - 1) * (x - 1) + (y + 2) * (y + 2) + n + (c.equals("b") ? 0 : 1);
      };

  private static List<Map<String, Object>> run(Supplier<Sampler> sampler, int trials) {
    Study study = Study.builder().sampler(sampler.get()).build();
    study.optimize(BOWL, trials);
    return study.trials().stream().map(FrozenTrial::params).toList();
  }

  @Test
  void withFractionOneAndOneRandomCandidateEveryTrialIsTheRandomSamplersDraw() {
    for (boolean mv : new boolean[] {true, false}) {
      var tpe =
          run(
              () ->
                  TpeSampler.builder()
                      .seed(11)
                      .multivariate(mv)
                      .randomFraction(1)
                      .randomCandidates(1)
                      .build(),
              60);
      assertEquals(run(() -> new RandomSampler(11), 60), tpe);
    }
  }

  /**
   * A trial after the startup trials was drawn at random exactly when its parameters are the random
   * sampler's draw for the same trial (TPE proposing the same four values has probability 0; one
   * random candidate makes the random draw the random sampler's). The count is Binomial(390, 0.3):
   * mean 117, standard deviation 9.05; the bounds are 4 standard deviations out (a chance below
   * 1e-4 of failing with a correct sampler; the seed is fixed).
   */
  @Test
  void aboutTheFractionOfTrialsAfterStartupAreRandomAndTheRestModelled() {
    int trials = 400;
    var random = run(() -> new RandomSampler(23), trials);
    var tpe =
        run(
            () -> TpeSampler.builder().seed(23).randomFraction(0.3).randomCandidates(1).build(),
            trials);
    assertEquals(random.subList(0, 10), tpe.subList(0, 10));
    int drawn = 0;
    for (int i = 10; i < trials; i++) {
      drawn += random.get(i).equals(tpe.get(i)) ? 1 : 0;
    }
    assertTrue(drawn >= 117 - 36 && drawn <= 117 + 36, "random trials: " + drawn);
    // and the modelled ones still learn: more of them near the optimum than random draws
    int nearTpe = 0;
    int nearRandom = 0;
    for (int i = 200; i < trials; i++) {
      if (!random.get(i).equals(tpe.get(i)) && near(tpe.get(i))) {
        nearTpe++;
      }
      nearRandom += near(random.get(i)) ? 1 : 0;
    }
    assertTrue(
        nearTpe > 3 * nearRandom,
        nearTpe + " modelled trials near the optimum, random " + nearRandom);
  }

  private static boolean near(Map<String, Object> p) {
    return Math.abs((Double) p.get("x") - 1) < 1 && Math.abs((Double) p.get("y") + 2) < 1;
  }

  @Test
  void fractionOutsideZeroToOneIsRejected() {
    for (double f : new double[] {-0.1, 1.5, Double.NaN}) {
      var e =
          assertThrows(
              IllegalArgumentException.class, () -> TpeSampler.builder().randomFraction(f));
      assertTrue(e.getMessage().contains("randomFraction is " + f), e.getMessage());
    }
  }
}
