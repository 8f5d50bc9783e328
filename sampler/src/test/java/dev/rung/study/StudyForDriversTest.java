package dev.rung.study;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rung.samplers.RandomSampler;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * What a driver that runs trials elsewhere does through the study: read a trial, record its
 * intermediate values, change its attributes, and nothing more.
 */
class StudyForDriversTest {
  private static Study study() {
    return Study.builder().name("d").sampler(new RandomSampler(1)).build();
  }

  @Test
  void valuesReportedForATrialRunElsewhereAreRecordedOncePerStep() {
    Study s = study();
    Trial t = s.ask();
    assertTrue(s.report(t.number(), 1, 0.5));
    assertTrue(s.report(t.number(), 3, 0.25));
    assertFalse(s.report(t.number(), 1, 9.0), "a step keeps its first value");
    assertEquals(Map.of(1, 0.5, 3, 0.25), s.trial(t.number()).intermediateValues());
    assertThrows(IllegalArgumentException.class, () -> s.report(t.number(), -1, 0));
    // The in-process handle goes the same way, and sees what the driver recorded.
    t.report(0.1, 5);
    t.report(7.0, 3);
    assertEquals(Map.of(1, 0.5, 3, 0.25, 5, 0.1), s.trial(t.number()).intermediateValues());
  }

  @Test
  void attributesChangeAndNothingElse() {
    Study s = study();
    Trial t = s.ask();
    t.suggestFloat("x", 0, 1);
    FrozenTrial after = s.updateAttrs(t.number(), f -> f.withSystemAttr("k", 7));
    assertEquals(7, after.systemAttrs().get("k"));
    assertEquals(after, s.trial(t.number()));
    assertThrows(
        IllegalArgumentException.class,
        () -> s.updateAttrs(t.number(), f -> f.withIntermediate(2, 1.0)));
    assertThrows(
        IllegalArgumentException.class,
        () ->
            s.updateAttrs(
                t.number(), f -> f.finish(TrialState.COMPLETE, List.of(1.0), null, null)));
    // A refused change is not stored.
    assertTrue(s.trial(t.number()).intermediateValues().isEmpty());
    assertEquals(TrialState.RUNNING, s.trial(t.number()).state());
  }
}
