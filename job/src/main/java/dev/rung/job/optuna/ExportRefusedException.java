package dev.rung.job.optuna;

/**
 * An export that cannot be made: the output is not a readable Rung study, or the target file
 * exists. Nothing was written.
 */
public final class ExportRefusedException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /**
   * @param message what is wrong, in one line
   */
  public ExportRefusedException(String message) {
    super(message);
  }
}
