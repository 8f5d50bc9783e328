package dev.rung.training.model;

import dev.rung.distributions.CategoricalDistribution;
import dev.rung.distributions.Distribution;
import dev.rung.distributions.FloatDistribution;
import dev.rung.distributions.IntDistribution;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The values a parameter of a built-in network accepts: numbers in a range, one of a few values, or
 * a flag. {@link #problem} checks every value a search-space distribution can take against them.
 */
public sealed interface Accepts {

  /** Whether the network accepts {@code value}. */
  boolean accepts(Object value);

  /** The accepted values, for messages: "a number in [0, 1)", "one of [3, 5, 7]". */
  String describe();

  /** Whether a continuous range can hold only accepted values (no whole-number or choice rule). */
  boolean allowsFloats();

  /**
   * A value of {@code distribution} that parameter {@code name} does not accept, or a type it
   * cannot read, as a message naming the value and what is allowed; empty when all is well.
   */
  default Optional<String> problem(String name, Distribution distribution) {
    String allowed = name + " must be " + describe();
    if (distribution instanceof FloatDistribution f) {
      if (!allowsFloats()) {
        return Optional.of(
            "is a float range, but "
                + allowed
                + ": use "
                + (this instanceof Range ? "type = int" : "type = categorical"));
      }
      return refused("low = ", f.low(), allowed).or(() -> refused("high = ", f.high(), allowed));
    }
    if (distribution instanceof IntDistribution i) {
      // A range's ends decide for numbers; a few values or a flag need each value checked, and
      // a range of more values than they hold has a refused value among its first ones.
      if (this instanceof Range) {
        return refused("low = ", i.low(), allowed).or(() -> refused("high = ", i.high(), allowed));
      }
      for (long v = i.low(); v <= i.high(); v += i.step()) {
        Optional<String> p = refused("value ", (int) v, allowed + " (" + i.describe() + ")");
        if (p.isPresent()) {
          return p;
        }
      }
      return Optional.empty();
    }
    for (Object choice : ((CategoricalDistribution) distribution).choices()) {
      Optional<String> p = refused("choice ", choice, allowed);
      if (p.isPresent()) {
        return p;
      }
    }
    return Optional.empty();
  }

  private Optional<String> refused(String what, Object value, String allowed) {
    return accepts(value)
        ? Optional.empty()
        : Optional.of(what + value + " is not allowed: " + allowed);
  }

  /** Numbers from {@code low} to {@code high}, each end open or closed, whole numbers or any. */
  static Range number(double low, boolean lowOpen, double high, boolean highOpen) {
    return new Range(low, lowOpen, high, highOpen, false);
  }

  /** Whole numbers of at least {@code low}. */
  static Range atLeast(int low) {
    return new Range(low, false, Double.POSITIVE_INFINITY, true, true);
  }

  /** One of {@code values}: names (any case, '-' for '_') or numbers. */
  static OneOf oneOf(List<?> values) {
    return new OneOf(List.copyOf(values));
  }

  /** True or false (also yes/no, on/off, 1/0, as {@link TrainingSpecs} reads them). */
  static OneOf flag() {
    return new OneOf(List.of(true, false));
  }

  /** A number in a range. */
  record Range(double low, boolean lowOpen, double high, boolean highOpen, boolean whole)
      implements Accepts {
    @Override
    public boolean accepts(Object value) {
      double v;
      if (value instanceof Number n) {
        v = n.doubleValue();
      } else if (value instanceof String s) {
        try {
          v = Double.parseDouble(s.trim());
        } catch (NumberFormatException e) {
          return false;
        }
      } else {
        return false;
      }
      return Double.isFinite(v)
          && (!whole || v == Math.rint(v))
          && (lowOpen ? v > low : v >= low)
          && (highOpen ? v < high : v <= high);
    }

    @Override
    public String describe() {
      String kind = whole ? "a whole number" : "a number";
      if (Double.isInfinite(high)) {
        return kind + (lowOpen ? " > " : " >= ") + number(low);
      }
      return kind
          + " in "
          + (lowOpen ? "(" : "[")
          + number(low)
          + ", "
          + number(high)
          + (highOpen ? ")" : "]");
    }

    @Override
    public boolean allowsFloats() {
      return !whole;
    }

    private static String number(double v) {
      return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
    }
  }

  /** One of a few values. */
  record OneOf(List<Object> values) implements Accepts {
    @Override
    public boolean accepts(Object value) {
      return values.stream().anyMatch(v -> same(v, value));
    }

    @Override
    public String describe() {
      return values.equals(List.of(true, false)) ? "true or false" : "one of " + values;
    }

    @Override
    public boolean allowsFloats() {
      return false;
    }

    private static boolean same(Object allowed, Object value) {
      if (allowed instanceof Boolean b) {
        String s = String.valueOf(value).trim().toLowerCase(Locale.ROOT);
        return b
            ? List.of("true", "yes", "on", "1").contains(s)
            : List.of("false", "no", "off", "0").contains(s);
      }
      if (allowed instanceof Number n) {
        return new Range(n.doubleValue(), false, n.doubleValue(), false, false).accepts(value);
      }
      return value instanceof String s && normalized(s).equals(normalized(allowed.toString()));
    }

    private static String normalized(String name) {
      return name.trim().toLowerCase(Locale.ROOT).replace('-', '_');
    }
  }
}
