package dev.rung.distributions;

/**
 * An integer parameter in {@code [low, high]} on the grid {@code low, low + step, ...}, optionally
 * searched on a log scale.
 *
 * @param low the smallest value
 * @param high the largest value (rounded down onto the step grid)
 * @param log whether the parameter is searched on a log scale (needs {@code low >= 1}, step 1)
 * @param step the grid spacing, at least 1
 */
public record IntDistribution(int low, int high, boolean log, int step) implements Distribution {

  private static final System.Logger LOG = System.getLogger(IntDistribution.class.getName());

  /** Validates the range; a high that is off the step grid is rounded down. */
  public IntDistribution {
    if (low > high) {
      throw new IllegalArgumentException(
          "int range [" + low + ", " + high + "] is inverted: low must be <= high");
    }
    if (step < 1) {
      throw new IllegalArgumentException("int step " + step + " is not allowed: step must be >= 1");
    }
    if (log && step != 1) {
      throw new IllegalArgumentException(
          "int range ["
              + low
              + ", "
              + high
              + "] has both log=true and step="
              + step
              + ": a log-scale int must have step 1");
    }
    if (log && low < 1) {
      throw new IllegalArgumentException(
          "int range [" + low + ", " + high + "] is log-scale: low must be >= 1, got " + low);
    }
    long span = (long) high - low;
    if (span % step != 0) {
      int adjusted = (int) (low + span / step * step);
      LOG.log(
          System.Logger.Level.WARNING,
          "int range [{0}, {1}] with step {2}: high is not on the step grid, using high = {3}",
          low,
          high,
          step,
          adjusted);
      high = adjusted;
    }
  }

  /** A linear range with step 1. */
  public static IntDistribution of(int low, int high) {
    return new IntDistribution(low, high, false, 1);
  }

  /** A log-scale range with step 1. */
  public static IntDistribution logScale(int low, int high) {
    return new IntDistribution(low, high, true, 1);
  }

  /** A linear range on a grid of {@code step}. */
  public static IntDistribution stepped(int low, int high, int step) {
    return new IntDistribution(low, high, false, step);
  }

  @Override
  public double toInternal(Object value) {
    if (value instanceof Integer
        || value instanceof Long
        || value instanceof Short
        || value instanceof Byte) {
      return ((Number) value).longValue();
    }
    if (value instanceof Number n && n.doubleValue() == Math.rint(n.doubleValue())) {
      return n.doubleValue();
    }
    throw new IllegalArgumentException(
        "value " + value + " is not an integer, expected an int in " + describe());
  }

  @Override
  public Object toExternal(double internal) {
    return (int) Math.round(internal);
  }

  @Override
  public boolean contains(double v) {
    return v >= low && v <= high && v == Math.rint(v) && ((long) v - low) % step == 0;
  }

  @Override
  public boolean isSingle() {
    return low == high;
  }

  @Override
  public String describe() {
    return "int["
        + low
        + ", "
        + high
        + "]"
        + (log ? " log" : "")
        + (step > 1 ? " step " + step : "");
  }
}
