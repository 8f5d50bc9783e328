package dev.rung.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rung.distributions.IntDistribution;
import dev.rung.study.FrozenTrial;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ArchitectureTest {
  private final Problem problem = Problems.all().get("architecture");

  /** The optimizer's parameters, then {@code layers} layers at their best widths and dropouts. */
  private static Map<String, Object> point(int layers, Object... optimizerParams) {
    Map<String, Object> p = new LinkedHashMap<>();
    for (int i = 0; i < optimizerParams.length; i += 2) {
      p.put((String) optimizerParams[i], optimizerParams[i + 1]);
    }
    int[] widths = {256, 128, 64, 32};
    double[] dropouts = {0.1, 0.2, 0.3, 0.3};
    p.put("num_layers", layers);
    for (int i = 0; i < layers; i++) {
      p.put("width_" + i, widths[i]);
      p.put("dropout_" + i, dropouts[i]);
    }
    return p;
  }

  private static final Object[] BEST_MOMENTUM = {
    "optimizer", "momentum", "lr", 0.01, "momentum", 0.9
  };

  @Test
  void theOptimumIsMomentumWithThreeLayers() {
    FrozenTrial best = FixedParams.evaluate(problem, point(3, BEST_MOMENTUM));
    assertEquals(0, problem.optimum());
    assertEquals(0, best.value(), 1e-12);
    assertTrue(problem.rightLevel().test(best));
  }

  @Test
  void nearMissesCostWhatTheDocsSay() {
    double adam =
        FixedParams.evaluate(problem, point(3, "optimizer", "adam", "lr", 1e-3, "beta1", 0.9))
            .value();
    double sgd = FixedParams.evaluate(problem, point(3, "optimizer", "sgd", "lr", 0.1)).value();
    assertEquals(0.1, adam, 1e-12);
    assertEquals(0.4, sgd, 1e-12);
    double[] depthCost = {0.5, 0.2, 0, 0.1};
    for (int layers = 1; layers <= 4; layers++) {
      FrozenTrial t = FixedParams.evaluate(problem, point(layers, BEST_MOMENTUM));
      assertEquals(depthCost[layers - 1], t.value(), 1e-12, layers + " layers");
      assertEquals(layers == 3, problem.rightLevel().test(t));
    }
  }

  @Test
  void theBestLearningRateDependsOnTheOptimizerAndTheMomentum() {
    // The effective step lr / (1 - momentum) is what counts: lr 1e-3 is right with momentum 0.99,
    // leaving only the momentum term 5 * 0.09^2.
    FrozenTrial ridge =
        FixedParams.evaluate(
            problem, point(3, "optimizer", "momentum", "lr", 1e-3, "momentum", 0.99));
    assertEquals(5 * 0.09 * 0.09, ridge.value(), 1e-12);
    // Adam's best rate is two decades below sgd's: each costs the other's optimizer 4.
    double sgdAtAdamRate =
        FixedParams.evaluate(problem, point(3, "optimizer", "sgd", "lr", 1e-3)).value();
    assertEquals(0.4 + 4, sgdAtAdamRate, 1e-12);
  }

  @Test
  void onlyTheChosenOptimizersAndLayersParametersAreSuggested() {
    assertEquals(
        List.of("optimizer", "lr", "num_layers", "width_0", "dropout_0"),
        List.copyOf(
            FixedParams.evaluate(problem, point(1, "optimizer", "sgd", "lr", 0.1))
                .params()
                .keySet()));
    FrozenTrial momentum = FixedParams.evaluate(problem, point(2, BEST_MOMENTUM));
    assertEquals(
        List.of(
            "optimizer",
            "lr",
            "momentum",
            "num_layers",
            "width_0",
            "dropout_0",
            "width_1",
            "dropout_1"),
        List.copyOf(momentum.params().keySet()));
    assertFalse(momentum.params().containsKey("beta1"));
    FrozenTrial adam =
        FixedParams.evaluate(problem, point(4, "optimizer", "adam", "lr", 1e-3, "beta1", 0.9));
    assertTrue(adam.params().containsKey("beta1"));
    assertFalse(adam.params().containsKey("momentum"));
    assertTrue(adam.params().containsKey("dropout_3"));
    assertEquals(new IntDistribution(1, 4, false, 1), adam.distributions().get("num_layers"));
    assertEquals(new IntDistribution(8, 1024, true, 1), adam.distributions().get("width_3"));
  }

  @Test
  void noRandomPointGoesBelowTheOptimum() {
    assertTrue(FixedParams.randomMinimum(problem, 2000) >= problem.optimum());
  }
}
