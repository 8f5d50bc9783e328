package dev.rung.study;

/** The life cycle of a trial. */
public enum TrialState {
  /** Enqueued with fixed parameters, waiting for a worker. */
  WAITING,
  /** Being evaluated. */
  RUNNING,
  /** Finished with its objective value(s). */
  COMPLETE,
  /** Stopped early by a pruner; its value is its last intermediate value. */
  PRUNED,
  /** Failed: an exception, a NaN or a wrong number of values. */
  FAIL;

  /** Whether the trial can no longer change. */
  public boolean isFinished() {
    return this == COMPLETE || this == PRUNED || this == FAIL;
  }
}
