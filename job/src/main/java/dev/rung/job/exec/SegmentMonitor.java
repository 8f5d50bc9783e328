package dev.rung.job.exec;

import dev.rung.study.FrozenTrial;
import dev.rung.training.loop.EpochMetrics;
import dev.rung.training.loop.TrainingDivergedException;
import java.util.List;

/**
 * What a segment's runner checks after each epoch, whatever trains it: the objective must be a
 * number, the epoch is recorded, and training stops when the segment's pruner (the sweep's, frozen
 * by the driver) stops the trial with the values it has reported, or at the segment's time limit.
 */
final class SegmentMonitor {
  private final SegmentTask task;
  private final long start;
  private final List<EpochMetrics> epochs;
  private FrozenTrial trial;
  private boolean timedOut;

  /**
   * @param start when the segment started, epoch milliseconds
   * @param epochs where recorded epochs go
   */
  SegmentMonitor(SegmentTask task, long start, List<EpochMetrics> epochs) {
    this.task = task;
    this.start = start;
    this.epochs = epochs;
    this.trial = task.trialAtStart();
  }

  /**
   * Records an epoch. After the segment's last epoch, right before its checkpoint is saved, checks
   * the segment's fence.
   *
   * @throws IllegalStateException if it did not report the study's objective
   * @throws TrainingDivergedException if its objective value is NaN or infinite
   * @throws dev.rung.job.tables.LockLostException if the driver that sent the segment lost the
   *     output's lock: nothing more is written for it
   */
  void record(EpochMetrics m) {
    String metric = task.objective();
    Double reported = m.values().get(metric);
    if (reported == null) {
      throw new IllegalStateException(
          "epoch "
              + m.epoch()
              + " reported no '"
              + metric
              + "', the study's objective (it reported "
              + m.values().keySet()
              + ")");
    }
    double v = reported;
    if (Double.isNaN(v) || Double.isInfinite(v)) {
      throw new TrainingDivergedException(metric + " is " + v + " after epoch " + m.step());
    }
    epochs.add(m);
    trial = trial.withIntermediate(m.step(), v);
    if (epochs.size() == task.epochs() && task.fence() != null) {
      task.fence().check();
    }
  }

  /** Whether to stop after the last recorded epoch: out of time, or pruned. */
  boolean shouldStop() {
    if (task.timeLimitMillis() > 0 && System.currentTimeMillis() - start > task.timeLimitMillis()) {
      timedOut = true;
      return true;
    }
    return task.prunes(trial);
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
        : "pruned by the sweep's pruner after epoch " + (task.epochFrom() + epochs.size());
  }
}
