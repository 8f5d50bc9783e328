package dev.rung.job.tables;

/**
 * A driver can no longer prove that it holds the lock of its output: another driver took it over
 * (this one stalled past the lock's timeout), or its lock files were removed. It must write nothing
 * more there.
 */
public final class LockLostException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public LockLostException(String message) {
    super(message);
  }
}
