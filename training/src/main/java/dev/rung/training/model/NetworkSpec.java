package dev.rung.training.model;

/**
 * A network architecture of one of the {@link NetworkFamily families}: the layers before the
 * softmax output.
 */
public interface NetworkSpec {
  /** The name of the family whose networks this describes ({@link NetworkFamily#name()}). */
  String family();

  /**
   * The dropout rate (probability of dropping a unit) on the output layer's input, in [0, 1); 0
   * when the network has no hidden layer.
   */
  double outputDropout();

  /** Checks a dropout rate, naming the parameter. */
  static void checkDropout(double dropout) {
    if (!(dropout >= 0 && dropout < 1)) {
      throw new IllegalArgumentException(
          "dropout " + dropout + " is not allowed: must be in [0, 1)");
    }
  }
}
