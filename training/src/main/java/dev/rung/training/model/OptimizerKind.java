package dev.rung.training.model;

/**
 * The optimizers. {@code ADAMW} is Adam with weight decay decoupled from the gradient (Loshchilov
 * and Hutter, "Decoupled Weight Decay Regularization", ICLR 2019); for the others, weight decay is
 * an L2 penalty added to the gradient. {@code SGD} with momentum uses Nesterov momentum, the only
 * momentum form DL4J offers.
 */
public enum OptimizerKind {
  ADAM,
  ADAMW,
  SGD,
  RMSPROP;

  public String paramName() {
    return Choices.name(this);
  }

  /** Parses {@code adam}, {@code adamw}, {@code sgd} or {@code rmsprop}. */
  public static OptimizerKind parse(Object name) {
    return Choices.parse(OptimizerKind.class, "optimizer", name);
  }
}
