package dev.rung.job.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rung.job.SparkTestBase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Sweeps whose tables are Delta tables ({@code rung.tables.format = delta}): read through their
 * logs while the sweep writes, by {@code rung sql}'s session and by a plain Spark reader, every
 * read sees each trial once and the trials only grow; the run resumes from them; a second night
 * adds its partition; the catalog registers the tables as Delta tables; a root keeps the format it
 * was made with.
 */
class DeltaSweepTest extends SparkTestBase {

  @Test
  void nightsOnDeltaTablesReadWholeWhileTheSweepWrites(@TempDir Path dir) throws Exception {
    spark();
    Path root = dir.resolve("root");
    CompletableFuture<Sweeps.Run> sweep =
        CompletableFuture.supplyAsync(
            () ->
                Sweeps.digits(
                    "output=" + root, "execution.isolation=thread", "tables.format=delta"));
    Path log = root.resolve("trials/_delta_log");
    while (!Files.exists(log.resolve("00000000000000000000.json")) && !sweep.isDone()) {
      Thread.sleep(20);
    }
    long last = 0;
    int reads = 0;
    try (QuerySession shell = QuerySession.open(spark().newSession(), false, root.toString())) {
      boolean done = false;
      while (!done) {
        done = sweep.isDone();
        long[] counts =
            Queries.numbers(shell, "SELECT COUNT(*), COUNT(DISTINCT number) FROM trials");
        assertEquals(counts[0], counts[1], "a trial twice in rung sql's view");
        assertTrue(counts[0] >= last, "the trials went from " + last + " to " + counts[0]);
        last = counts[0];
        // A Spark user reading the table's log directly, as spark-shell would.
        Row plain =
            spark()
                .read()
                .format("delta")
                .load(root.resolve("trials").toString())
                .selectExpr("COUNT(*)", "COUNT(DISTINCT number)")
                .first();
        assertEquals(plain.getLong(0), plain.getLong(1), "a trial twice through the Delta log");
        reads++;
      }
      Sweeps.Run night1 = sweep.get();
      assertEquals(0, night1.exit(), night1.all());
      assertEquals(12, last, "the last read, after the sweep, sees every trial");
      assertTrue(reads >= 2, "read " + reads + " times");
      for (String table : List.of("trials", "intermediate_values", "segments", "runs")) {
        assertTrue(
            Files.isDirectory(root.resolve(table).resolve("_delta_log")), table + " has a log");
      }
      assertEquals(
          1, Queries.numbers(shell, "SELECT COUNT(*) FROM runs WHERE outcome = 'finished'")[0]);
      long epochs = Queries.numbers(shell, "SELECT SUM(epochs_trained) FROM trials")[0];
      assertEquals(
          epochs,
          Queries.numbers(shell, "SELECT COUNT(DISTINCT trial, step) FROM intermediate_values")[0],
          "one intermediate value per epoch trained");

      // Night 1 again with a larger budget: the run continues from its Delta tables.
      Sweeps.Run more = night(root, Sweeps.RUN, "tables.format=delta", "budget.trials=14");
      assertEquals(0, more.exit(), more.all());
      assertTrue(more.out().contains("resuming study"), more.out());
      assertEquals(
          14,
          Queries.numbers(shell, "SELECT COUNT(DISTINCT number) FROM trials WHERE run = 'r1'")[0]);

      // Night 2, with the catalog: its own partition, beside night 1's.
      Sweeps.Run night2 =
          night(root, "r2", "tables.format=delta", "tables.catalog=nightly", "budget.trials=3");
      assertEquals(0, night2.exit(), night2.all());
      assertTrue(night2.out().contains("tables registered"), night2.out());
      assertEquals(
          List.of(14L, 3L),
          spark()
              .sql("SELECT COUNT(*) AS n FROM nightly.trials GROUP BY run ORDER BY run")
              .collectAsList()
              .stream()
              .map(r -> r.getLong(0))
              .toList(),
          "nights r1 and r2 in the catalog's Delta table");
      assertEquals(
          "delta",
          spark()
              .sql("DESCRIBE TABLE EXTENDED nightly.trials")
              .where("col_name = 'Provider'")
              .first()
              .getString(1));
      assertEquals(3, Queries.numbers(shell, "SELECT COUNT(*) FROM runs")[0], "r1 twice, r2 once");
    }

    // The root's tables are Delta tables: a Parquet run is refused before it writes anything.
    long commits = countFiles(log);
    Sweeps.Run parquet = night(root, "r3", "budget.trials=2");
    assertEquals(Main.INVALID, parquet.exit(), parquet.all());
    assertTrue(parquet.err().contains("rung.tables.format"), parquet.err());
    assertTrue(parquet.err().contains("holds Delta tables"), parquet.err());
    assertFalse(Files.exists(root.resolve("study=digits-mlp/run=r3")), "nothing written");
    assertEquals(commits, countFiles(log));
  }

  @Test
  void aParquetRootIsNotMadeDelta(@TempDir Path dir) throws Exception {
    Path root = dir.resolve("root");
    Sweeps.Run first =
        Sweeps.digits("output=" + root, "execution.isolation=thread", "budget.trials=1");
    assertTrue(first.exit() == 0 || first.exit() == Main.NO_RESULT, first.all());
    assertTrue(Files.isDirectory(root.resolve("trials/study=digits-mlp")), "a Parquet table");
    Sweeps.Run delta = night(root, "r2", "tables.format=delta", "budget.trials=1");
    assertEquals(Main.INVALID, delta.exit(), delta.all());
    assertTrue(delta.err().contains("rung.tables.format: 'delta'"), delta.err());
    assertTrue(delta.err().contains("holds Parquet tables"), delta.err());
    assertFalse(Files.exists(root.resolve("trials/_delta_log")));
  }

  /**
   * The digits sweep as run {@code run} of {@code root}, trials in threads, with {@code settings}.
   */
  private static Sweeps.Run night(Path root, String run, String... settings) {
    List<String> args =
        new ArrayList<>(
            List.of(
                "sweep",
                Sweeps.DIGITS,
                "run.id=" + run,
                "output=" + root,
                "execution.isolation=thread"));
    args.addAll(List.of(settings));
    return Sweeps.main(args);
  }

  private static long countFiles(Path dir) throws Exception {
    try (var files = Files.list(dir)) {
      return files.count();
    }
  }
}
