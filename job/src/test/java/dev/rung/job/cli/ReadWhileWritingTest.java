package dev.rung.job.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rung.job.RunDirs;
import dev.rung.job.SparkTestBase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Querying an output root while a sweep writes to it, as a user of {@code bin/rung sql} does during
 * a nightly sweep: one session opened once (the shell), queried over and over while the sweep
 * replaces its trials snapshot after every result. Every query sees the tables as they are when it
 * starts (the count of trials only grows, and reaches the sweep's 16), never a trial twice, and
 * never fails because the sweep replaced a file the query had listed. DuckDB reads the same
 * directories (Hive partitions) beside it: during the sweep a read either succeeds or fails naming
 * a file that went (docs/tables.md: rerun it), and after the sweep it gets the rows Spark does.
 */
class ReadWhileWritingTest extends SparkTestBase {

  @Test
  void aShellOpenDuringASweepSeesItGrowWithoutErrors(@TempDir Path dir) throws Exception {
    // The sweep runs in the tests' Spark session (started first), which it leaves running.
    spark();
    CompletableFuture<Sweeps.Run> sweep =
        CompletableFuture.supplyAsync(
            () -> Sweeps.digits("output=" + dir, "execution.isolation=thread", "budget.trials=16"));
    // The shell opens once the run has written its first trials snapshot (before, it is refused:
    // "no run wrote one yet").
    Path partition = dir.resolve("trials/study=digits-mlp/run=" + Sweeps.RUN);
    while (!hasSnapshot(partition) && !sweep.isDone()) {
      Thread.sleep(20);
    }
    int queries = 0;
    long last = 0;
    long epochs = 0;
    long grew = 0;
    int duckReads = 0;
    int duckGone = 0;
    Connection duck = DriverManager.getConnection("jdbc:duckdb:");
    // Another session of the same Spark: its views are its own, as another user's would be.
    try (QuerySession shell = QuerySession.open(spark().newSession(), false, dir.toString())) {
      boolean done = false;
      while (!done) {
        done = sweep.isDone();
        long[] counts = counts(shell);
        queries++;
        assertEquals(counts[0], counts[1], "a trial twice in the trials view: " + counts[0]);
        assertTrue(counts[0] >= last, "the trials went from " + last + " to " + counts[0]);
        assertTrue(
            counts[2] >= epochs, "the epochs trained went from " + epochs + " to " + counts[2]);
        grew += queries > 1 && counts[2] > epochs ? 1 : 0;
        last = counts[0];
        epochs = counts[2];
        try {
          long[] d = duckCounts(duck, dir);
          assertTrue(d[1] <= d[0], "distinct trials " + d[1] + " of " + d[0] + " rows");
          duckReads++;
        } catch (SQLException e) {
          // A snapshot listed by the glob and replaced before DuckDB opened it.
          String m = String.valueOf(e.getMessage());
          assertTrue(
              m.contains("No files found") || m.contains("No such file") || m.contains("open"),
              "DuckDB failed otherwise than on a file that went: " + m);
          duckGone++;
        }
      }
      Sweeps.Run r = sweep.get();
      assertEquals(0, r.exit(), r.all());
      assertEquals(16, last, "the last query, after the sweep, sees every trial");
      long[] d = duckCounts(duck, dir);
      assertEquals(16, d[0], "DuckDB after the sweep: one snapshot, every trial once");
      assertEquals(16, d[1]);
      long epochRows = Queries.numbers(shell, "SELECT COUNT(*) FROM intermediate_values")[0];
      Object[] values = duckRow(duck, dir, "intermediate_values", "COUNT(*), MIN(study), MIN(run)");
      assertEquals(epochRows, ((Number) values[0]).longValue());
      assertEquals("digits-mlp", values[1]);
      assertEquals(Sweeps.RUN, values[2]);
    } finally {
      duck.close();
    }
    assertTrue(duckReads > 0, "DuckDB read the trials during the sweep: " + duckGone + " gone");
    // The first query ran while the sweep did, the last after it: the one session saw it grow.
    assertTrue(queries >= 2, "queried " + queries + " times");
    assertTrue(grew >= 1, "later queries of the one session saw new epochs: " + grew);
    assertTrue(Files.isDirectory(RunDirs.only(dir)), "one run");
  }

  private static boolean hasSnapshot(Path partition) throws java.io.IOException {
    if (!Files.isDirectory(partition)) {
      return false;
    }
    try (var files = Files.list(partition)) {
      return files.anyMatch(f -> f.getFileName().toString().startsWith("part-"));
    }
  }

  /** DuckDB's rows of every trials file under the root, and its distinct (study, run, trial). */
  private static long[] duckCounts(Connection duck, Path root) throws SQLException {
    Object[] values =
        duckRow(duck, root, "trials", "COUNT(*), COUNT(DISTINCT (study, run, number))");
    return new long[] {((Number) values[0]).longValue(), ((Number) values[1]).longValue()};
  }

  /**
   * The one row DuckDB gives for {@code columns} over every file of {@code table} under the root,
   * with {@code study} and {@code run} from the directory names.
   */
  private static Object[] duckRow(Connection duck, Path root, String table, String columns)
      throws SQLException {
    try (Statement st = duck.createStatement();
        ResultSet rs =
            st.executeQuery(
                "SELECT "
                    + columns
                    + " FROM read_parquet('"
                    + root.resolve(table)
                    + "/*/*/*.parquet', hive_partitioning = true)")) {
      rs.next();
      Object[] values = new Object[rs.getMetaData().getColumnCount()];
      for (int i = 0; i < values.length; i++) {
        values[i] = rs.getObject(i + 1);
      }
      return values;
    }
  }

  /** The rows of the trials view, its distinct (study, run, trial), and its epochs trained. */
  private static long[] counts(QuerySession shell) {
    return Queries.numbers(
        shell,
        "SELECT COUNT(*), COUNT(DISTINCT study, run, number), COALESCE(SUM(epochs_trained), 0)"
            + " FROM trials");
  }
}
