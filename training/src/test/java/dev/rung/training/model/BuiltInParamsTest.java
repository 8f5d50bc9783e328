package dev.rung.training.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rung.distributions.CategoricalDistribution;
import dev.rung.distributions.Distribution;
import dev.rung.distributions.FloatDistribution;
import dev.rung.distributions.IntDistribution;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * The table of what the built-in networks accept agrees with what {@link TrainingSpecs#fromParams}
 * and the specs it builds actually accept, and it checks every value a distribution can take.
 */
class BuiltInParamsTest {

  /** Values at and around each limit: the table and the network must agree on every one. */
  private static List<Object> probes(Accepts accepts) {
    List<Object> out = new ArrayList<>(List.of("bogus", -1, 0, 1, 2, 3, 4, 5, 7, 180, 181));
    out.addAll(List.of(-1e-9, 1e-9, 0.5, 1 - 1e-9, 1 + 1e-9, 2.5, true, false, "yes", "off"));
    if (accepts instanceof Accepts.OneOf o) {
      out.addAll(o.values());
    }
    return out;
  }

  /** The parameters that make {@code p} read: its family, the condition it is read under. */
  private static Map<String, Object> reading(BuiltInParams.Param p, Object value) {
    Map<String, Object> params = new HashMap<>();
    params.put(
        ParamNames.MODEL,
        p.families().contains("mlp") ? "mlp" : new TreeSet<>(p.families()).first());
    if (p.condition() != null) {
      params.put(
          p.condition().param(), p.condition().values().get(p.condition().values().size() - 1));
    }
    params.put(p.name().replace(ParamNames.INDEX, "0"), value);
    return params;
  }

  private static boolean networkAccepts(Map<String, Object> params) {
    try {
      TrainingSpecs.fromParams(params);
      return true;
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  /**
   * Every value the table accepts builds a network; every value it refuses makes the network fail,
   * except a negative MLP layer count, which the network takes for no hidden layer at all.
   */
  @Test
  void theTableAgreesWithTheNetworksOnEveryProbedValue() {
    List<String> stricter = new ArrayList<>();
    for (BuiltInParams.Param p : BuiltInParams.all()) {
      for (Object value : probes(p.accepts())) {
        boolean network = networkAccepts(reading(p, value));
        String what = p.name() + " = " + value;
        if (p.accepts().accepts(value)) {
          assertTrue(network, what + " is accepted, but the network fails");
        } else if (network) {
          stricter.add(what);
        }
      }
    }
    assertEquals(List.of("mlp_layers = -1"), stricter);
  }

  @Test
  void everyNameTheNetworksReadIsInTheTable() {
    for (String name :
        List.of(
            "model",
            "mlp_layers",
            "mlp_width",
            "mlp_3_width",
            "cnn_layers",
            "conv_0_channels",
            "conv_2_kernel",
            "conv_1_pool",
            "global_pool",
            "fc_width",
            "lstm_layers",
            "lstm_width",
            "lstm_1_width",
            "activation",
            "dropout",
            "batch_norm",
            "optimizer",
            "lr",
            "weight_decay",
            "momentum",
            "batch_size",
            "lr_schedule",
            "lr_gamma",
            "lr_step_epochs",
            "weight_init",
            "aug_rotation",
            "aug_flip",
            "aug_shift")) {
      assertTrue(BuiltInParams.find(name).isPresent(), name);
    }
    assertFalse(BuiltInParams.find("learning_rate").isPresent());
    assertEquals("mlp_{i}_width", BuiltInParams.find("mlp_{i}_width").orElseThrow().name());
  }

  @Test
  void namesAreReadPerFamily() {
    List<String> mlp = BuiltInParams.namesReadBy(Set.of("mlp"));
    assertTrue(mlp.contains("mlp_{i}_width") && mlp.contains("lr"), mlp.toString());
    assertFalse(mlp.contains("cnn_layers") || mlp.contains("conv_{i}_kernel"), mlp.toString());
    List<String> cnn = BuiltInParams.namesReadBy(Set.of("cnn"));
    assertTrue(cnn.contains("conv_{i}_kernel") && !cnn.contains("mlp_layers"), cnn.toString());
  }

  private static Optional<String> problem(String name, Distribution d) {
    return BuiltInParams.find(name).orElseThrow().problem(d);
  }

  @Test
  void rangesAreCheckedAtBothEnds() {
    assertEquals(
        Optional.of("low = -0.1 is not allowed: lr must be a number > 0"),
        problem("lr", FloatDistribution.uniform(-0.1, 0.1)));
    assertEquals(
        Optional.of("high = 1.0 is not allowed: dropout must be a number in [0, 1)"),
        problem("dropout", FloatDistribution.uniform(0, 1)));
    assertEquals(Optional.empty(), problem("dropout", FloatDistribution.uniform(0, 0.99)));
    assertEquals(
        Optional.of("low = 0 is not allowed: mlp_{i}_width must be a whole number >= 1"),
        problem("mlp_{i}_width", IntDistribution.of(0, 64)));
  }

  @Test
  void aFewValuesAreCheckedOneByOne() {
    assertEquals(
        Optional.of("value 4 is not allowed: conv_{i}_kernel must be one of [3, 5, 7] (int[3, 7])"),
        problem("conv_{i}_kernel", IntDistribution.of(3, 7)));
    assertEquals(Optional.empty(), problem("conv_{i}_kernel", IntDistribution.stepped(3, 7, 2)));
    assertEquals(
        Optional.of(
            "choice bogus is not allowed: activation must be one of [relu, tanh, gelu,"
                + " leakyrelu]"),
        problem("activation", CategoricalDistribution.of("relu", "bogus")));
    assertEquals(Optional.empty(), problem("optimizer", CategoricalDistribution.of("ADAM", "sgd")));
    assertEquals(Optional.empty(), problem("batch_norm", IntDistribution.of(0, 1)));
    assertTrue(problem("batch_norm", IntDistribution.of(0, 2)).orElseThrow().contains("value 2"));
  }

  @Test
  void aContinuousRangeIsRefusedWhereTheNetworkReadsWholeNumbersOrChoices() {
    assertEquals(
        Optional.of("is a float range, but batch_size must be a whole number >= 1: use type = int"),
        problem("batch_size", FloatDistribution.uniform(16, 256)));
    assertTrue(
        problem("optimizer", FloatDistribution.uniform(0, 1))
            .orElseThrow()
            .endsWith("use type = categorical"));
  }

  @Test
  void layerIndexedNamesCoverTheirTemplateAndEachLayer() {
    assertTrue(ParamNames.covers("mlp_{i}_width", "mlp_{i}_width"));
    assertTrue(ParamNames.covers("mlp_{i}_width", "mlp_12_width"));
    assertFalse(ParamNames.covers("mlp_{i}_width", "mlp__width"));
    assertFalse(ParamNames.covers("mlp_{i}_width", "mlp_x_width"));
    assertFalse(ParamNames.covers("mlp_0_width", "mlp_{i}_width"));
    assertTrue(ParamNames.covers("mlp_0_width", "mlp_0_width"));
    assertFalse(ParamNames.covers("lr", "lr2"));
    assertFalse(ParamNames.covers("width_{i}", "width"));
    assertEquals("conv_3_pool", ParamNames.convPool(3));
  }
}
