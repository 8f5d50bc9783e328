package dev.rung.training.model;

import static org.junit.jupiter.api.Assertions.*;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TrainingSpecsTest {
  @Test
  void defaultsDescribeASmallAdamMlp() {
    TrainingSpec s = TrainingSpecs.fromParams(Map.of());
    assertEquals(new MlpSpec(List.of(128, 128), ActivationKind.RELU, 0, false), s.network());
    assertEquals(OptimizerSpec.adam(1e-3), s.optimizer());
    assertEquals(64, s.batchSize());
  }

  @Test
  void readsPerLayerNamesAndCountsLayersFromThem() {
    TrainingSpec s =
        TrainingSpecs.fromParams(
            Map.of(
                "model",
                "cnn",
                "conv_0_channels",
                8,
                "conv_1_channels",
                16,
                "conv_1_kernel",
                5,
                "conv_1_pool",
                "false",
                "optimizer",
                "sgd",
                "momentum",
                0.9,
                "lr_schedule",
                "step",
                "lr_gamma",
                0.5));
    CnnSpec cnn = (CnnSpec) s.network();
    assertEquals(
        List.of(new ConvLayerSpec(8, 3, true), new ConvLayerSpec(16, 5, false)), cnn.convs());
    assertEquals(0.9, s.optimizer().momentum());
    assertEquals(LrSchedule.Kind.STEP, s.optimizer().schedule().kind());
  }

  @Test
  void badValuesNameTheParameter() {
    assertMessage(Map.of("batch_size", "many"), "'batch_size'");
    assertMessage(Map.of("activation", "swish"), "swish");
    assertMessage(Map.of("model", "rnn"), "'model'");
    assertMessage(Map.of("optimizer", "adam", "momentum", 0.9), "momentum");
    assertMessage(Map.of("model", "cnn", "conv_0_kernel", 4), "kernel 4");
    assertMessage(Map.of("dropout", 1.0), "dropout");
  }

  private static void assertMessage(Map<String, ?> params, String fragment) {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> TrainingSpecs.fromParams(params));
    assertTrue(e.getMessage().contains(fragment), e.getMessage());
  }
}
