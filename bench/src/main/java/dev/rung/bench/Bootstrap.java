package dev.rung.bench;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Percentile-bootstrap intervals over a benchmark's seeds: {@link #RESAMPLES} resamples drawn from
 * a fixed seed, so that the same runs always print the same interval.
 */
public final class Bootstrap {
  /** Resamples per interval. */
  public static final int RESAMPLES = 2000;

  private Bootstrap() {}

  /** The source of the resamples' picks. */
  public static SplittableRandom picks() {
    return new SplittableRandom(20261207L);
  }

  /** The 5th and 95th percentiles of the statistic's {@code values} over the resamples. */
  public static double[] interval90(double[] values) {
    double[] v = values.clone();
    Arrays.sort(v);
    int last = v.length - 1;
    return new double[] {v[(int) Math.floor(0.05 * last)], v[(int) Math.ceil(0.95 * last)]};
  }
}
