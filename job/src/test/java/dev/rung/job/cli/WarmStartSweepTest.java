package dev.rung.job.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rung.job.SparkTestBase;
import dev.rung.job.results.StoredStudy;
import dev.rung.job.tables.SqlQuery;
import dev.rung.job.tables.TrialRow;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A nightly sweep warm-started from the night before: two tiny digits sweeps on local Spark, the
 * second starting from the first's output.
 */
class WarmStartSweepTest extends SparkTestBase {
  private static Sweeps.Run sweep(String... overrides) {
    spark();
    return Sweeps.digits(overrides);
  }

  @Test
  void theSecondNightTrainsTheFirstNightsBestFirst(@TempDir Path dir) throws Exception {
    Path first = dir.resolve("night-1");
    Sweeps.Run one =
        sweep(
            "output=" + first,
            "study.name=night-1",
            "budget.trials=4",
            "training.epochs=2",
            "sampler.seed=1");
    assertEquals(0, one.exit(), one.out() + one.err());
    FileSystem fs = FileSystem.getLocal(new Configuration());
    StoredStudy earlier = StoredStudy.read(fs, new org.apache.hadoop.fs.Path(first.toString()));
    TrialRow best = earlier.best().get(0);
    int complete = earlier.complete().size();

    Path second = dir.resolve("night-2");
    Sweeps.Run two =
        sweep(
            "output=" + second,
            "study.name=night-2",
            "budget.trials=4",
            "training.epochs=2",
            "sampler.seed=2",
            "warm-start.from=" + first);
    assertEquals(0, two.exit(), two.out() + two.err());
    int learned =
        (int)
            earlier.trials().stream()
                .filter(
                    t -> t.state().name().equals("COMPLETE") || t.state().name().equals("PRUNED"))
                .count();
    // The location as the sweep resolved it: file:/...
    assertTrue(
        two.out()
            .contains(
                "[rung] warm start: "
                    + learned
                    + " earlier trials from file:"
                    + first
                    + ", "
                    + Math.min(5, complete)
                    + " enqueued"),
        two.out());
    StoredStudy night2 = StoredStudy.read(fs, new org.apache.hadoop.fs.Path(second.toString()));
    TrialRow firstTrial =
        night2.trials().stream().min(Comparator.comparingInt(TrialRow::number)).orElseThrow();
    assertEquals(best.params(), firstTrial.params(), "the first trial is night 1's best");
    List<Row> rows =
        SqlQuery.run(
                spark(),
                second.toString(),
                "SELECT number, user_attrs['warm_start'], user_attrs['warm_start_trial'],"
                    + " user_attrs['warm_start_from'] FROM trials ORDER BY number")
            .collectAsList();
    assertEquals("enqueued", rows.get(0).getString(1));
    assertEquals(String.valueOf(best.number()), rows.get(0).getString(2));
    assertTrue(rows.get(0).getString(3).endsWith(first.toString()), rows.get(0).getString(3));
    for (int i = Math.min(5, complete); i < rows.size(); i++) {
      assertEquals(null, rows.get(i).get(1), "trial " + i + " was sampled");
    }

    // Resumed with a larger budget: the configurations already trained are not enqueued again.
    Sweeps.Run resumed =
        Sweeps.main(List.of("sweep", second.resolve("sweep.conf").toString(), "budget.trials=6"));
    assertEquals(0, resumed.exit(), resumed.all());
    List<Row> after =
        SqlQuery.run(
                spark(),
                second.toString(),
                "SELECT COUNT(*), COUNT(DISTINCT user_attrs['warm_start_trial']) FROM trials"
                    + " WHERE user_attrs['warm_start'] = 'enqueued'")
            .collectAsList();
    assertEquals(Math.min(5, complete), after.get(0).getLong(0), "enqueued once each");
    assertEquals(after.get(0).getLong(0), after.get(0).getLong(1));
  }

  @Test
  void aDamagedOrMismatchedEarlierOutputIsRefusedNamingItsProblem(@TempDir Path dir)
      throws Exception {
    Path notAnOutput = dir.resolve("empty");
    Files.createDirectories(notAnOutput);
    Sweeps.Run empty =
        sweep("output=" + dir.resolve("a"), "budget.trials=2", "warm-start.from=" + notAnOutput);
    assertEquals(Main.INVALID, empty.exit(), empty.all());
    assertTrue(empty.err().contains("rung.warm-start.from"), empty.err());
    assertTrue(empty.err().contains("is not a readable Rung output"), empty.err());

    Path first = dir.resolve("night-1");
    Sweeps.Run one =
        sweep("output=" + first, "study.name=night-1", "budget.trials=2", "training.epochs=1");
    assertEquals(0, one.exit(), one.all());
    Sweeps.Run minimize =
        sweep(
            "output=" + dir.resolve("b"),
            "budget.trials=2",
            "study.directions=[minimize]",
            "warm-start.from=" + first);
    assertEquals(Main.INVALID, minimize.exit(), minimize.all());
    assertTrue(minimize.err().contains("directions"), minimize.err());

    try (Stream<Path> files = Files.walk(first.resolve("trials"))) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
    Sweeps.Run damaged =
        sweep("output=" + dir.resolve("c"), "budget.trials=2", "warm-start.from=" + first);
    assertEquals(Main.INVALID, damaged.exit(), damaged.all());
    assertTrue(damaged.err().contains("rung.warm-start.from"), damaged.err());
    assertTrue(damaged.err().contains("trials table"), damaged.err());
  }
}
