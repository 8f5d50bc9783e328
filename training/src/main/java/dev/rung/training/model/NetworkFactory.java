package dev.rung.training.model;

import dev.rung.training.data.InputShape;
import dev.rung.training.device.Backend;
import org.deeplearning4j.nn.conf.CacheMode;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.WorkspaceMode;
import org.deeplearning4j.nn.conf.dropout.Dropout;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * Builds a DL4J network from a {@link TrainingSpec}. Inputs are always flat rows of {@code
 * InputShape.features()} values; a CNN reshapes them to {@code channels x height x width} itself.
 * Parameters are float32 and initialized from {@code seed}, so the same spec and seed give the same
 * initial network.
 */
public final class NetworkFactory {

  private NetworkFactory() {}

  /**
   * The initialized network for {@code spec}, {@code input} examples and {@code classes} labels.
   */
  public static MultiLayerNetwork build(
      TrainingSpec spec, InputShape input, int classes, long seed) {
    Backend.enableLayerHelpers();
    MultiLayerNetwork net = new MultiLayerNetwork(configuration(spec, input, classes, seed));
    net.init();
    return net;
  }

  /** The network's configuration. */
  public static MultiLayerConfiguration configuration(
      TrainingSpec spec, InputShape input, int classes, long seed) {
    if (classes < 2) {
      throw new IllegalArgumentException("a classifier needs >= 2 classes, got " + classes);
    }
    NeuralNetConfiguration.Builder b =
        new NeuralNetConfiguration.Builder()
            .seed(seed)
            .dataType(DataType.FLOAT)
            .weightInit(spec.weightInit().dl4j())
            .trainingWorkspaceMode(WorkspaceMode.ENABLED)
            .inferenceWorkspaceMode(WorkspaceMode.ENABLED)
            .cacheMode(CacheMode.NONE);
    spec.optimizer().configure(b);
    NeuralNetConfiguration.ListBuilder list = b.list();
    NetworkFamilies.of(spec.network()).addLayers(list, spec.network(), input);
    list.layer(
        new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT)
            .nOut(classes)
            .activation(Activation.SOFTMAX)
            .dropOut(dropout(spec.network().outputDropout()))
            .build());
    return list.build();
  }

  /**
   * Adds a dense layer of {@code width} units: with batch normalization, the layer is linear and
   * batch norm and the activation follow it; {@code inputDropout} acts on its input.
   */
  static void addDense(
      NeuralNetConfiguration.ListBuilder list,
      int width,
      ActivationKind activation,
      double inputDropout,
      boolean batchNorm) {
    list.layer(
        new DenseLayer.Builder()
            .nOut(width)
            .activation(batchNorm ? Activation.IDENTITY : activation.dl4j())
            .dropOut(dropout(inputDropout))
            .build());
    if (batchNorm) {
      list.layer(new BatchNormalization.Builder().build());
      list.layer(new ActivationLayer.Builder().activation(activation.dl4j()).build());
    }
  }

  /** DL4J's dropout takes the probability of keeping a unit; null disables it. */
  static Dropout dropout(double rate) {
    return rate > 0 ? new Dropout(1.0 - rate) : null;
  }
}
