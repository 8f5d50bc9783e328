package dev.rung.training.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rung.training.data.InputShape;
import dev.rung.training.device.Backend;
import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.layers.convolution.ConvolutionLayer;
import org.deeplearning4j.nn.layers.convolution.subsampling.SubsamplingLayer;
import org.deeplearning4j.nn.layers.mkldnn.MKLDNNBatchNormHelper;
import org.deeplearning4j.nn.layers.mkldnn.MKLDNNConvHelper;
import org.deeplearning4j.nn.layers.mkldnn.MKLDNNSubsamplingHelper;
import org.deeplearning4j.nn.layers.normalization.BatchNormalization;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * DL4J's oneDNN layer helpers against DL4J's own layers, for every layer Rung builds: the same
 * network built with the helpers on and off from the same seed must give the same outputs,
 * gradients and trained parameters, within float32 tolerances. The helpers must also really be in
 * use (a helper that failed and fell back would make the comparison vacuous).
 *
 * <p>Tolerances, stated once: outputs (softmax probabilities) within 1e-5; the gradient and the
 * parameters after five SGD steps within 1e-4 of the largest entry. oneDNN sums in another order
 * than im2col + GEMM, so the last bits of float32 differ; an error in a layer (a wrong padding, a
 * transposed kernel, a wrong batch-norm statistic) gives differences of 1e-2 and more.
 */
class LayerHelpersTest {
  private static final int BATCH = 16;

  /**
   * Plain SGD for the five training steps: it moves each parameter in proportion to its gradient,
   * so float32 differences stay float32-sized. Adam divides by the gradient's running magnitude and
   * turns rounding noise in a near-zero gradient (a unit ReLU leaves at 0) into a step of the
   * learning rate in either direction: with it, a kernel's weights differed by 1.3e-3 of the
   * largest entry on a processor with AVX-512, where oneDNN picks other kernels; with SGD the
   * differences seen there were about 1e-6.
   */
  private static final OptimizerSpec SGD =
      new OptimizerSpec(OptimizerKind.SGD, 0.1, 0, 0, LrSchedule.NONE);

  @AfterEach
  void helpersBackOn() {
    System.setProperty(Backend.HELPERS_DISABLE, "false");
  }

