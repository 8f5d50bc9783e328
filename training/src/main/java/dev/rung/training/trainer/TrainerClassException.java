package dev.rung.training.trainer;

/** A trainer class that cannot be used: missing, of the wrong type, or not instantiable. */
public final class TrainerClassException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  public TrainerClassException(String message) {
    super(message);
  }
}
