package dev.rung.training.model;

import static org.junit.jupiter.api.Assertions.*;

import dev.rung.training.data.InputShape;
import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.learning.config.Nesterovs;
import org.nd4j.linalg.learning.config.Sgd;
import org.nd4j.linalg.learning.regularization.L2Regularization;
import org.nd4j.linalg.learning.regularization.WeightDecay;

class OptimizerSpecTest {
  private static BaseLayer firstLayer(OptimizerSpec o) {
    return (BaseLayer)
        NetworkFactory.configuration(
                TrainingSpec.of(MlpSpec.of(4), o, 8), InputShape.vector(3), 2, 1)
            .getConf(0)
            .getLayer();
  }

  @Test
  void adamwDecaysWeightsDecoupledAndAdamUsesL2() {
    BaseLayer adamw = firstLayer(new OptimizerSpec(OptimizerKind.ADAMW, 1e-3, 1e-2, 0, null));
    assertTrue(adamw.getRegularization().stream().anyMatch(r -> r instanceof WeightDecay));
    assertTrue(adamw.getRegularization().stream().noneMatch(r -> r instanceof L2Regularization));
    BaseLayer adam = firstLayer(new OptimizerSpec(OptimizerKind.ADAM, 1e-3, 1e-2, 0, null));
    assertTrue(adam.getRegularization().stream().anyMatch(r -> r instanceof L2Regularization));
    assertTrue(adam.getRegularization().stream().noneMatch(r -> r instanceof WeightDecay));
  }

  @Test
  void momentumSelectsNesterovSgd() {
    assertInstanceOf(
        Nesterovs.class, new OptimizerSpec(OptimizerKind.SGD, 0.1, 0, 0.9, null).updater());
    assertInstanceOf(Sgd.class, new OptimizerSpec(OptimizerKind.SGD, 0.1, 0, 0, null).updater());
  }

  @Test
  void invalidSettingsAreNamed() {
    assertTrue(
        assertThrows(
                IllegalArgumentException.class,
                () -> new OptimizerSpec(OptimizerKind.ADAM, 0, 0, 0, null))
            .getMessage()
            .contains("lr"));
    assertTrue(
        assertThrows(
                IllegalArgumentException.class,
                () -> new OptimizerSpec(OptimizerKind.RMSPROP, 1e-3, 0, 0.5, null))
            .getMessage()
            .contains("momentum"));
  }
}
