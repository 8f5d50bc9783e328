package dev.rung.study;

/** Wraps a checked exception thrown by an objective that was not among the caught types. */
public class ObjectiveException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public ObjectiveException(Throwable cause) {
    super("the objective threw " + cause, cause);
  }
}
