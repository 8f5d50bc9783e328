package dev.rung.job.cli;

/**
 * A query found the tables changing under it: a sweep writing to the output replaced a file the
 * query had listed. Nothing is wrong with the query or the tables; running it again reads the
 * tables as they are then.
 */
final class TablesChangedException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  TablesChangedException(String message, Throwable cause) {
    super(message, cause);
  }
}
