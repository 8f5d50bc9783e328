package dev.rung.training.model;

/**
 * One convolution block: a same-padded, stride-1 convolution, then optionally 2x2 max pooling.
 *
 * @param channels output channels, &gt;= 1
 * @param kernel the square kernel's size: 3, 5 or 7
 * @param pool whether a 2x2 max pooling of stride 2 follows
 */
public record ConvLayerSpec(int channels, int kernel, boolean pool) {
  public ConvLayerSpec {
    if (channels < 1) {
      throw new IllegalArgumentException(
          "conv channels " + channels + " is not allowed: must be >= 1");
    }
    if (kernel != 3 && kernel != 5 && kernel != 7) {
      throw new IllegalArgumentException(
          "conv kernel " + kernel + " is not allowed: must be 3, 5 or 7");
    }
  }
}
