package dev.rung.space;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rung.distributions.FloatDistribution;
import dev.rung.distributions.IntDistribution;
import org.junit.jupiter.api.Test;

class ParamSpecTest {
  private static final FloatDistribution UNIT = FloatDistribution.uniform(0, 1);

  private static String error(String name) {
    return assertThrows(IllegalArgumentException.class, () -> ParamSpec.of(name, UNIT))
        .getMessage();
  }

  @Test
  void namesOfLettersDigitsAndIndexMarksAreAccepted() {
    assertEquals("lr", ParamSpec.of("lr", UNIT).name());
    assertEquals("conv_{i}_channels", ParamSpec.of("conv_{i}_channels", UNIT).name());
    assertEquals("a.b-c_9{i}", ParamSpec.of("a.b-c_9{i}", UNIT).name());
    assertEquals("x".repeat(100), ParamSpec.of("x".repeat(100), UNIT).name());
  }

  @Test
  void namesWithOtherCharactersAreRefused() {
    for (String bad : new String[] {"", "1lr", "_lr", "l r", "lr{j}", "lr{i", "{i}lr", "lr/x"}) {
      String message = error(bad);
      assertTrue(
          message.contains(bad.isEmpty() ? "needs a name" : "'" + bad + "' is not allowed"),
          bad + ": " + message);
    }
  }

  @Test
  void aVeryLongNameIsRefusedWithItsLengthNotAStackOverflow() {
    // A regular expression with a repeated group overflowed the stack on this name.
    String message = error("a".repeat(2000));
    assertTrue(message.contains("has 2000 characters: at most 100 are allowed"), message);
    assertTrue(message.length() < 200, "the message quotes only the name's start: " + message);
    assertTrue(error("a".repeat(101)).contains("has 101 characters"));
  }

  @Test
  void aLongTemplateIsCheckedLikeAnyName() {
    String name = "w" + "{i}".repeat(33);
    assertEquals(100, name.length());
    assertEquals(name, ParamSpec.of(name, IntDistribution.of(1, 2)).name());
  }

  @Test
  void aTemplateMarksWhereRepeatedCopiesHaveTheirIndex() {
    IntDistribution d = IntDistribution.of(1, 2);
    assertEquals("lr", ParamSpec.of("lr", d).template());
    assertEquals("width_{i}", ParamSpec.of("width", d).per("layers").template());
    assertEquals("conv_{i}_kernel", ParamSpec.of("conv_{i}_kernel", d).per("n").template());
    assertEquals("width_3", ParamSpec.of("width", d).per("layers").nameAt(3));
  }
}
