package dev.rung.job.tables;

import java.time.Instant;
import java.util.Objects;

/**
 * One row of the segments table: one run of epochs {@code [epochFrom, epochTo)} of one trial.
 *
 * @param study the study's name
 * @param segmentId the segment's identifier, unique in the study
 * @param trial the trial's number
 * @param rung the rung the segment trains towards
 * @param bracket the Hyperband bracket of the trial
 * @param epochFrom the first epoch trained
 * @param epochTo the epoch after the last one trained (exclusive)
 * @param executorId the Spark executor that ran it, or null
 * @param host the host that ran it, or null
 * @param gpuAddress the GPU it used, or null
 * @param attempt the attempt number (0 for the first)
 * @param start when the segment started
 * @param end when the segment ended
 * @param durationMs the segment's running time in milliseconds
 * @param outcome how it ended
 * @param reason why it ended so (for failures and timeouts), or null
 * @param inputCheckpoint the checkpoint it resumed from, or null for a fresh start
 * @param outputCheckpoint the checkpoint it wrote, or null
 * @param backend what trained it on the executor (the ND4J build and BLAS of the built-in networks,
 *     e.g. {@code CpuBackend, linux-x86_64-onednn, oneDNN on, OpenBLAS 0.3.19}, or the trainer
 *     class), or null when unknown (a segment that never reached an executor, or a table of an
 *     earlier version)
 */
public record SegmentRow(
    String study,
    String segmentId,
    int trial,
    int rung,
    int bracket,
    int epochFrom,
    int epochTo,
    String executorId,
    String host,
    String gpuAddress,
    int attempt,
    Instant start,
    Instant end,
    long durationMs,
    SegmentOutcome outcome,
    String reason,
    String inputCheckpoint,
    String outputCheckpoint,
    String backend) {

  /** Validates the row. */
  public SegmentRow {
    Rows.requireText("study", study);
    Rows.requireText("segment id", segmentId);
    String what = "segment " + segmentId;
    Rows.requireNonNegative("trial number of " + what, trial);
    Rows.requireNonNegative("rung of " + what, rung);
    Rows.requireNonNegative("bracket of " + what, bracket);
    Rows.requireNonNegative("epoch_from of " + what, epochFrom);
    if (epochTo <= epochFrom) {
      throw new IllegalArgumentException(
          what
              + " has epochs ["
              + epochFrom
              + ", "
              + epochTo
              + "): epoch_to (exclusive) must be > epoch_from");
    }
    Rows.requireNonNegative("attempt of " + what, attempt);
    Objects.requireNonNull(start, "start of " + what);
    Objects.requireNonNull(end, "end of " + what);
    Rows.requireOrdered(what, start, end);
    Rows.requireNonNegative("duration of " + what, durationMs);
    Objects.requireNonNull(outcome, "outcome of " + what);
  }
}
