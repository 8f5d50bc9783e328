package dev.rung.study;

/** Whether an objective is to be made small or large. */
public enum Direction {
  MINIMIZE,
  MAXIMIZE;

  /**
   * Whether {@code a} is strictly better than {@code b} in this direction (NaN is never better).
   */
  public boolean better(double a, double b) {
    return this == MINIMIZE ? a < b : a > b;
  }

  /** The value turned into one to minimize: itself, or negated when maximizing. */
  public double toMinimized(double value) {
    return this == MINIMIZE ? value : -value;
  }

  /** Parses {@code minimize}/{@code maximize} in any case, naming the allowed values on error. */
  public static Direction parse(String text) {
    for (Direction d : values()) {
      if (d.name().equalsIgnoreCase(text.trim())) {
        return d;
      }
    }
    throw new IllegalArgumentException(
        "direction '" + text + "' is not allowed: use 'minimize' or 'maximize'");
  }
}
