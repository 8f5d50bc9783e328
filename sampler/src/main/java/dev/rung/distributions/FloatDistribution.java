package dev.rung.distributions;

/**
 * A real-valued parameter in {@code [low, high]}, uniform, log-uniform or on a grid of {@code
 * step}.
 *
 * @param low the smallest value
 * @param high the largest value (a multiple of {@code step} above {@code low} when stepped)
 * @param log whether the parameter is searched on a log scale ({@code low > 0})
 * @param step the grid spacing, or 0 for a continuous parameter
 */
public record FloatDistribution(double low, double high, boolean log, double step)
    implements Distribution {

  private static final System.Logger LOG = System.getLogger(FloatDistribution.class.getName());

  /** Validates the range; a stepped range whose high is off the grid is rounded down. */
  public FloatDistribution {
    if (!Double.isFinite(low) || !Double.isFinite(high)) {
      throw new IllegalArgumentException(
          "float range [" + low + ", " + high + "]: low and high must be finite numbers");
    }
    if (low > high) {
      throw new IllegalArgumentException(
          "float range [" + low + ", " + high + "] is inverted: low must be <= high");
    }
    if (Double.isInfinite(high - low)) {
      // Samplers draw low + u * (high - low): an infinite width gives infinite values.
      throw new IllegalArgumentException(
          "float range ["
              + low
              + ", "
              + high
              + "] is too wide: high - low must be a finite number (at most "
              + Double.MAX_VALUE
              + ")");
    }
    if (step < 0 || Double.isNaN(step) || Double.isInfinite(step)) {
      throw new IllegalArgumentException(
          "float step " + step + " is not allowed: step must be a positive number (or absent)");
    }
    if (log && step != 0) {
      throw new IllegalArgumentException(
          "float range ["
              + low
              + ", "
              + high
              + "] has both log=true and step="
              + step
              + ": a log-scale parameter cannot have a step; use one or the other");
    }
    if (log && low <= 0) {
      throw new IllegalArgumentException(
          "float range [" + low + ", " + high + "] is log-scale: low must be > 0, got " + low);
    }
    if (step > 0) {
      double adjusted = adjustHigh(low, high, step);
      if (adjusted != high) {
        LOG.log(
            System.Logger.Level.WARNING,
            "float range [{0}, {1}] with step {2}: high is not on the step grid, using high = {3}",
            low,
            high,
            step,
            adjusted);
        high = adjusted;
      }
    }
  }

  /** A continuous uniform range. */
  public static FloatDistribution uniform(double low, double high) {
    return new FloatDistribution(low, high, false, 0);
  }

  /** A continuous log-uniform range. */
  public static FloatDistribution logUniform(double low, double high) {
    return new FloatDistribution(low, high, true, 0);
  }

  /** A range on the grid {@code low, low + step, ...}. */
  public static FloatDistribution stepped(double low, double high, double step) {
    if (step <= 0) {
      throw new IllegalArgumentException(
          "float step " + step + " is not allowed: step must be > 0");
    }
    return new FloatDistribution(low, high, false, step);
  }

  /** Whether the range is on a grid. */
  public boolean hasStep() {
    return step > 0;
  }

  private static double adjustHigh(double low, double high, double step) {
    double n = Math.floor((high - low) / step + 1e-9);
    double adjusted = low + n * step;
    // Keep the user's high when it is on the grid up to rounding.
    return Math.abs(adjusted - high) <= 1e-9 * Math.max(1, Math.abs(high)) ? high : adjusted;
  }

  @Override
  public double toInternal(Object value) {
    if (value instanceof Number n) {
      return n.doubleValue();
    }
    throw new IllegalArgumentException(
        "value " + value + " is not a number, expected a float in " + describe());
  }

  @Override
  public Object toExternal(double internal) {
    return internal;
  }

  @Override
  public boolean contains(double v) {
    if (!(v >= low && v <= high)) {
      return false;
    }
    if (step > 0) {
      double k = (v - low) / step;
      return Math.abs(k - Math.rint(k)) < 1e-8 * Math.max(1, Math.abs(k));
    }
    return true;
  }

  @Override
  public boolean isSingle() {
    return low == high || (step > 0 && high - low < step);
  }

  @Override
  public String describe() {
    return "float["
        + low
        + ", "
        + high
        + "]"
        + (log ? " log" : "")
        + (step > 0 ? " step " + step : "");
  }
}
