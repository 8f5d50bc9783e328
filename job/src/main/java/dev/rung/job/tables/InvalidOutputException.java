package dev.rung.job.tables;

/**
 * An output location that a sweep cannot start or continue in: it holds another study, describes
 * the study differently, or its files are damaged or do not agree with each other. Nothing was
 * written to it.
 */
public final class InvalidOutputException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** What a user can do about a damaged or inconsistent output. */
  public static final String WAY_OUT =
      "Nothing was written to it. Restore the missing or damaged files from a backup and run"
          + " again, or give the sweep another output (output=/new/path) to start afresh; the"
          + " tables there stay readable with bin/rung sql. See docs/tables.md, \"Damaged"
          + " outputs\".";

  /**
   * @param output the output location
   * @param problem what is wrong, in one or more sentences
   * @param wayOut what to do about it
   */
  public InvalidOutputException(String output, String problem, String wayOut) {
    super("the output " + output + " cannot be used: " + problem + "\n" + wayOut);
  }
}
