package dev.rung.job.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.ConfigFactory;
import dev.rung.job.config.SweepConfig;
import dev.rung.job.config.SweepConfigLoader;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A simulated two-objective sweep with rungs: the curves' second metric reaches the driver with
 * every epoch, so the rungs rank by both objectives and each fully trained trial finishes with both
 * values (the second from its last epoch, as a real trainer reports it).
 */
class TwoObjectiveSimulationTest {

  @Test
  void everyFullyTrainedTrialHasBothValues() throws Exception {
    SweepConfig c =
        SweepConfigLoader.loadForSimulation(
            ConfigFactory.parseString(
                """
                rung {
                  study { name = two, directions = [maximize, minimize],
                          metrics = [val_accuracy, latency_ms] }
                  space { x { type = float, low = 0, high = 1 } }
                  training.epochs = 9
                  sampler { type = random, seed = 3 }
                  pruner { type = hyperband, min-resource = 1, reduction-factor = 3 }
                  budget.trials = 30
                }
                """),
            List.of());
    SimulatedCluster.CurveModel curves =
        new SimulatedCluster.CurveModel() {
          @Override
          public double value(Map<String, Object> p, long seed, int epochs) {
            double x = ((Number) p.get("x")).doubleValue();
            return x * epochs / 9.0;
          }

          @Override
          public Map<String, Double> metrics(Map<String, Object> p, long seed, int epochs) {
            // Accuracy and latency conflict: the better x, the slower.
            return Map.of("latency_ms", 1 + 10 * ((Number) p.get("x")).doubleValue());
          }

          @Override
          public long epochMillis(Map<String, Object> p, long seed, int epoch) {
            return 100;
          }
        };
    SimulatedSweep.Trace trace = SimulatedSweep.run(c, curves, 2);
    assertTrue(trace.finished().size() >= 3, "trials trained fully: " + trace.finished().size());
    for (SimulatedSweep.Finished f : trace.finished()) {
      assertEquals(2, f.values().length);
      // The two values belong to one x.
      assertEquals(1 + 10 * f.values()[0], f.values()[1], 1e-9);
    }
  }
}
