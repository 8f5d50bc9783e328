package dev.rung.samplers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rung.study.FrozenTrial;
import dev.rung.study.OptimizeOptions;
import dev.rung.study.Study;
import dev.rung.study.TrialState;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class GridSamplerTest {

  private static Map<String, List<?>> grid() {
    Map<String, List<?>> g = new LinkedHashMap<>();
    g.put("lr", List.of(0.001, 0.01, 0.1));
    g.put("layers", List.of(1, 2));
    g.put("opt", List.of("adam", "sgd"));
    return g;
  }

  private static Study study(GridSampler sampler) {
    return Study.builder().name("grid").sampler(sampler).build();
  }

  @Test
  void everyCombinationIsTriedOnceAndThenTheStudyStops() {
    GridSampler sampler = new GridSampler(grid(), 11);
    Study s = study(sampler);
    s.optimize(
        t ->
            t.suggestFloat("lr", 0.0001, 1, true)
                + t.suggestInt("layers", 1, 4)
                + (t.suggestCategorical("opt", "adam", "sgd").equals("adam") ? 0 : 1),
        100);
    assertEquals(12, s.trials().size(), "stops once the 12 points are used");
    Set<Map<String, Object>> combos = new HashSet<>();
    for (FrozenTrial t : s.trials()) {
      assertEquals(TrialState.COMPLETE, t.state());
      combos.add(t.params());
    }
    assertEquals(12, combos.size());
  }

  @Test
  void parallelWorkersStillCoverTheGrid() {
    Study s = study(new GridSampler(grid(), 5));
    s.optimize(
        t ->
            t.suggestFloat("lr", 0.0001, 1, true)
                + t.suggestInt("layers", 1, 4)
                + t.suggestCategorical("opt", "adam", "sgd").length(),
        OptimizeOptions.trials(12).withWorkers(3));
    Set<Map<String, Object>> combos = new HashSet<>();
    s.trials().forEach(t -> combos.add(t.params()));
    assertTrue(combos.size() >= 10, "at most a couple of duplicates from racing workers");
  }

  @Test
  void parametersOutsideTheGridAreRejected() {
    Study s = study(new GridSampler(grid(), 1));
    var e =
        assertThrows(IllegalArgumentException.class, () -> s.ask().suggestFloat("momentum", 0, 1));
    assertEquals(
        "parameter 'momentum' is not in the grid [lr, layers, opt]: a grid sampler can"
            + " only suggest the parameters of its grid",
        e.getMessage());
  }

  @Test
  void emptyValuesAreRejected() {
    var e =
        assertThrows(
            IllegalArgumentException.class, () -> new GridSampler(Map.of("x", List.of()), 1));
    assertEquals("grid parameter 'x' has no values: give at least one", e.getMessage());
  }
}
