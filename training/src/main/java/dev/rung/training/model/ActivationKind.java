package dev.rung.training.model;

import org.nd4j.linalg.activations.Activation;

/** The hidden-layer activations a search may choose. */
public enum ActivationKind {
  RELU(Activation.RELU),
  TANH(Activation.TANH),
  GELU(Activation.GELU),
  LEAKYRELU(Activation.LEAKYRELU);

  private final Activation dl4j;

  ActivationKind(Activation dl4j) {
    this.dl4j = dl4j;
  }

  /** The DL4J activation. */
  public Activation dl4j() {
    return dl4j;
  }

  /** The name used in parameters ({@code relu}, {@code gelu}, ...). */
  public String paramName() {
    return Choices.name(this);
  }

  /** Parses {@code relu}, {@code tanh}, {@code gelu} or {@code leakyrelu}. */
  public static ActivationKind parse(Object name) {
    return Choices.parse(ActivationKind.class, "activation", name);
  }
}
