package dev.rung.job.driver;

import dev.rung.job.sim.SimulatedCluster;
import dev.rung.study.Seeds;
import java.util.Map;

/** Learning curves for driver tests: the final accuracy depends on x; curves rise with epochs. */
final class CurveModels {
  private CurveModels() {}

  /** Accuracy approaching 1 - (x - 0.7)^2 as epochs grow; every epoch takes 1 s (+ jitter). */
  static SimulatedCluster.CurveModel quadratic() {
    return new SimulatedCluster.CurveModel() {
      @Override
      public double value(Map<String, Object> params, long seed, int epochs) {
        double x = ((Number) params.get("x")).doubleValue();
        double top = 1 - (x - 0.7) * (x - 0.7);
        return top * (1 - Math.exp(-epochs / 3.0));
      }

      @Override
      public long epochMillis(Map<String, Object> params, long seed, int epoch) {
        return 1000 + Seeds.rng(seed, epoch).nextInt(200);
      }
    };
  }
}
