package dev.rung.bench.fidelity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rung.bench.fidelity.Method.Mode;
import dev.rung.pruners.SamplerView;
import dev.rung.study.Trial;
import org.junit.jupiter.api.Test;

class SimulationTest {
  /**
   * A problem whose final value is x and whose curve ranks configurations the same at every epoch.
   */
  private static final CurveProblem LINE =
      new CurveProblem() {
        @Override
        public String name() {
          return "line";
        }

        @Override
        public int maxEpochs() {
          return 27;
        }

        @Override
        public Curve define(Trial trial, long seed) {
          double x = trial.suggestFloat("x", 0, 1);
          return epoch -> x + 1.0 / epoch;
        }
      };

  @Test
  void fullBudgetSpendsWholeTrainings() {
    Trace t = Simulation.run(LINE, Method.full("full", false), 1, 270);
    assertEquals(270, t.spent());
    assertEquals(10, t.trials());
  }

  @Test
  void resumingCostsLessThanRestartingForTheSameDecisions() {
    Method resume = Method.hyperband("r", false, 1, SamplerView.ALL, Mode.SCHEDULED_RESUME);
    Method restart = Method.hyperband("s", false, 1, SamplerView.ALL, Mode.SCHEDULED_RESTART);
    Trace a = Simulation.run(LINE, resume, 1, 2000);
    Trace b = Simulation.run(LINE, restart, 1, 2000);
    assertEquals(2000, a.spent(), "the budget is spent exactly");
    assertEquals(2000, b.spent());
    assertTrue(a.trials() > b.trials(), a.trials() + " vs " + b.trials() + " trials");
  }

  @Test
  void traceIsMonotoneAndReachesTargets() {
    Trace t =
        Simulation.run(
            LINE, Method.hyperband("h", false, 1, SamplerView.ALL, Mode.SCHEDULED_RESUME), 2, 3000);
    double previous = Double.POSITIVE_INFINITY;
    for (long r = 0; r <= 3000; r += 50) {
      assertTrue(t.bestAt(r) <= previous);
      previous = t.bestAt(r);
    }
    long reach = t.resourceToReach(t.bestAt(3000));
    assertTrue(reach > 0 && reach <= 3000);
    assertEquals(-1, t.resourceToReach(-1));
  }
}
