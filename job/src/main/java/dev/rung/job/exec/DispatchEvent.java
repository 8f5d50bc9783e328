package dev.rung.job.exec;

/** What the dispatcher tells the driver. */
public sealed interface DispatchEvent {

  /** A segment's task ended and returned its result (whatever the trial's outcome). */
  record Finished(SegmentResult result) implements DispatchEvent {}

  /** Spark gave up on a segment's task (retries exhausted, or the job was cancelled). */
  record Lost(SegmentTask task, String reason) implements DispatchEvent {}
}
