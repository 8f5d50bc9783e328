package dev.rung.training.model;

import dev.rung.training.data.InputShape;
import dev.rung.training.device.Backend;
import org.deeplearning4j.nn.conf.CacheMode;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.WorkspaceMode;
import org.deeplearning4j.nn.conf.dropout.Dropout;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.GlobalPoolingLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
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
  private static final System.Logger LOG = System.getLogger(NetworkFactory.class.getName());

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
    if (spec.network() instanceof MlpSpec mlp) {
      addMlp(list, mlp);
      list.setInputType(InputType.feedForward(input.features()));
    } else if (spec.network() instanceof CnnSpec cnn) {
      if (!input.isImage()) {
        throw new IllegalArgumentException(
            "model cnn needs image examples (channels x height x width), but the data has plain"
                + " vectors of "
                + input.features()
                + " features: set the data's image shape or use model mlp");
      }
      addCnn(list, cnn, input);
      list.setInputType(
          InputType.convolutionalFlat(input.height(), input.width(), input.channels()));
    }
    list.layer(
        new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT)
            .nOut(classes)
            .activation(Activation.SOFTMAX)
            .dropOut(dropout(hasHiddenLayer(spec.network()) ? spec.network().dropout() : 0))
            .build());
    return list.build();
  }

  private static void addMlp(NeuralNetConfiguration.ListBuilder list, MlpSpec mlp) {
    for (int i = 0; i < mlp.widths().size(); i++) {
      // Dropout acts on the outputs of hidden layers, so never on the raw input.
      double inputDropout = i == 0 ? 0 : mlp.dropout();
      addDense(list, mlp.widths().get(i), mlp.activation(), inputDropout, mlp.batchNorm());
    }
  }

  private static void addDense(
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

  private static void addCnn(
      NeuralNetConfiguration.ListBuilder list, CnnSpec cnn, InputShape input) {
    int h = input.height();
    int w = input.width();
    for (int i = 0; i < cnn.convs().size(); i++) {
      ConvLayerSpec c = cnn.convs().get(i);
      list.layer(
          new ConvolutionLayer.Builder(c.kernel(), c.kernel())
              .stride(1, 1)
              .convolutionMode(ConvolutionMode.Same)
              .nOut(c.channels())
              .activation(cnn.batchNorm() ? Activation.IDENTITY : cnn.activation().dl4j())
              .build());
      if (cnn.batchNorm()) {
        list.layer(new BatchNormalization.Builder().build());
        list.layer(new ActivationLayer.Builder().activation(cnn.activation().dl4j()).build());
      }
      if (c.pool()) {
        if (h < 2 || w < 2) {
          // The feature map is already 1 pixel high or wide: pooling would empty it.
          LOG.log(
              System.Logger.Level.INFO,
              "conv_{0}_pool skipped: the feature map is only {1}x{2}",
              i,
              h,
              w);
          continue;
        }
        list.layer(
            new SubsamplingLayer.Builder(PoolingType.MAX)
                .kernelSize(2, 2)
                .stride(2, 2)
                .convolutionMode(ConvolutionMode.Truncate)
                .build());
        h /= 2;
        w /= 2;
      }
    }
    if (cnn.globalAvgPool()) {
      list.layer(new GlobalPoolingLayer.Builder(PoolingType.AVG).build());
    }
    if (cnn.fcWidth() > 0) {
      addDense(list, cnn.fcWidth(), cnn.activation(), cnn.dropout(), cnn.batchNorm());
    }
  }

  private static boolean hasHiddenLayer(NetworkSpec network) {
    return !(network instanceof MlpSpec mlp) || !mlp.widths().isEmpty();
  }

  /** DL4J's dropout takes the probability of keeping a unit; null disables it. */
  private static Dropout dropout(double rate) {
    return rate > 0 ? new Dropout(1.0 - rate) : null;
  }
}
