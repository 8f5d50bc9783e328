package dev.rung.job.exec;

import dev.rung.training.loop.EpochMetrics;
import java.io.Serializable;
import java.util.List;
import java.util.Map;

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
 * @param objectives the study's metrics measured when the segment ended (all of them when it ended
 *     a trial: e.g. val_accuracy and latency_ms for a multi-objective study)
 * @param backend what trained the segment on the executor (for the built-in networks the ND4J build
 *     and BLAS, {@link dev.rung.training.device.Backend#describe()}; else the trainer class), or
 *     null when no runner reported it
 */
public record SegmentResult(
    String segmentId,
    int trial,
    ExecutorOutcome outcome,
    String reason,
    List<EpochMetrics> epochs,
    String executorId,
    String host,
    String gpu,
    int attempt,
    long startMillis,
    long endMillis,
    Map<String, Double> objectives,
    String backend)
    implements Serializable {
  private static final long serialVersionUID = 1L;

  public SegmentResult {
    epochs = List.copyOf(epochs);
    objectives = Map.copyOf(objectives);
  }

  /** A result whose backend no runner reported. */
  public SegmentResult(
      String segmentId,
      int trial,
      ExecutorOutcome outcome,
      String reason,
      List<EpochMetrics> epochs,
      String executorId,
      String host,
      String gpu,
      int attempt,
      long startMillis,
      long endMillis,
      Map<String, Double> objectives) {
    this(
        segmentId,
        trial,
        outcome,
        reason,
        epochs,
        executorId,
        host,
        gpu,
        attempt,
        startMillis,
        endMillis,
        objectives,
        null);
  }

  /** The same result, trained by {@code newBackend}. */
  public SegmentResult withBackend(String newBackend) {
    return with(reason, epochs, newBackend);
  }

  /** The same result with another reason. */
  public SegmentResult withReason(String newReason) {
    return with(newReason, epochs, backend);
  }

  /** The same result without its epochs (a failed try whose epochs its retry trains again). */
  public SegmentResult withoutEpochs() {
    return with(reason, List.of(), backend);
  }

  private SegmentResult with(String newReason, List<EpochMetrics> newEpochs, String newBackend) {
    return new SegmentResult(
        segmentId,
        trial,
        outcome,
        newReason,
        newEpochs,
        executorId,
        host,
        gpu,
        attempt,
        startMillis,
        endMillis,
        objectives,
        newBackend);
  }

  /** The result of {@code task}, run where {@code placement} says, ending now. */
  public static SegmentResult of(
      SegmentTask task,
      TaskPlacement placement,
      ExecutorOutcome outcome,
      String reason,
      List<EpochMetrics> epochs,
      long startMillis,
      Map<String, Double> objectives) {
    return new SegmentResult(
        task.segmentId(),
        task.trial(),
        outcome,
        reason,
        epochs,
        placement.executorId(),
        placement.host(),
        placement.gpu(),
        placement.attempt(),
        startMillis,
        System.currentTimeMillis(),
        objectives);
  }
}
