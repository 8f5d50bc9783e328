package dev.rung.job.exec;

import java.io.Serializable;
import java.util.List;

/**
 * What an executor sends back for one segment.
 *
 * @param segmentId the segment's id
 * @param trial the trial's number
 * @param outcome how the segment ended
 * @param reason why it failed, timed out or was pruned; null when it finished
 * @param epochs the epochs trained, in order (possibly fewer than asked when not FINISHED)
 * @param executorId the Spark executor that ran it
 * @param host the executor's host
 * @param gpu the GPU address the task was given, or null
 * @param attempt the Spark task attempt (0 for the first)
 * @param startMillis start, epoch milliseconds
 * @param endMillis end, epoch milliseconds
 */
public record SegmentResult(
    String segmentId,
    int trial,
    SegmentOutcome outcome,
    String reason,
    List<EpochMetrics> epochs,
    String executorId,
    String host,
    String gpu,
    int attempt,
    long startMillis,
    long endMillis)
    implements Serializable {
  private static final long serialVersionUID = 1L;

  public SegmentResult {
    epochs = List.copyOf(epochs);
  }
}
