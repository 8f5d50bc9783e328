package dev.rung.training.model;

import org.deeplearning4j.nn.weights.WeightInit;

/** Weight initializations: Glorot (Xavier), He (for ReLU-like activations) and LeCun. */
public enum WeightInitKind {
  XAVIER(WeightInit.XAVIER),
  XAVIER_UNIFORM(WeightInit.XAVIER_UNIFORM),
  HE(WeightInit.RELU),
  HE_UNIFORM(WeightInit.RELU_UNIFORM),
  LECUN_NORMAL(WeightInit.LECUN_NORMAL);

  private final WeightInit dl4j;

  WeightInitKind(WeightInit dl4j) {
    this.dl4j = dl4j;
  }

  public WeightInit dl4j() {
    return dl4j;
  }

  public String paramName() {
    return Choices.name(this);
  }

  /** Parses {@code xavier}, {@code xavier_uniform}, {@code he}, {@code he_uniform}, ... */
  public static WeightInitKind parse(Object name) {
    return Choices.parse(WeightInitKind.class, "weight init", name);
  }
}
