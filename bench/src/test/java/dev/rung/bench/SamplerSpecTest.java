package dev.rung.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** A bench sampler spec's values: a boolean or a choice that is not one is named, not ignored. */
class SamplerSpecTest {
  @Test
  void aBooleanOptionTakesOnlyTrueOrFalse() {
    // Before, anything but "true" read as false: liar=no turned the liar off without a word.
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class, () -> SamplerSpec.parse("tpe-mv:liar=no").apply(1));
    assertEquals("sampler option liar is 'no': expected true or false", e.getMessage());
    assertTrue(
        SamplerSpec.parse("tpe-mv:liar=false").apply(1).toString().contains("constantLiar=false"));
    assertTrue(
        SamplerSpec.parse("tpe-mv:liar=true").apply(1).toString().contains("constantLiar=true"));
  }

  @Test
  void anUnknownWeightsFunctionIsNamed() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class, () -> SamplerSpec.parse("tpe:weights=flat").apply(1));
    assertEquals("sampler option weights is 'flat': expected uniform or optuna", e.getMessage());
  }
}
