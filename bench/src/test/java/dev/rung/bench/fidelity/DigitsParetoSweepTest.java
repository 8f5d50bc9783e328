package dev.rung.bench.fidelity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rung.job.sim.SimulatedSweep;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The two-objective sweep over the recorded digits curves. */
class DigitsParetoSweepTest {
  private static final Path CSV =
      Path.of("src/main/resources/dev/rung/bench/fidelity/digits-mlp-error.csv.gz");
  private static final List<String> TWO =
      List.of(
          "rung.study.directions=[maximize, minimize]",
          "rung.study.metrics=[val_accuracy, param_count]");

  private static DigitsParetoSweep sweep;
  private static CurveTable table;

  @BeforeAll
  static void load() throws Exception {
    sweep = DigitsParetoSweep.load(CSV);
    table = CurveTable.read(CSV);
  }

  @Test
  void countsTheWeightsAndBiasesOfEachLayer() {
    // 64 inputs -> 16 -> 10: 64*16 + 16 + 16*10 + 10
    assertEquals(1_210, DigitsParetoSweep.parameterCount(1, 16));
    // 64 -> 10 -> 10 -> 10: (640 + 10) + (100 + 10) + (100 + 10)
    assertEquals(870, DigitsParetoSweep.parameterCount(2, 10));
  }

  @Test
  void aFullBudgetSweepTrainsFortyDistinctRecordedConfigurations() throws Exception {
    List<String> overrides = new ArrayList<>(TWO);
    overrides.add("rung.pruner.type=none");
    SimulatedSweep.Trace t = sweep.run(3, overrides);
    assertEquals(DigitsParetoSweep.TRAININGS, t.finished().size());
    Set<String> recorded = new HashSet<>();
    for (int c = 0; c < table.configs().size(); c++) {
      List<Object> row = table.values().get(c);
      int layers = (int) Math.round((Double) row.get(table.params().indexOf("layers")));
      int width = (int) Math.round((Double) row.get(table.params().indexOf("width")));
      double[] curve = table.curves().get(c);
      recorded.add(
          (1 - curve[curve.length - 1]) + "/" + DigitsParetoSweep.parameterCount(layers, width));
    }
    Set<String> seen = new HashSet<>();
    for (SimulatedSweep.Finished f : t.finished()) {
      // One slot, no pruning: the k-th trial finishes when k whole trainings were spent.
      assertEquals(27 * (seen.size() + 1), f.epochs(), "epochs spent when it finished");
      String key = f.values()[0] + "/" + (long) f.values()[1];
      assertTrue(recorded.contains(key), key + " is no recorded configuration's final figures");
      seen.add(key);
    }
    // Each trial replays a configuration the sweep had not used: 40 different ones (two recorded
    // configurations with equal final figures would make this fail; the table has none such).
    assertEquals(DigitsParetoSweep.TRAININGS, seen.size());
  }

  @Test
  void theSweepWithRungsStopsTrialsAndStaysWithinItsBudget() throws Exception {
    SimulatedSweep.Trace t = sweep.run(5, TWO);
    assertTrue(t.trials() > DigitsParetoSweep.TRAININGS, "rungs start more trials: " + t.trials());
    for (SimulatedSweep.Finished f : t.finished()) {
      assertTrue(f.epochs() <= DigitsParetoSweep.TRAININGS * 27, "within the budget");
    }
  }

  @Test
  void everyTrialTriedCarriesBothObjectivesAtTheFullResource() throws Exception {
    SimulatedSweep.Trace t = sweep.run(5, TWO);
    assertEquals(t.trials(), t.tried().size());
    Set<String> tried = new HashSet<>();
    for (SimulatedSweep.Tried tr : t.tried()) {
      assertEquals(2, tr.values().length);
      assertEquals(tr.fullValue(), tr.values()[0], 0, "the objective comes first");
      assertTrue(tr.values()[1] > 0, "a parameter count: " + tr.values()[1]);
      tried.add(tr.values()[0] + "/" + (long) tr.values()[1]);
    }
    // A trial trained to the end reached what it was recorded as reaching when tried.
    for (SimulatedSweep.Finished f : t.finished()) {
      String key = f.values()[0] + "/" + (long) f.values()[1];
      assertTrue(tried.contains(key), key);
    }
  }
}
