package dev.rung.importance;

import dev.rung.distributions.CategoricalDistribution;
import dev.rung.distributions.Distribution;
import dev.rung.distributions.FloatDistribution;
import dev.rung.distributions.IntDistribution;
import dev.rung.study.FrozenTrial;
import dev.rung.study.Seeds;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.random.RandomGenerator;

/** Test spaces with log-scale, integer, categorical and conditional parameters. */
final class MixedSpace {
  static final Distribution LR = FloatDistribution.logUniform(1e-4, 1);
  static final Distribution X = FloatDistribution.uniform(0, 4);
  static final Distribution DEPTH = IntDistribution.of(0, 3);
  static final Distribution KIND = CategoricalDistribution.of("a", "b", "c", "d");
  static final Distribution UNIT = FloatDistribution.uniform(0, 1);
  static final Distribution LAYERS = CategoricalDistribution.of(1, 2);

  private MixedSpace() {}

  /**
   * {@code f = log10(lr) + x + depth + 2 [kind = b]}, with an unused parameter {@code noise}, all
   * drawn uniformly (lr log-uniformly). Variances: log10(lr) uniform on [-4, 0] and x on [0, 4]
   * have 16/12 each, depth uniform on {0..3} 15/12, {@code 2 [kind = b]} 4 (1/4)(3/4) = 9/12; the
   * shares are these over their sum 56/12.
   */
  static List<FrozenTrial> additive(int n, long seed) {
    RandomGenerator rng = Seeds.rng(seed);
    List<FrozenTrial> out = new ArrayList<>();
    for (int k = 0; k < n; k++) {
      Map<String, Object> params = new LinkedHashMap<>();
      Map<String, Distribution> dists = new LinkedHashMap<>();
      double lr = Math.pow(10, -4 + 4 * rng.nextDouble());
      double x = 4 * rng.nextDouble();
      int depth = rng.nextInt(4);
      String kind = List.of("a", "b", "c", "d").get(rng.nextInt(4));
      put(params, dists, "lr", lr, LR);
      put(params, dists, "x", x, X);
      put(params, dists, "depth", depth, DEPTH);
      put(params, dists, "kind", kind, KIND);
      put(params, dists, "noise", rng.nextDouble(), UNIT);
      double value = Math.log10(lr) + x + depth + (kind.equals("b") ? 2 : 0);
      out.add(KnownShares.complete(k, value, params, dists));
    }
    return out;
  }

  static final double[] ADDITIVE_SHARES = {16 / 56.0, 16 / 56.0, 15 / 56.0, 9 / 56.0, 0};
  static final List<String> ADDITIVE_NAMES = List.of("lr", "x", "depth", "kind", "noise");

  /**
   * A conditional space: {@code layers} in {1, 2}; {@code w1} always; {@code w2} only with 2
   * layers; {@code bias} only with 1 layer and without effect; {@code dropout} in a random half of
   * the trials and without effect. {@code f = w1 + 3 w2} with 2 layers, {@code w1} with 1.
   */
  static List<FrozenTrial> conditional(int n, long seed) {
    RandomGenerator rng = Seeds.rng(seed);
    List<FrozenTrial> out = new ArrayList<>();
    for (int k = 0; k < n; k++) {
      Map<String, Object> params = new LinkedHashMap<>();
      Map<String, Distribution> dists = new LinkedHashMap<>();
      int layers = 1 + rng.nextInt(2);
      double w1 = rng.nextDouble();
      put(params, dists, "layers", layers, LAYERS);
      put(params, dists, "w1", w1, UNIT);
      double value = w1;
      if (layers == 2) {
        double w2 = rng.nextDouble();
        put(params, dists, "w2", w2, UNIT);
        value += 3 * w2;
      } else {
        put(params, dists, "bias", rng.nextDouble(), UNIT);
      }
      if (rng.nextBoolean()) {
        put(params, dists, "dropout", rng.nextDouble(), UNIT);
      }
      out.add(KnownShares.complete(k, value, params, dists));
    }
    return out;
  }

  static void put(
      Map<String, Object> params,
      Map<String, Distribution> dists,
      String name,
      Object value,
      Distribution d) {
    params.put(name, value);
    dists.put(name, d);
  }
}
