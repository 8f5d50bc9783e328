package dev.rung.study;

/**
 * Thrown from an objective to say the trial was pruned. The study records the trial as {@link
 * TrialState#PRUNED}, with its last intermediate value as its value.
 */
public class TrialPrunedException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public TrialPrunedException() {
    super("trial pruned");
  }

  public TrialPrunedException(String message) {
    super(message);
  }
}
