package dev.rung.training.model;

import java.util.List;

/**
 * A multi-layer perceptron: dense hidden layers of the given widths, then a softmax output.
 *
 * @param widths the hidden layers' widths, input side first (may be empty: a linear model)
 * @param activation the hidden activation
 * @param dropout dropout rate on each dense layer's input, in [0, 1)
 * @param batchNorm batch normalization after each hidden layer (before its activation)
 */
public record MlpSpec(
    List<Integer> widths, ActivationKind activation, double dropout, boolean batchNorm)
    implements NetworkSpec {
  public MlpSpec {
    widths = List.copyOf(widths);
    for (int i = 0; i < widths.size(); i++) {
      if (widths.get(i) < 1) {
        throw new IllegalArgumentException(
            "mlp_" + i + "_width " + widths.get(i) + " is not allowed: must be >= 1");
      }
    }
    if (activation == null) {
      throw new IllegalArgumentException("activation is required");
    }
    NetworkSpec.checkDropout(dropout);
  }

  /** ReLU layers of the given widths, without dropout or batch norm. */
  public static MlpSpec of(Integer... widths) {
    return new MlpSpec(List.of(widths), ActivationKind.RELU, 0, false);
  }

  @Override
  public String family() {
    return "mlp";
  }

  @Override
  public double outputDropout() {
    return widths.isEmpty() ? 0 : dropout;
  }
}
