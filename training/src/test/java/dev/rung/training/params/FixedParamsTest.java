package dev.rung.training.params;

import static org.junit.jupiter.api.Assertions.*;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FixedParamsTest {
  @Test
  void returnsGivenValuesConvertedToTheDistributionsType() {
    FixedParams p = new FixedParams(Map.of("layers", 3L, "lr", 1, "opt", "sgd"));
    assertEquals(3, p.suggestInt("layers", 1, 5));
    assertEquals(1.0, p.suggestFloat("lr", 1e-4, 1.0, true));
    assertEquals("sgd", p.suggestCategorical("opt", List.of("adam", "sgd")));
    assertEquals(java.util.Set.of("layers", "lr", "opt"), p.used());
  }

  @Test
  void missingParameterIsNamed() {
    FixedParams p = FixedParams.of("a", 1);
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> p.suggestInt("width", 1, 8));
    assertTrue(e.getMessage().contains("'width'"), e.getMessage());
    assertTrue(e.getMessage().contains("[a]"), e.getMessage());
  }

  @Test
  void valueOfTheWrongKindIsNamed() {
    FixedParams p = FixedParams.of("opt", "nadam");
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> p.suggestCategorical("opt", List.of("adam", "sgd")));
    assertTrue(e.getMessage().contains("'opt'") && e.getMessage().contains("nadam"));
  }
}
