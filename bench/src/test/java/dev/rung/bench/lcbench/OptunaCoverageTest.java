package dev.rung.bench.lcbench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

class OptunaCoverageTest {
  private static final List<String> TWO_TASKS = List.of("167181", "168330");

  @Test
  void theShippedRunsCoverSeedsZeroToNineteenOfEveryDevelopmentTask() throws Exception {
    List<String> methods = List.of("tpe_full", "tpe_hyperband", "random_full");
    List<LcBenchBench.Run> runs =
        LcBenchBench.optunaRuns(methods, LcBenchModel.DEVELOPMENT_TASKS, 0, 20);
    assertEquals(3 * 28 * 20, runs.size());
    assertEquals(
        List.of(),
        LcBenchBench.optunaCoverage(runs, methods, LcBenchModel.DEVELOPMENT_TASKS, 0, 20));
  }

  @Test
  void seedsBeyondTheRecordedOnesAreNamed() throws Exception {
    List<String> methods = List.of("tpe_full");
    List<LcBenchBench.Run> runs = LcBenchBench.optunaRuns(methods, TWO_TASKS, 15, 10);
    // Seeds 15-19 are recorded, 20-24 are not.
    assertEquals(2 * 5, runs.size());
    List<String> notes = LcBenchBench.optunaCoverage(runs, methods, TWO_TASKS, 15, 10);
    assertEquals(1, notes.size());
    String note = notes.get(0);
    assertTrue(note.contains("Optuna tpe_full is recorded for 10 of the 20"), note);
    assertTrue(note.contains("seeds 15-24 asked; recorded among them: 15-19"), note);
  }

  @Test
  void aMethodWithNoRecordedRunIsNamed() throws Exception {
    List<String> methods = List.of("tpe_full");
    List<String> notes = LcBenchBench.optunaCoverage(List.of(), methods, TWO_TASKS, 100, 2);
    assertEquals(1, notes.size());
    assertTrue(notes.get(0).contains("0 of the 4"), notes.get(0));
    assertTrue(notes.get(0).contains("recorded among them: none"), notes.get(0));
  }

  @Test
  void seedRangesJoinConsecutiveSeeds() {
    assertEquals(
        "0-9, 12, 14-15",
        LcBenchBench.seedRanges(new TreeSet<>(List.of(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 12, 14, 15))));
    assertEquals("3", LcBenchBench.seedRanges(new TreeSet<>(List.of(3))));
  }
}
