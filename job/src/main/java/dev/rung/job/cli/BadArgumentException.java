package dev.rung.job.cli;

/**
 * An argument that a command cannot use (an output that is not a sweep's, a query that cannot run,
 * a column that does not exist): its message names the argument, the value and what is allowed.
 * {@link Main} prints it and exits with {@link Main#INVALID}.
 */
final class BadArgumentException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  BadArgumentException(String message) {
    super(message);
  }
}
