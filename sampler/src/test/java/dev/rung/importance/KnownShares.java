package dev.rung.importance;

import dev.rung.distributions.Distribution;
import dev.rung.distributions.FloatDistribution;
import dev.rung.study.FrozenTrial;
import dev.rung.study.Seeds;
import dev.rung.study.TrialState;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.random.RandomGenerator;

/**
 * An additive function of independent uniform parameters x0..x{d-1} on [0, 1]: {@code f = sum a_i
 * g_i(x_i)}, each g_i of variance 1 (a line for even i, a sine for odd i). Its variance shares are
 * {@code a_i^2 / sum a_j^2}, the importances fANOVA should recover.
 */
final class KnownShares {
  static final double[] WEIGHTS = {5, 4, 3, 2, 1, 0.5, 0, 0, 0, 0};
  static final Distribution UNIT = FloatDistribution.uniform(0, 1);

  private KnownShares() {}

  static double share(int i) {
    double sum = 0;
    for (double a : WEIGHTS) {
      sum += a * a;
    }
    return WEIGHTS[i] * WEIGHTS[i] / sum;
  }

  static double g(int i, double x) {
    return i % 2 == 0 ? Math.sqrt(12) * (x - 0.5) : Math.sqrt(2) * Math.sin(2 * Math.PI * x);
  }

  /** {@code n} COMPLETE trials with parameters drawn from {@code seed}. */
  static List<FrozenTrial> trials(int n, long seed) {
    RandomGenerator rng = Seeds.rng(seed);
    List<FrozenTrial> out = new ArrayList<>();
    for (int k = 0; k < n; k++) {
      Map<String, Object> params = new LinkedHashMap<>();
      Map<String, Distribution> dists = new LinkedHashMap<>();
      double value = 0;
      for (int i = 0; i < WEIGHTS.length; i++) {
        double x = rng.nextDouble();
        params.put("x" + i, x);
        dists.put("x" + i, UNIT);
        value += WEIGHTS[i] * g(i, x);
      }
      out.add(complete(k, value, params, dists));
    }
    return out;
  }

  static FrozenTrial complete(
      int number, double value, Map<String, Object> params, Map<String, Distribution> dists) {
    FrozenTrial trial = FrozenTrial.create(number, TrialState.RUNNING, Instant.EPOCH);
    for (Map.Entry<String, Object> p : params.entrySet()) {
      trial = trial.withParam(p.getKey(), p.getValue(), dists.get(p.getKey()));
    }
    return trial.finish(TrialState.COMPLETE, List.of(value), Instant.EPOCH, null);
  }
}
