package dev.rung.bench.lcbench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The LCBench surrogate through ONNX Runtime, and the product's default sweep on two tasks. */
class LcBenchCheckTest {
  private static LcBenchModel model;

  @BeforeAll
  static void load() {
    model = LcBenchModel.load();
  }

  @AfterAll
  static void close() {
    model.close();
  }

  private static final Map<String, Object> REASONABLE =
      Map.of(
          "batch_size", 64,
          "learning_rate", 3e-3,
          "momentum", 0.9,
          "weight_decay", 1e-4,
          "num_layers", 2,
          "max_units", 256,
          "max_dropout", 0.1);

  @Test
  void aCurveIsChanceAtTheFirstEpochAndTrainedLater() {
    LcBenchModel.Curve c = model.curve("167152", REASONABLE);
    assertEquals(LcBenchModel.EPOCHS, c.accuracy().length);
    // The surrogate's epoch 1 is the untrained network; by epoch 52 it has learnt.
    assertTrue(c.accuracyAt(52) > c.accuracyAt(1) + 20, c.accuracyAt(1) + " " + c.accuracyAt(52));
    for (int e = 1; e <= 52; e++) {
      assertTrue(c.accuracyAt(e) >= 0 && c.accuracyAt(e) <= 100, "epoch " + e);
      assertTrue(c.epochSeconds(e - 1) > 0, "epoch " + e);
    }
    // Other tasks give other curves; the same input gives the same curve.
    assertTrue(model.curve("7593", REASONABLE).accuracyAt(52) != c.accuracyAt(52));
    assertEquals(c.accuracyAt(52), model.curve("167152", REASONABLE).accuracyAt(52));
  }