  static Stream<Arguments> cnns() {
    List<Arguments> all = new ArrayList<>();
    for (int kernel : new int[] {3, 5, 7}) {
      for (boolean batchNorm : new boolean[] {false, true}) {
        all.add(
            Arguments.of(
                "kernel " + kernel + (batchNorm ? ", batch norm" : ""),
                new CnnSpec(
                    List.of(new ConvLayerSpec(6, kernel, true), new ConvLayerSpec(8, kernel, true)),
                    ActivationKind.RELU,
                    batchNorm,
                    false,
                    16,
                    0),
                InputShape.image(1, 12, 12)));
      }
    }
    all.add(
        Arguments.of(
            "three channels, unpooled then pooled, global average, dropout",
            new CnnSpec(
                List.of(new ConvLayerSpec(5, 3, false), new ConvLayerSpec(7, 5, true)),
                ActivationKind.TANH,
                true,
                true,
                12,
                0.3),
            InputShape.image(3, 10, 10)));
    all.add(
        Arguments.of(
            "odd feature map (pooling truncates), no dense layer",
            new CnnSpec(
                List.of(new ConvLayerSpec(4, 3, true), new ConvLayerSpec(4, 3, true)),
                ActivationKind.LEAKYRELU,
                false,
                false,
                0,
                0),
            InputShape.image(2, 9, 11)));
    return all.stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cnns")
  void convolutionPoolingAndBatchNormAgreeWithDl4jsOwnLayers(
      String name, CnnSpec cnn, InputShape input) throws Exception {
    assertTrue(Backend.usesOneDnn(), "the build's ND4J has no oneDNN: " + Backend.describe());
    TrainingSpec spec = TrainingSpec.of(cnn, SGD, BATCH);
    MultiLayerNetwork plain = build(spec, input, false);
    MultiLayerNetwork helped = build(spec, input, true);
    assertEquals(plain.params(), helped.params(), "the same seed gives the same start");

    int helpers = 0;
    for (Layer layer : helped.getLayers()) {
      if (layer instanceof ConvolutionLayer) {
        assertTrue(layer.getHelper() instanceof MKLDNNConvHelper, name + ": " + layer);
        helpers++;
      } else if (layer instanceof SubsamplingLayer) {
        assertTrue(layer.getHelper() instanceof MKLDNNSubsamplingHelper, name + ": " + layer);
        helpers++;
      } else if (layer instanceof BatchNormalization) {
        assertTrue(layer.getHelper() instanceof MKLDNNBatchNormHelper, name + ": " + layer);
        helpers++;
      }
    }
    assertTrue(helpers >= 2, name + ": " + helpers + " layers with a helper");
    for (Layer layer : plain.getLayers()) {
      assertNull(layer.getHelper(), name + ": helpers off, but " + layer + " has one");
    }

    compare(name, plain, helped, input);
    for (Layer layer : helped.getLayers()) {
      assertEquals(0, failures(layer), name + ": " + layer + " fell back from its helper");
    }
  }

  @Test
  void denseLayersWithBatchNormAndDropoutAgreeToo() throws Exception {
    TrainingSpec spec =
        TrainingSpec.of(new MlpSpec(List.of(24, 12), ActivationKind.RELU, 0.25, true), SGD, BATCH);
    InputShape input = InputShape.vector(20);
    compare("mlp", build(spec, input, false), build(spec, input, true), input);
  }

  private static MultiLayerNetwork build(TrainingSpec spec, InputShape input, boolean helpers) {
    System.setProperty(Backend.HELPERS_DISABLE, Boolean.toString(!helpers));
    return NetworkFactory.build(spec, input, 3, 41);
  }

  /** Outputs, the gradient, and the parameters after five steps of training on the same data. */
  private static void compare(
      String name, MultiLayerNetwork plain, MultiLayerNetwork helped, InputShape input) {
    Nd4j.getRandom().setSeed(5);
    INDArray x = Nd4j.rand(DataType.FLOAT, BATCH, input.features());
    INDArray y = Nd4j.zeros(DataType.FLOAT, BATCH, 3);
    for (int i = 0; i < BATCH; i++) {
      y.putScalar(i, i % 3, 1);
    }
    assertClose(name + " outputs", plain.output(x), helped.output(x), 1e-5, false);

    plain.setInput(x);
    plain.setLabels(y);
    helped.setInput(x);
    helped.setLabels(y);
    Nd4j.getRandom().setSeed(7);
    plain.computeGradientAndScore();
    Nd4j.getRandom().setSeed(7);
    helped.computeGradientAndScore();
    assertEquals(plain.score(), helped.score(), 1e-5, name + " loss");
    assertClose(
        name + " gradient", plain.gradient().gradient(), helped.gradient().gradient(), 1e-4, true);

    for (int step = 0; step < 5; step++) {
      Nd4j.getRandom().setSeed(100 + step);
      plain.fit(x, y);
      Nd4j.getRandom().setSeed(100 + step);
      helped.fit(x, y);
    }
    for (Map.Entry<String, INDArray> e : plain.paramTable().entrySet()) {
      if (!undetermined(plain, e.getKey())) {
        assertClose(
            name + " " + e.getKey() + " after 5 steps",
            e.getValue(),
            helped.paramTable().get(e.getKey()),
            1e-4,
            true);
      }
    }
    plain.setInput(x);
    helped.setInput(x);
    Nd4j.getRandom().setSeed(9);
    plain.computeGradientAndScore();
    Nd4j.getRandom().setSeed(9);
    helped.computeGradientAndScore();
    assertEquals(plain.score(), helped.score(), 1e-4, name + " loss after 5 steps");
  }

  /**
   * Whether a parameter is left undetermined by the gradient: the bias of a layer that batch norm
   * follows (batch norm subtracts it again, so its true gradient is 0 and only float32 rounding
   * noise moves it, in whatever direction the noise points), and the running mean of that batch
   * norm, which tracks the bias. Neither changes the loss in training, which is compared instead.
   */
  private static boolean undetermined(MultiLayerNetwork net, String key) {
    int layer = Integer.parseInt(key.substring(0, key.indexOf('_')));
    String name = key.substring(key.indexOf('_') + 1);
    Layer[] layers = net.getLayers();
    boolean beforeBatchNorm =
        layer + 1 < layers.length && layers[layer + 1] instanceof BatchNormalization;
    return (name.equals("b") && beforeBatchNorm)
        || (name.equals("mean") && layers[layer] instanceof BatchNormalization);
  }

  private static void assertClose(
      String what, INDArray expected, INDArray actual, double tolerance, boolean relative) {
    double scale = relative ? Math.max(expected.amaxNumber().doubleValue(), 1e-8) : 1;
    double diff = expected.sub(actual).amaxNumber().doubleValue() / scale;
    assertTrue(
        diff <= tolerance,
        what + ": largest difference " + diff + (relative ? " of the largest entry" : ""));
  }

  /** DL4J's count of calls where a layer's helper failed and its own code took over. */
  private static int failures(Layer layer) throws ReflectiveOperationException {
    for (Class<?> c = layer.getClass(); c != Object.class; c = c.getSuperclass()) {
      try {
        Field f = c.getDeclaredField("helperCountFail");
        f.setAccessible(true);
        return f.getInt(layer);
      } catch (NoSuchFieldException e) {
        // declared further up
      }
    }
    return 0;
  }
}
