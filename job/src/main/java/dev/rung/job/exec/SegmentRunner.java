package dev.rung.job.exec;

import java.io.Serializable;

/**
 * Runs segments on an executor. The driver ships one runner (with everything it needs: the model,
 * the data, the metric) inside each Spark task.
 *
 * @apiNote A runner never throws for a trial's own failure: it returns a FAILED result with the
 *     reason, so that Spark does not retry a trial that would fail again. Exceptions are kept for
 *     what a retry can cure (a lost file system, a dying executor).
 */
public interface SegmentRunner extends Serializable {
  SegmentResult run(SegmentTask task, TaskPlacement placement);
}
