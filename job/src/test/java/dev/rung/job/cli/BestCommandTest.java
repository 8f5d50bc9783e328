package dev.rung.job.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rung.job.SparkTestBase;
import dev.rung.job.tables.SqlQuery;
import dev.rung.job.trainers.CurveTrainer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code rung best} on the outputs of real sweeps, one and two objectives. */
class BestCommandTest extends SparkTestBase {

  private static Path sweep(Path dir, String name, String settings) throws Exception {
    spark();
    Path conf =
        Sweeps.trainerSweep(
            dir,
            name,
            CurveTrainer.class,
            settings
                + """
                sampler { type = random, seed = 3 }
                training.epochs = 3
                budget.trials = 6
                execution.parallelism = 2
                execution.isolation = thread
                """);
    Sweeps.Run run = Sweeps.main(List.of("sweep", conf.toString()));
    assertTrue(run.exit() == 0, run.all());
    return dir.resolve("out");
  }

  @Test
  void theBestTrialIsTheOneTheTableRanksFirst(@TempDir Path dir) throws Exception {
    Path output = sweep(dir, "best-one", "");
    Row top =
        SqlQuery.run(
                spark(),
                output.toString(),
                "SELECT number, value FROM trials WHERE state = 'COMPLETE'"
                    + " ORDER BY value DESC, number LIMIT 1")
            .first();
    Sweeps.Run best = Sweeps.main(List.of("best", output.toString()));
    assertEquals(0, best.exit(), best.all());
    assertTrue(best.out().startsWith("study best-one: 6 trials ("), best.out());
    assertTrue(best.out().contains("; maximize val_accuracy\n"), best.out());
    String expected =
        String.format(
            Locale.ROOT,
            "best trial %d: val_accuracy = %.6g (3 epochs)",
            top.getInt(0),
            top.getDouble(1));
    assertTrue(best.out().contains(expected), expected + " in " + best.out());
    assertTrue(best.out().contains("  parameters: lr="), best.out());
    assertTrue(best.out().contains(", width="), best.out());
    // The sweep evaluated this trial on the test set and said so in summary.json.
    assertTrue(best.out().contains("  test set (summary.json): "), best.out());
  }

  @Test
  void withTwoObjectivesEveryTrialOfTheParetoFront(@TempDir Path dir) throws Exception {
    // skill_squared grows with val_accuracy: maximizing one and minimizing the other conflict,
    // so every COMPLETE trial is on the front (distinct values).
    Path output =
        sweep(
            dir,
            "best-two",
            "study { directions = [maximize, minimize], metrics = [val_accuracy,"
                + " skill_squared] }\n");
    List<Integer> complete = new ArrayList<>();
    for (Row r :
        SqlQuery.run(
                spark(),
                output.toString(),
                "SELECT number FROM trials WHERE state = 'COMPLETE' ORDER BY number")
            .collectAsList()) {
      complete.add(r.getInt(0));
    }
    assertFalse(complete.isEmpty());
    Sweeps.Run best = Sweeps.main(List.of("best", output.toString()));
    assertEquals(0, best.exit(), best.all());
    assertTrue(best.out().contains("maximize val_accuracy, minimize skill_squared"), best.out());
    assertTrue(best.out().contains("Pareto front: " + complete.size() + " trial(s)\n"), best.out());
    for (int n : complete) {
      assertTrue(best.out().contains("\ntrial " + n + ": val_accuracy = "), n + ": " + best.out());
    }
  }

  @Test
  void anOutputThatIsNotASweepsIsRefused(@TempDir Path dir) {
    Sweeps.Run best = Sweeps.main(List.of("best", dir.resolve("none").toString()));
    assertEquals(Main.INVALID, best.exit());
    assertTrue(best.err().startsWith("rung: OUTPUT: the study in "), best.err());
    assertTrue(best.err().contains("it does not exist"), best.err());
    assertFalse(best.err().contains("\tat "), best.err());
  }
}
