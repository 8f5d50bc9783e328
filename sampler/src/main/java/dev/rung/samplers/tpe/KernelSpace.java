package dev.rung.samplers.tpe;

import dev.rung.distributions.CategoricalDistribution;
import dev.rung.distributions.Distribution;
import dev.rung.distributions.FloatDistribution;
import dev.rung.distributions.IntDistribution;

/**
 * How one parameter looks to the Parzen estimator: the space its Gaussian kernels live in.
 *
 * <p>Values are the distribution's internal representation (a float, an int, a category index).
 * Numerical kernels work on {@code t(x)}, the value itself or its logarithm on a log scale. A
 * stepped range (every int has a step) is widened by half a step on each side so that each grid
 * point owns the cell {@code [x - step/2, x + step/2]}.
 *
 * @param categories the number of choices of a categorical parameter, 0 for a numerical one
 * @param log whether kernels work on the logarithm of the value
 * @param step the grid spacing of a discrete parameter, 0 for a continuous one
 * @param low the smallest value (untransformed)
 * @param high the largest value (untransformed)
 * @param kernelLow the lower bound of the kernels' range, transformed (and widened when stepped)
 * @param kernelHigh the upper bound of the kernels' range, transformed (and widened when stepped)
 */
public record KernelSpace(
    int categories,
    boolean log,
    double step,
    double low,
    double high,
    double kernelLow,
    double kernelHigh) {

  /** The kernel space of {@code distribution}. */
  public static KernelSpace of(Distribution distribution) {
    if (distribution instanceof CategoricalDistribution c) {
      return new KernelSpace(c.size(), false, 0, 0, c.size() - 1, 0, 0);
    }
    boolean log;
    double step;
    double low;
    double high;
    if (distribution instanceof FloatDistribution f) {
      log = f.log();
      step = f.step();
      low = f.low();
      high = f.high();
    } else {
      IntDistribution i = (IntDistribution) distribution;
      log = i.log();
      step = i.step();
      low = i.low();
      high = i.high();
    }
    double kl = low - step / 2;
    double kh = high + step / 2;
    return new KernelSpace(
        0, log, step, low, high, log ? Math.log(kl) : kl, log ? Math.log(kh) : kh);
  }

  boolean isCategorical() {
    return categories > 0;
  }

  boolean isDiscrete() {
    return step > 0;
  }

  /** The width of the kernels' range. */
  double range() {
    return kernelHigh - kernelLow;
  }

  /** {@code t(x)}: a value in kernel coordinates. */
  public double transform(double x) {
    return log ? Math.log(x) : x;
  }

  /** The value of a kernel-space point: back-transformed, then rounded to the grid and clipped. */
  double untransform(double t) {
    double x = log ? Math.exp(t) : t;
    if (step > 0) {
      x = low + Math.rint((x - low) / step) * step;
    }
    return Math.min(Math.max(x, low), high);
  }

  /** An observed value clipped into the range (enqueued trials may lie outside it). */
  double clip(double x) {
    return Math.min(Math.max(x, low), high);
  }
}
