package dev.rung.job.exec;

import dev.rung.training.loop.TrainingDivergedException;
import java.util.List;

/**
 * What a segment's runner checks after each epoch, whatever trains it: the objective must be a
 * number, the epoch is recorded, and training stops when the driver's pruning statistics say so or
 * the segment's time limit is reached.
 */
final class SegmentMonitor {
  private final SegmentTask task;
  private final String metric;
  private final boolean higherIsBetter;
  private final long start;
  private final List<EpochMetrics> epochs;
  private double best = Double.NaN;
  private boolean timedOut;

  /**
   * @param metric the objective's name, for messages
   * @param higherIsBetter whether larger objective values are better
   * @param start when the segment started, epoch milliseconds
   * @param epochs where recorded epochs go
   */
  SegmentMonitor(
      SegmentTask task,
      String metric,
      boolean higherIsBetter,
      long start,
      List<EpochMetrics> epochs) {
    this.task = task;
    this.metric = metric;
    this.higherIsBetter = higherIsBetter;
    this.start = start;
    this.epochs = epochs;
  }

  /**
   * Records an epoch.
   *
   * @throws TrainingDivergedException if its objective value is NaN or infinite
   */
  void record(EpochMetrics m) {
    double v = m.value();
    if (Double.isNaN(v) || Double.isInfinite(v)) {
      throw new TrainingDivergedException(metric + " is " + v + " after epoch " + m.step());
    }
    epochs.add(m);
    best = Double.isNaN(best) ? v : higherIsBetter ? Math.max(best, v) : Math.min(best, v);
  }

  /** Whether to stop after the last recorded epoch: out of time, or below the threshold. */
  boolean shouldStop() {
    if (task.timeLimitMillis() > 0 && System.currentTimeMillis() - start > task.timeLimitMillis()) {
      timedOut = true;
      return true;
    }
    EpochMetrics last = epochs.get(epochs.size() - 1);
    return task.pruning() != null && task.pruning().prune(last.step(), best);
  }

  /** Whether {@link #shouldStop} stopped the segment for its time limit. */
  boolean timedOut() {
    return timedOut;
  }

  /** Why a segment that stopped early stopped. */
  String stopReason() {
    return timedOut
        ? "segment time limit of "
            + task.timeLimitMillis()
            + " ms reached after "
            + epochs.size()
            + " epoch(s)"
        : "below the pruning threshold at epoch " + (task.epochFrom() + epochs.size());
  }
}
