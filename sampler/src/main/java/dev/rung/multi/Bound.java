package dev.rung.multi;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A metric kept at most ({@code <=}) or at least ({@code >=}) a number, as written in a sweep
 * definition: {@code latency_ms <= 5}.
 *
 * @param metric the metric's name
 * @param atMost true for {@code <=}, false for {@code >=}
 * @param bound the bound, a finite number
 */
public record Bound(String metric, boolean atMost, double bound) {
  private static final Pattern FORM =
      Pattern.compile("\\s*([A-Za-z][A-Za-z0-9_]*)\\s*(<=|>=)\\s*(\\S+)\\s*");

  /**
   * Parses {@code <metric> <= <number>} or {@code <metric> >= <number>}.
   *
   * @throws IllegalArgumentException saying what is wrong and what is allowed
   */
  public static Bound parse(String text) {
    Matcher m = FORM.matcher(text);
    if (!m.matches()) {
      throw new IllegalArgumentException(
          "'"
              + text
              + "' is not a bound: expected '<metric> <= <number>' or '<metric> >= <number>',"
              + " e.g. 'latency_ms <= 5'");
    }
    double bound;
    try {
      bound = Double.parseDouble(m.group(3));
    } catch (NumberFormatException e) {
      bound = Double.NaN;
    }
    if (!Double.isFinite(bound)) {
      throw new IllegalArgumentException(
          "'"
              + text
              + "' bounds "
              + m.group(1)
              + " by '"
              + m.group(3)
              + "': expected a finite number");
    }
    return new Bound(m.group(1), m.group(2).equals("<="), bound);
  }

  /** Whether {@code value} is within the bound (NaN never is). */
  public boolean holds(double value) {
    return atMost ? value <= bound : value >= bound;
  }
}
