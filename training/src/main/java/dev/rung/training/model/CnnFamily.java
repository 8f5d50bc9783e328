package dev.rung.training.model;

import static dev.rung.training.model.ParamNames.ACTIVATION;
import static dev.rung.training.model.ParamNames.BATCH_NORM;
import static dev.rung.training.model.ParamNames.CNN_LAYERS;
import static dev.rung.training.model.ParamNames.CONV_CHANNELS;
import static dev.rung.training.model.ParamNames.CONV_KERNEL;
import static dev.rung.training.model.ParamNames.CONV_POOL;
import static dev.rung.training.model.ParamNames.DROPOUT;
import static dev.rung.training.model.ParamNames.FC_WIDTH;
import static dev.rung.training.model.ParamNames.GLOBAL_POOL;
import static dev.rung.training.model.ParamNames.convChannels;
import static dev.rung.training.model.ParamNames.convKernel;
import static dev.rung.training.model.ParamNames.convPool;

import dev.rung.training.data.InputShape;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.GlobalPoolingLayer;
import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.nd4j.linalg.activations.Activation;

/**
 * Convolutional networks ({@link CnnSpec}) for image examples: {@code cnn_layers} convolution
 * blocks (default 2) of {@code conv_{i}_channels} (32), {@code conv_{i}_kernel} (3) and 2x2 max
 * pooling ({@code conv_{i}_pool}, on), then global average pooling or flattening ({@code
 * global_pool}) and a dense layer of {@code fc_width} (128; 0 for none).
 */
public final class CnnFamily implements NetworkFamily {
  private static final System.Logger LOG = System.getLogger(CnnFamily.class.getName());

  @Override
  public String name() {
    return "cnn";
  }

  @Override
  public Map<String, Accepts> params() {
    Map<String, Accepts> out = new LinkedHashMap<>();
    out.put(CNN_LAYERS, Accepts.atLeast(1));
    out.put(CONV_CHANNELS, Accepts.atLeast(1));
    out.put(CONV_KERNEL, Accepts.oneOf(List.of(3, 5, 7)));
    out.put(CONV_POOL, Accepts.flag());
    out.put(GLOBAL_POOL, Accepts.flag());
    out.put(FC_WIDTH, Accepts.atLeast(0));
    return out;
  }

  @Override
  public Set<String> sharedParams() {
    return Set.of(ACTIVATION, DROPOUT, BATCH_NORM);
  }

  @Override
  public NetworkSpec spec(TrainingSpecs.Reader r) {
    int layers = r.integer(CNN_LAYERS, r.countIndexed("conv_%d_channels", 2));
    List<ConvLayerSpec> convs = new ArrayList<>();
    for (int i = 0; i < layers; i++) {
      convs.add(
          new ConvLayerSpec(
              r.integer(convChannels(i), 32),
              r.integer(convKernel(i), 3),
              r.bool(convPool(i), true)));
    }
    return new CnnSpec(
        convs,
        ActivationKind.parse(r.string(ACTIVATION, "relu")),
        r.bool(BATCH_NORM, false),
        r.bool(GLOBAL_POOL, false),
        r.integer(FC_WIDTH, 128),
        r.real(DROPOUT, 0));
  }

  @Override
  public void addLayers(
      NeuralNetConfiguration.ListBuilder list, NetworkSpec spec, InputShape input) {
    CnnSpec cnn = (CnnSpec) spec;
    if (!input.isImage()) {
      throw new IllegalArgumentException(
          "model cnn needs image examples (channels x height x width), but the data has plain"
              + " vectors of "
              + input.features()
              + " features: set the data's image shape or use model mlp");
    }
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
      NetworkFactory.addDense(
          list, cnn.fcWidth(), cnn.activation(), cnn.dropout(), cnn.batchNorm());
    }
    list.setInputType(InputType.convolutionalFlat(input.height(), input.width(), input.channels()));
  }
}
