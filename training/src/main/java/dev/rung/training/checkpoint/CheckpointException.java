package dev.rung.training.checkpoint;

/** A checkpoint that is missing, truncated or corrupt; the message names its location. */
public class CheckpointException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public CheckpointException(String location, String problem, Throwable cause) {
    super("checkpoint " + location + ": " + problem, cause);
  }
}