  @Test
  void unknownTasksAndMissingParametersAreNamed() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> model.curve("99", REASONABLE));
    assertTrue(e.getMessage().contains("'99'"), e.getMessage());
    IllegalArgumentException m =
        assertThrows(
            IllegalArgumentException.class, () -> model.curve("7593", Map.of("batch_size", 64)));
    assertTrue(m.getMessage().contains("learning_rate"), m.getMessage());
  }

  /**
   * Two development tasks, three seeds fixed in advance: at the same budget of 5,200 epochs the
   * default sweep finds better networks than random search with full trainings. On the 28 tasks the
   * default's mean regret is under half of random search's (docs/pruning.md), with per-run spreads
   * of a few points: a mean over six runs favouring random search would take a regression, not bad
   * luck (under 1 % for seeds drawn at random, by the spread of those runs).
   */
  @Test
  void theDefaultSweepBeatsRandomSearchOnTwoTasks() throws Exception {
    List<String> tasks = List.of("7593", "168330");
    double byDefault = meanFinal(tasks, List.of());
    double random = meanFinal(tasks, List.of("rung.sampler.type=random", "rung.pruner.type=none"));
    assertTrue(byDefault > random, "default " + byDefault + ", random " + random);
  }

  private static double meanFinal(List<String> tasks, List<String> overrides) throws Exception {
    double sum = 0;
    int n = 0;
    for (String task : tasks) {
      for (int seed = 0; seed < 3; seed++) {
        sum +=
            LcBenchSweep.run(model, task, LcBenchSweep.config(1, seed, overrides), 1).finalBest();
        n++;
      }
    }
    return sum / n;
  }

  /**
   * {@code --explain}: at 10, 30, 50 and 100 % of the budget, the trials trained to the end never
   * outnumber those tried, both grow with the budget, and the best trial tried (as if trained to
   * the end) is never worse than the best trained to the end.
   */
  @Test
  void explainPutsTheTrialsTriedBesideThoseTrainedToTheEnd() throws Exception {
    String out = Stdout.of(LcBenchBench::main, defaultOneSlot("7593", "--no-optuna", "--explain"));
    List<double[]> rows = new ArrayList<>();
    for (String[] f : Stdout.rowsAfter(out, "Explained:", 7)) {
      rows.add(
          new double[] {
            Double.parseDouble(f[2].replace("%", "")),
            Double.parseDouble(f[3]),
            Double.parseDouble(f[4]),
            Double.parseDouble(f[5]),
            Double.parseDouble(f[6])
          });
    }
    assertEquals(4, rows.size(), out);
    double[] shares = {10, 30, 50, 100};
    for (int i = 0; i < rows.size(); i++) {
      double[] r = rows.get(i);
      assertEquals(shares[i], r[0], out);
      assertTrue(r[1] <= r[2], "full <= tried: " + out);
      assertTrue(r[4] <= r[3] + 1e-9, "tried-regret <= regret: " + out);
      if (i > 0) {
        assertTrue(r[1] >= rows.get(i - 1)[1] && r[2] > rows.get(i - 1)[2], out);
      }
    }
  }

  /**
   * {@code --task-sets 1}: each "set" is one task, so the share of sets on which the default ends
   * at or below Optuna tpe_full is the share of tasks on which the per-task table has it so; with
   * {@code --task-sets 2} on two tasks the one set is all of them, the verdict of the main table.
   */
  @Test
  void taskSetsAgreeWithThePerTaskTableAndTheMainTable() throws Exception {
    String[] args = defaultOneSlot("7593,168330", "--per-task", "--task-sets", "1");
    String out = Stdout.of(LcBenchBench::main, args);
    List<String> header = null;
    int atOrBelow = 0;
    int tasks = 0;
    for (String line : out.substring(out.indexOf("Per task:")).split("\n")) {
      List<String> f = List.of(line.trim().split("\\s+"));
      if (f.get(0).equals("task")) {
        header = f;
      } else if (header != null && f.size() == header.size() && f.get(0).matches("\\d+")) {
        double mine = Double.parseDouble(f.get(header.indexOf("default/x1")));
        double optuna = Double.parseDouble(f.get(header.indexOf("optuna/tpe_full")));
        atOrBelow += mine <= optuna + 1e-9 ? 1 : 0;
        tasks++;
      }
    }
    assertEquals(2, tasks, out);
    String[] row = rowOf(out, "Every set of 1", "default");
    assertEquals("2", row[2], out);
    assertEquals(String.format(java.util.Locale.ROOT, "%.1f%%", 50.0 * atOrBelow), row[3], out);

    args[args.length - 1] = "2";
    String all = Stdout.of(LcBenchBench::main, args);
    String[] one = rowOf(all, "Every set of 2", "default");
    assertEquals("1", one[2], all);
    double mineFinal = Double.NaN;
    double optunaFinal = Double.NaN;
    for (String line : all.split("\n")) {
      String[] f = line.trim().split("\\s+");
      // The main table's rows: the method, then the regret at each tenth of the budget.
      if (f.length == 15 && line.matches("default x1\\s+\\d.*")) {
        mineFinal = Double.parseDouble(f[11]);
      } else if (f.length == 15 && line.matches("optuna tpe_full\\s+\\d.*")) {
        optunaFinal = Double.parseDouble(f[11]);
      }
    }
    assertEquals(mineFinal <= optunaFinal ? "100.0%" : "0.0%", one[3], all);
  }

  /** The default sweep on {@code tasks} with one slot and two seeds, then {@code more}. */
  private static String[] defaultOneSlot(String tasks, String... more) {
    List<String> args =
        new ArrayList<>(
            List.of("--tasks", tasks, "--seeds", "2", "--slots", "1", "--variants", "default"));
    args.addAll(List.of(more));
    return args.toArray(String[]::new);
  }

  private static String[] rowOf(String out, String after, String method) {
    for (String line : out.substring(out.indexOf(after)).split("\n")) {
      if (line.startsWith(method)) {
        return line.trim().split("\\s+");
      }
    }
    throw new AssertionError("no row " + method + " after " + after + ": " + out);
  }
}
