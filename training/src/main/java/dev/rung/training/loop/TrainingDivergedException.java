package dev.rung.training.loop;

/** The training loss became NaN or infinite: the trial fails, the study goes on. */
public class TrainingDivergedException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public TrainingDivergedException(String message) {
    super(message);
  }
}
