package dev.rung.job.exec;

/** How a segment ended. */
public enum ExecutorOutcome {
  /** All its epochs were trained and the checkpoint saved. */
  FINISHED,
  /** The sweep's pruner stopped it inside the segment. */
  PRUNED,
  /** The trial failed: an exception, out of memory, a NaN, a bad checkpoint. */
  FAILED,
  /** The segment ran past its time limit and was stopped. */
  TIMEOUT
}
