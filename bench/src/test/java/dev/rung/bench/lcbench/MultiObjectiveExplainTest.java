package dev.rung.bench.lcbench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@code bin/bench lcbench-multi --explain} on the recorded digits curves: the trials trained to
 * the end never outnumber those tried, the full-budget sweep tries only what it trains, and the
 * front of the trials tried (as if trained to the end) is never smaller than the front of those
 * trained.
 */
class MultiObjectiveExplainTest {
  @Test
  void theTriedFrontHoldsTheTrainedFront() throws Exception {
    String out =
        Stdout.of(
            MultiObjectiveLcBench::main,
            "--problem",
            "digits",
            "--csv",
            "src/main/resources/dev/rung/bench/fidelity/digits-mlp-error.csv.gz",
            "--seeds",
            "3",
            "--explain");
    List<String[]> rows = Stdout.rowsAfter(out, "Explained:", 6);
    assertEquals(16, rows.size(), out);
    for (String[] f : rows) {
      double full = Double.parseDouble(f[2]);
      double tried = Double.parseDouble(f[3]);
      double figure = Double.parseDouble(f[4]);
      double triedFigure = Double.parseDouble(f[5]);
      String row = String.join(" ", f);
      assertTrue(full <= tried, row);
      assertTrue(triedFigure >= figure - 1e-9, row);
      if (f[0].equals("mo-tpe-full")) {
        assertEquals(full, tried, 0, row);
        assertEquals(figure, triedFigure, 0, row);
      }
    }
  }
}
