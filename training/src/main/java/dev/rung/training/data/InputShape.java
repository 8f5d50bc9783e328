package dev.rung.training.data;

/**
 * The shape of one example: {@code features} values, laid out as {@code channels x height x width}
 * (channel-major, row-major inside a channel) when the example is an image.
 *
 * @param channels image channels, or 0 for plain feature vectors
 * @param height image height, or 0
 * @param width image width, or 0
 * @param features values per example
 */
public record InputShape(int channels, int height, int width, int features) {
  public InputShape {
    if (features < 1) {
      throw new IllegalArgumentException("an example needs >= 1 feature, got " + features);
    }
    boolean image = channels > 0 || height > 0 || width > 0;
    if (image && (channels < 1 || height < 1 || width < 1)) {
      throw new IllegalArgumentException(
          "image shape "
              + channels
              + "x"
              + height
              + "x"
              + width
              + ": every dimension must be >= 1");
    }
    if (image && (long) channels * height * width != features) {
      throw new IllegalArgumentException(
          "image shape "
              + channels
              + "x"
              + height
              + "x"
              + width
              + " has "
              + (long) channels * height * width
              + " values but examples have "
              + features
              + " features");
    }
  }

  /** Plain feature vectors of {@code features} values. */
  public static InputShape vector(int features) {
    return new InputShape(0, 0, 0, features);
  }

  /** Images of {@code channels x height x width}. */
  public static InputShape image(int channels, int height, int width) {
    return new InputShape(channels, height, width, channels * height * width);
  }

  /** Whether examples are images (so a CNN and image augmentation apply). */
  public boolean isImage() {
    return channels > 0;
  }

  @Override
  public String toString() {
    return isImage() ? channels + "x" + height + "x" + width : Integer.toString(features);
  }
}
