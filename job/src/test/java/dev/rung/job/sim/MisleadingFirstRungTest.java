package dev.rung.job.sim;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.ConfigFactory;
import dev.rung.job.config.SweepConfig;
import dev.rung.job.config.SweepConfigLoader;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Curves whose first epoch ranks the configurations in reverse of their final ranking (an untrained
 * network that looks best where training ends worst): the default sweep must not do worse there
 * than full-budget TPE at the same budget of epochs.
 *
 * <p>Error rate: the medians are over 60 seeds fixed in advance (0-59; {@code
 * -Drung.test.first-seed=N} runs N..N+59, and the test prints both medians). On the four blocks
 * 0-59, 60-119, 120-179 and 180-239 the default's median regret was below full-budget TPE's by
 * 0.006, 0.011, 0.012 and 0.014 (mean 0.011, standard deviation 0.004): a block on which the
 * default is not below would be about three standard deviations out, rarer than one in a hundred.
 * With 12 seeds, as the test first had, the same comparison failed on 3 of 10 blocks of 0-119 (and
 * with the earlier uniform random trials on 2 of 10).
 */
class MisleadingFirstRungTest {
  private static final int EPOCHS = 27;
  private static final int BUDGET = 20 * EPOCHS;
  private static final int SEEDS = 60;

  private static final double[] CENTRE = {0.7, 0.3, 0.8, 0.2};

  /** Final accuracy 1 at {@link #CENTRE}, falling with distance; epoch 1 is its mirror image. */
  static final SimulatedCluster.CurveModel REVERSED =
      new SimulatedCluster.CurveModel() {
        @Override
        public double value(Map<String, Object> p, long seed, int epochs) {
          double d = 0;
          for (int i = 0; i < CENTRE.length; i++) {
            double x = ((Number) p.get("x" + i)).doubleValue() - CENTRE[i];
            d += x * x;
          }
          double top = 1 - d;
          return top * (1 - Math.exp(-(epochs - 1) / 2.0))
              + (1 - top) * 0.5 * Math.exp(-(epochs - 1));
        }

        @Override
        public long epochMillis(Map<String, Object> p, long seed, int epoch) {
          return 1000;
        }
      };

  /** A sweep of {@code budget} epochs over the four coordinates {@link #REVERSED} reads. */
  static SweepConfig config(String study, int budget, List<String> overrides) {
    return SweepConfigLoader.loadForSimulation(
        ConfigFactory.parseString(
            """
            rung {
              study.name = %s
              space {
                x0 { type = float, low = 0, high = 1 }
                x1 { type = float, low = 0, high = 1 }
                x2 { type = float, low = 0, high = 1 }
                x3 { type = float, low = 0, high = 1 }
              }
              training.epochs = %d
              budget { trials = 0, epochs = %d }
            }
            """
                .formatted(study, EPOCHS, budget)),
        overrides);
  }

  static double[] regrets(String... overrides) throws InterruptedException {
    double[] r = new double[SEEDS];
    int first = Integer.getInteger("rung.test.first-seed", 0);
    for (int seed = first; seed < first + SEEDS; seed++) {
      List<String> o = new ArrayList<>(List.of(overrides));
      o.add("sampler.seed=" + seed);
      r[seed - first] =
          1 - SimulatedSweep.run(config("reversed", BUDGET, o), REVERSED, 1).finalBest();
    }
    return r;
  }

  static double median(double[] v) {
    double[] s = v.clone();
    Arrays.sort(s);
    return (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
  }

  @Test
  void theDefaultDoesNoWorseThanFullBudgetTpe() throws InterruptedException {
    double[] byDefault = regrets();
    double[] full = regrets("pruner.type=none");
    String shown =
        "default "
            + Arrays.toString(byDefault)
            + " (median "
            + median(byDefault)
            + ")\nfull "
            + Arrays.toString(full)
            + " (median "
            + median(full)
            + ")";
    // printed whether it passes or not: the medians of other seed blocks are read from here
    System.out.println("MisleadingFirstRungTest, seeds from the first-seed property:\n" + shown);
    assertTrue(median(byDefault) <= median(full), shown);
  }
}
