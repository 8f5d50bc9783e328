package dev.rung.training.model;

/** A network architecture: a multi-layer perceptron or a convolutional network. */
public sealed interface NetworkSpec permits MlpSpec, CnnSpec {
  /** The hidden-layer activation. */
  ActivationKind activation();

  /** The dropout rate (probability of dropping a unit) before dense layers, in [0, 1). */
  double dropout();

  /** Whether hidden layers are followed by batch normalization. */
  boolean batchNorm();

  /** Checks a dropout rate, naming the parameter. */
  static void checkDropout(double dropout) {
    if (!(dropout >= 0 && dropout < 1)) {
      throw new IllegalArgumentException(
          "dropout " + dropout + " is not allowed: must be in [0, 1)");
    }
  }
}
