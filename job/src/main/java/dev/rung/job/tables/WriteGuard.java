package dev.rung.job.tables;

/**
 * Checked right before each file an output's tables publish: throws when the writer may no longer
 * write there (it lost the output's lock), so that nothing is published after that.
 */
@FunctionalInterface
public interface WriteGuard {
  /** A guard that always allows (a writer that holds no lock, such as a test or a tool). */
  WriteGuard NONE = () -> {};

  /**
   * Returns normally when the write may go ahead.
   *
   * @throws LockLostException when it may not
   */
  void check();
}
