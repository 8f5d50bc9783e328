package dev.rung.training.model;

import static org.junit.jupiter.api.Assertions.*;

import dev.rung.training.TestData;
import dev.rung.training.augment.Augmentation;
import dev.rung.training.data.PreparedData;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.GlobalPoolingLayer;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;

/** Every architecture and optimizer option builds a network that takes a training step. */
class ArchitectureTest {
  private static final OptimizerSpec ADAM = OptimizerSpec.adam(1e-2);

  static Stream<Arguments> options() {
    List<Arguments> out = new ArrayList<>();
    for (ActivationKind a : ActivationKind.values()) {
      out.add(
          Arguments.of(
              "mlp " + a, TrainingSpec.of(new MlpSpec(List.of(16, 8), a, 0, false), ADAM, 16)));
    }
    out.add(
        Arguments.of(
            "mlp bn+dropout",
            TrainingSpec.of(
                new MlpSpec(List.of(16, 8), ActivationKind.RELU, 0.3, true), ADAM, 16)));
    out.add(
        Arguments.of(
            "linear",
            TrainingSpec.of(new MlpSpec(List.of(), ActivationKind.RELU, 0, false), ADAM, 16)));
    for (int k : new int[] {3, 5, 7}) {
      for (boolean pool : new boolean[] {true, false}) {
        out.add(
            Arguments.of(
                "cnn k" + k + " pool " + pool,
                TrainingSpec.of(
                    new CnnSpec(
                        List.of(new ConvLayerSpec(4, k, pool)),
                        ActivationKind.RELU,
                        false,
                        false,
                        16,
                        0),
                    ADAM,
                    16)));
      }
    }
    out.add(
        Arguments.of(
            "cnn bn gap dropout, 4 pools on 8x8",
            TrainingSpec.of(
                new CnnSpec(
                    List.of(
                        new ConvLayerSpec(4, 3, true),
                        new ConvLayerSpec(6, 3, true),
                        new ConvLayerSpec(6, 3, true),
                        new ConvLayerSpec(6, 3, true)),
                    ActivationKind.GELU,
                    true,
                    true,
                    8,
                    0.2),
                ADAM,
                16)));
    out.add(
        Arguments.of(
            "cnn no fc",
            TrainingSpec.of(
                new CnnSpec(
                    List.of(new ConvLayerSpec(4, 5, true)), ActivationKind.TANH, false, true, 0, 0),
                ADAM,
                16)));
    MlpSpec small = MlpSpec.of(16);
    for (OptimizerKind k : OptimizerKind.values()) {
      out.add(
          Arguments.of(
              "opt " + k, TrainingSpec.of(small, new OptimizerSpec(k, 1e-2, 1e-4, 0, null), 16)));
    }
    out.add(
        Arguments.of(
            "sgd momentum",
            TrainingSpec.of(small, new OptimizerSpec(OptimizerKind.SGD, 1e-2, 0, 0.9, null), 16)));
    for (LrSchedule.Kind s : LrSchedule.Kind.values()) {
      out.add(
          Arguments.of(
              "schedule " + s,
              TrainingSpec.of(
                  small,
                  new OptimizerSpec(OptimizerKind.ADAM, 1e-2, 0, 0, new LrSchedule(s, 0.5, 2)),
                  16)));
    }
    for (WeightInitKind w : WeightInitKind.values()) {
      out.add(Arguments.of("init " + w, new TrainingSpec(small, ADAM, 16, w, Augmentation.NONE)));
    }
    return out.stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("options")
  void buildsAndTakesAStep(String name, TrainingSpec spec) {
    PreparedData d = TestData.digits();
    MultiLayerNetwork net = NetworkFactory.build(spec, d.shape(), d.classes(), 1);
    INDArray before = net.params().dup();
    DataSet batch =
        d.train().batch(new int[] {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15});
    net.fit(batch);
    assertTrue(Double.isFinite(net.score()), name + ": loss " + net.score());
    assertNotEquals(before, net.params(), name + ": a step must change the parameters");
    assertArrayEquals(new long[] {16, 10}, net.output(batch.getFeatures(), false).shape());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("options")
  void layersMatchTheSpec(String name, TrainingSpec spec) {
    PreparedData d = TestData.digits();
    var conf = NetworkFactory.configuration(spec, d.shape(), d.classes(), 1);
    long convs =
        conf.getConfs().stream()
            .filter(
                c ->
                    c.getLayer() instanceof ConvolutionLayer
                        && !(c.getLayer() instanceof SubsamplingLayer))
            .count();
    long pools =
        conf.getConfs().stream().filter(c -> c.getLayer() instanceof SubsamplingLayer).count();
    long bns =
        conf.getConfs().stream().filter(c -> c.getLayer() instanceof BatchNormalization).count();
    long gaps =
        conf.getConfs().stream().filter(c -> c.getLayer() instanceof GlobalPoolingLayer).count();
    if (spec.network() instanceof CnnSpec cnn) {
      assertEquals(cnn.convs().size(), convs, name);
      long wanted = cnn.convs().stream().filter(ConvLayerSpec::pool).count();
      // 8x8 halves to 1x1 after three pools; a fourth would empty the map and is skipped.
      assertEquals(Math.min(wanted, 3), pools, name);
      assertEquals(cnn.globalAvgPool() ? 1 : 0, gaps, name);
      assertEquals(
          cnn.batchNorm() ? cnn.convs().size() + (cnn.fcWidth() > 0 ? 1 : 0) : 0, bns, name);
    } else {
      MlpSpec mlp = (MlpSpec) spec.network();
      assertEquals(0, convs + pools + gaps, name);
      assertEquals(mlp.batchNorm() ? mlp.widths().size() : 0, bns, name);
    }
  }
}
