package dev.rung.training.space;

import static dev.rung.training.space.ParamEntry.*;
import static org.junit.jupiter.api.Assertions.*;

import dev.rung.study.Study;
import dev.rung.study.Trial;
import dev.rung.training.TestData;
import dev.rung.training.params.FixedParams;
import dev.rung.training.params.TrialParams;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SearchSpaceSpecTest {
  private static final SearchSpaceSpec SPACE =
      SearchSpaceSpec.of(
          categorical("optimizer", "adam", "sgd"),
          floatParam("lr", 1e-4, 1e-1, true),
          floatParam("momentum", 0.0, 0.99, false).when("optimizer", "sgd"),
          intParam("cnn_layers", 1, 3),
          RepeatedGroup.of(
              "cnn_layers",
              intParam("conv_{i}_channels", 8, 64, true, 1),
              categorical("conv_{i}_pool", true, false),
              categorical("conv_{i}_pool_kind", "max", "avg").when("conv_{i}_pool", true)));

  @Test
  void suggestsExactlyTheActiveParameters() {
    Study study = TestData.randomStudy(7);
    int sgd = 0;
    for (int t = 0; t < 40; t++) {
      Trial trial = study.ask();
      Map<String, Object> chosen = SPACE.applyTo(new TrialParams(trial));
      // The trial saw exactly what the spec returned: nothing inactive was ever suggested.
      assertEquals(chosen, trial.params());
      boolean isSgd = chosen.get("optimizer").equals("sgd");
      sgd += isSgd ? 1 : 0;
      assertEquals(isSgd, chosen.containsKey("momentum"), chosen.toString());
      int layers = (Integer) chosen.get("cnn_layers");
      for (int i = 0; i < 4; i++) {
        assertEquals(i < layers, chosen.containsKey("conv_" + i + "_channels"), chosen.toString());
        boolean pooled = i < layers && (Boolean) chosen.get("conv_" + i + "_pool");
        assertEquals(pooled, chosen.containsKey("conv_" + i + "_pool_kind"), chosen.toString());
      }
      study.tell(trial, 0.0);
    }
    // Both branches were exercised (40 fair coin flips all alike: probability 2^-39).
    assertTrue(sgd > 0 && sgd < 40);
  }

  @Test
  void replaysFromFixedParameters() {
    Study study = TestData.randomStudy(3);
    Trial trial = study.ask();
    Map<String, Object> chosen = SPACE.applyTo(new TrialParams(trial));
    FixedParams fixed = new FixedParams(chosen);
    assertEquals(chosen, SPACE.applyTo(fixed));
    assertEquals(chosen.keySet(), fixed.used());
  }

  @Test
  void conditionOnALaterParameterIsRejected() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                SearchSpaceSpec.of(
                    floatParam("momentum", 0, 0.9, false).when("optimizer", "sgd"),
                    categorical("optimizer", "adam", "sgd")));
    assertTrue(e.getMessage().contains("'optimizer'"), e.getMessage());
  }

  @Test
  void groupNeedsAnEarlierIntCount() {
    assertThrows(
        IllegalArgumentException.class,
        () ->
            SearchSpaceSpec.of(
                categorical("layers", "a", "b"),
                RepeatedGroup.of("layers", intParam("w_{i}", 1, 2))));
    assertThrows(
        IllegalArgumentException.class,
        () -> SearchSpaceSpec.of(RepeatedGroup.of("layers", intParam("w_{i}", 1, 2))));
    assertThrows(
        IllegalArgumentException.class,
        () ->
            SearchSpaceSpec.of(
                intParam("layers", 1, 2), RepeatedGroup.of("layers", intParam("w", 1, 2))));
  }

  @Test
  void duplicateNamesAreRejected() {
    assertThrows(
        IllegalArgumentException.class,
        () -> SearchSpaceSpec.of(intParam("a", 1, 2), floatParam("a", 0, 1, false)));
  }

  @Test
  void badRangeNamesTheParameter() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> floatParam("lr", 0.0, 1.0, true));
    assertTrue(e.getMessage().contains("'lr'"), e.getMessage());
    assertEquals(Set.of(), Set.of());
  }
}
