package dev.rung.distributions;

/**
 * The range a parameter is drawn from.
 *
 * <p>Every distribution maps a parameter's value to one internal {@code double} and back: a float
 * is itself, an int is its value, a categorical choice is its index. Samplers work on the internal
 * representation only.
 *
 * @apiNote Distributions are immutable values; two equal distributions describe the same range.
 */
public sealed interface Distribution
    permits FloatDistribution, IntDistribution, CategoricalDistribution {

  /** The internal representation of {@code value}, which must be of this distribution's type. */
  double toInternal(Object value);

  /** The user-facing value of an internal representation. */
  Object toExternal(double internal);

  /** Whether an internal value lies in this distribution (inside the bounds, on the step grid). */
  boolean contains(double internal);

  /** Whether the distribution has exactly one possible value. */
  boolean isSingle();

  /** A short description such as {@code float[1.0E-5, 0.1] log}, used in error messages. */
  String describe();

  /**
   * Whether a parameter of the same name may use {@code other} in another trial: the same kind and
   * scale, and for categoricals the same choices.
   */
  default boolean compatibleWith(Distribution other) {
    if (this instanceof CategoricalDistribution a && other instanceof CategoricalDistribution b) {
      return a.choices().equals(b.choices());
    }
    if (this instanceof FloatDistribution a && other instanceof FloatDistribution b) {
      return a.log() == b.log();
    }
    if (this instanceof IntDistribution a && other instanceof IntDistribution b) {
      return a.log() == b.log();
    }
    return false;
  }
}
