package dev.rung.job.exec;

import java.io.Serializable;
import java.util.Map;

/**
 * What an executor needs to apply median (percentile) pruning inside a segment without asking the
 * driver: for each step, the value a trial must reach to go on. Computed by the driver from the
 * COMPLETE trials when the segment is sent.
 *
 * @param thresholds for each step, the percentile of completed trials' values at that step
 * @param maximize whether larger values are better
 * @param warmupSteps no pruning before this step
 * @param intervalSteps prune only at steps {@code warmup + k * interval}
 */
public record PruningStats(
    Map<Integer, Double> thresholds, boolean maximize, int warmupSteps, int intervalSteps)
    implements Serializable {
  private static final long serialVersionUID = 1L;

  public PruningStats {
    thresholds = Map.copyOf(thresholds);
    if (intervalSteps < 1) {
      throw new IllegalArgumentException("interval steps must be >= 1, got " + intervalSteps);
    }
  }

  /**
   * Whether a trial whose best value so far is {@code best} should stop at {@code step}: only at a
   * checked step that has a threshold, and when {@code best} is worse than it (or NaN).
   */
  public boolean prune(int step, double best) {
    if (step < warmupSteps || (step - warmupSteps) % intervalSteps != 0) {
      return false;
    }
    Double threshold = thresholds.get(step);
    if (threshold == null) {
      return false;
    }
    if (Double.isNaN(best)) {
      return true;
    }
    return maximize ? best < threshold : best > threshold;
  }
}
