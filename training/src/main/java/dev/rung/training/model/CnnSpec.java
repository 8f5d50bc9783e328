package dev.rung.training.model;

import java.util.List;

/**
 * A convolutional network: convolution blocks, then global average pooling (or flattening), a dense
 * layer and a softmax output.
 *
 * @param convs the convolution blocks, input side first (at least one)
 * @param activation the activation of every hidden layer
 * @param batchNorm batch normalization after each convolution and the dense layer
 * @param globalAvgPool average each channel over space instead of flattening
 * @param fcWidth the dense layer's width; 0 for none
 * @param dropout dropout rate on the dense layers' inputs, in [0, 1)
 */
public record CnnSpec(
    List<ConvLayerSpec> convs,
    ActivationKind activation,
    boolean batchNorm,
    boolean globalAvgPool,
    int fcWidth,
    double dropout)
    implements NetworkSpec {
  public CnnSpec {
    convs = List.copyOf(convs);
    if (convs.isEmpty()) {
      throw new IllegalArgumentException(
          "cnn_layers 0 is not allowed: a CNN needs >= 1 conv layer");
    }
    if (activation == null) {
      throw new IllegalArgumentException("activation is required");
    }
    if (fcWidth < 0) {
      throw new IllegalArgumentException("fc_width " + fcWidth + " is not allowed: must be >= 0");
    }
    NetworkSpec.checkDropout(dropout);
  }

  @Override
  public String family() {
    return "cnn";
  }

  @Override
  public double outputDropout() {
    return dropout;
  }
}
