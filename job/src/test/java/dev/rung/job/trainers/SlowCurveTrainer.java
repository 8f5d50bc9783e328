package dev.rung.job.trainers;

import java.util.Map;

/**
 * {@link CurveTrainer} with epochs that take a while: each sleeps the milliseconds of the system
 * property {@code rung.test.epoch-ms} (0 when unset), for tests that act on a driver in the middle
 * of a sweep.
 */
public class SlowCurveTrainer extends CurveTrainer {
  @Override
  public Map<String, Double> trainEpoch(int epoch) {
    long ms = Long.getLong("rung.test.epoch-ms", 0);
    if (ms > 0) {
      try {
        Thread.sleep(ms);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted in epoch " + epoch, e);
      }
    }
    return super.trainEpoch(epoch);
  }
}
