package dev.rung.distributions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class DistributionValidationTest {

  private static String error(Runnable r) {
    return assertThrows(IllegalArgumentException.class, r::run).getMessage();
  }

  @Test
  void invertedFloatRangeNamesBothBounds() {
    assertEquals(
        "float range [1.0, 0.5] is inverted: low must be <= high",
        error(() -> FloatDistribution.uniform(1.0, 0.5)));
  }

  @Test
  void logFloatNeedsPositiveLow() {
    assertEquals(
        "float range [0.0, 1.0] is log-scale: low must be > 0, got 0.0",
        error(() -> FloatDistribution.logUniform(0.0, 1.0)));
  }

  @Test
  void logAndStepTogetherAreRejected() {
    assertTrue(
        error(() -> new FloatDistribution(0.1, 1, true, 0.1)).contains("cannot have a step"));
    assertTrue(error(() -> new IntDistribution(1, 10, true, 2)).contains("must have step 1"));
  }

  @Test
  void nonPositiveStepIsRejected() {
    assertTrue(error(() -> FloatDistribution.stepped(0, 1, 0)).contains("step must be > 0"));
    assertTrue(error(() -> FloatDistribution.stepped(0, 1, -0.5)).contains("must be > 0"));
    assertTrue(error(() -> IntDistribution.stepped(0, 10, 0)).contains("step must be >= 1"));
  }

  @Test
  void nonFiniteBoundsAreRejected() {
    assertTrue(error(() -> FloatDistribution.uniform(Double.NaN, 1)).contains("finite"));
    assertTrue(
        error(() -> FloatDistribution.uniform(0, Double.POSITIVE_INFINITY)).contains("finite"));
  }

  @Test
  void aRangeWhoseWidthOverflowsIsRejected() {
    assertEquals(
        "float range [-1.0E308, 1.0E308] is too wide: high - low must be a finite number (at most "
            + Double.MAX_VALUE
            + ")",
        error(() -> FloatDistribution.uniform(-1e308, 1e308)));
    assertTrue(
        error(() -> FloatDistribution.stepped(-Double.MAX_VALUE, Double.MAX_VALUE, 1e300))
            .contains("too wide"));
    FloatDistribution widest =
        FloatDistribution.uniform(-Double.MAX_VALUE / 2, Double.MAX_VALUE / 2);
    assertTrue(Double.isFinite(widest.high() - widest.low()));
  }

  @Test
  void logIntNeedsLowAtLeastOne() {
    assertEquals(
        "int range [0, 8] is log-scale: low must be >= 1, got 0",
        error(() -> IntDistribution.logScale(0, 8)));
  }

  @Test
  void stepThatDoesNotDivideTheRangeRoundsHighDown() {
    FloatDistribution f = FloatDistribution.stepped(0, 1, 0.3);
    assertEquals(0.9, f.high(), 1e-12);
    IntDistribution i = IntDistribution.stepped(16, 100, 16);
    assertEquals(96, i.high());
    // A high on the grid up to rounding stays as given.
    assertEquals(1.0, FloatDistribution.stepped(0, 1, 0.1).high());
  }

  @Test
  void emptyOrDuplicateCategoricalChoicesAreRejected() {
    assertEquals(
        "categorical choices are empty: give at least one choice",
        error(() -> new CategoricalDistribution(List.of())));
    assertTrue(error(() -> CategoricalDistribution.of("a", "b", "a")).contains("twice"));
    assertTrue(
        error(() -> CategoricalDistribution.of("a", new Object()))
            .contains("must be strings, numbers, booleans"));
  }

  @Test
  void internalRepresentationRoundTrips() {
    CategoricalDistribution c = CategoricalDistribution.of("adam", 3, true, 0.5);
    for (Object choice : c.choices()) {
      assertEquals(choice, c.toExternal(c.toInternal(choice)));
    }
    assertEquals(1.0, c.toInternal(3.0), "3 and 3.0 name the same numeric choice");
    IntDistribution i = IntDistribution.stepped(2, 10, 2);
    assertEquals(6, i.toExternal(i.toInternal(6)));
    assertTrue(i.contains(6));
    assertFalse(i.contains(5));
    assertFalse(i.contains(12));
    FloatDistribution f = FloatDistribution.stepped(0, 1, 0.25);
    assertTrue(f.contains(0.75));
    assertFalse(f.contains(0.7));
  }

  @Test
  void wrongValueTypesAreRejectedWithTheRange() {
    assertEquals(
        "value 2.5 is not an integer, expected an int in int[0, 10]",
        error(() -> IntDistribution.of(0, 10).toInternal(2.5)));
    assertEquals(
        "value sgd is not one of the choices [adam, rmsprop]",
        error(() -> CategoricalDistribution.of("adam", "rmsprop").toInternal("sgd")));
  }

  @Test
  void compatibilityIsKindScaleAndChoices() {
    assertTrue(FloatDistribution.uniform(0, 1).compatibleWith(FloatDistribution.uniform(0, 5)));
    assertFalse(
        FloatDistribution.uniform(0.1, 1).compatibleWith(FloatDistribution.logUniform(0.1, 1)));
    assertFalse(FloatDistribution.uniform(0, 1).compatibleWith(IntDistribution.of(0, 1)));
    assertFalse(
        CategoricalDistribution.of("a", "b").compatibleWith(CategoricalDistribution.of("a", "c")));
  }
}
