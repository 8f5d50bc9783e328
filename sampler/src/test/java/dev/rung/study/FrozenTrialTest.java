package dev.rung.study;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.rung.distributions.Distribution;
import dev.rung.distributions.FloatDistribution;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class FrozenTrialTest {

  private static final Distribution UNIT = FloatDistribution.uniform(0, 1);

  @Test
  void theCallersCollectionsAreCopiedSoLaterChangesDoNotLeakIn() {
    Map<String, Object> params = new LinkedHashMap<>(Map.of("x", 0.5));
    Map<String, Distribution> dists = new LinkedHashMap<>(Map.of("x", UNIT));
    TreeMap<Integer, Double> steps = new TreeMap<>(Map.of(1, 0.9));
    Map<String, Object> user = new LinkedHashMap<>(Map.of("k", "v"));
    List<Double> values = new ArrayList<>(List.of(1.0));
    FrozenTrial t =
        new FrozenTrial(
            0,
            TrialState.COMPLETE,
            values,
            params,
            dists,
            steps,
            user,
            Map.of(),
            List.of(),
            Instant.EPOCH,
            Instant.EPOCH,
            null);
    params.put("y", 1.0);
    steps.put(2, 0.1);
    user.put("k2", "v2");
    values.set(0, 7.0);
    assertEquals(Map.of("x", 0.5), t.params());
    assertEquals(Map.of(1, 0.9), t.intermediateValues());
    assertEquals(Map.of("k", "v"), t.userAttrs());
    assertEquals(List.of(1.0), t.values());
  }

  @Test
  void copiesAreFrozenAndLeaveTheOriginalAlone() {
    FrozenTrial t = FrozenTrial.create(3, TrialState.RUNNING, Instant.EPOCH);
    FrozenTrial p = t.withParam("x", 0.25, UNIT).withIntermediate(1, 0.5).withUserAttr("a", 1);
    FrozenTrial s = p.withSystemAttr("b", 2).withIntermediate(2, 0.4);
    List<Double> values = new ArrayList<>(List.of(0.4));
    FrozenTrial done = s.finish(TrialState.COMPLETE, values, Instant.EPOCH, null);
    values.set(0, 9.0);

    assertEquals(Map.of(), t.params());
    assertEquals(Map.of(1, 0.5), p.intermediateValues());
    assertEquals(Map.of(1, 0.5, 2, 0.4), s.intermediateValues());
    assertEquals(Map.of(), p.systemAttrs());
    assertEquals(List.of(0.4), done.values());
    assertEquals(Map.of("x", 0.25), done.params());
    assertThrows(UnsupportedOperationException.class, () -> done.params().put("y", 1.0));
    assertThrows(UnsupportedOperationException.class, () -> done.intermediateValues().put(3, 1.0));
    assertThrows(UnsupportedOperationException.class, () -> done.values().add(1.0));
    assertThrows(UnsupportedOperationException.class, () -> done.userAttrs().clear());
  }

  @Test
  void copiesStillValidate() {
    FrozenTrial t = FrozenTrial.create(0, TrialState.RUNNING, Instant.EPOCH);
    assertThrows(IllegalArgumentException.class, () -> t.withNumber(-1));
    assertThrows(
        IllegalArgumentException.class,
        () -> t.finish(TrialState.COMPLETE, List.of(), Instant.EPOCH, null));
  }
}
