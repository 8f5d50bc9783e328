package dev.rung.job.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rung.job.SparkTestBase;
import dev.rung.job.tables.SqlQuery;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An output left by an earlier Rung whose driver was killed mid-sweep ({@code golden/output-v1}:
 * the digits sweep of {@code golden/output-v1.conf}, killed with SIGKILL after five checkpoints
 * were written; trials 0-3 wait at rungs 1 and 3 with their checkpoints, trials 4-6 were training)
 * resumes with today's code: its lock is taken over, its checkpoints (the built-in networks' format
 * of that version) are continued rather than retrained, and the study finishes with every trial
 * settled.
 *
 * <p>Never regenerate {@code output-v1}: its point is to be an output an older Rung wrote.
 */
class GoldenOutputResumeTest extends SparkTestBase {

  private static Path golden(String name) {
    try {
      return Path.of(GoldenOutputResumeTest.class.getResource("/golden/" + name).toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  private static void copy(Path from, Path to) throws IOException {
    try (Stream<Path> files = Files.walk(from)) {
      files.forEach(
          f -> {
            try {
              Path target = to.resolve(from.relativize(f).toString());
              if (Files.isDirectory(f)) {
                Files.createDirectories(target);
              } else {
                Files.copy(f, target, StandardCopyOption.COPY_ATTRIBUTES);
              }
            } catch (IOException e) {
              throw new UncheckedIOException(e);
            }
          });
    }
  }

  private static List<Row> sql(Path output, String query) {
    return SqlQuery.run(spark(), output.toString(), query).collectAsList();
  }

  @Test
  void aKilledSweepOfAnEarlierVersionResumesFromItsCheckpoints(@TempDir Path dir) throws Exception {
    Path output = dir.resolve("out");
    copy(golden("output-v1"), output);
    Map<Integer, Integer> waiting = new HashMap<>();
    for (Row r : sql(output, "SELECT trial, MAX(epoch_to) FROM segments GROUP BY trial")) {
      waiting.put(r.getInt(0), r.getInt(1));
    }
    assertEquals(Map.of(0, 3, 1, 1, 2, 3, 3, 1), waiting, "the golden output as generated");

    spark();
    // Its tables are not partitioned by study and run: they cannot be registered as a root's.
    Sweeps.Run catalog =
        Sweeps.main(
            List.of(
                "sweep",
                golden("output-v1.conf").toString(),
                "output=" + output,
                "tables.catalog=rung"));
    assertEquals(Main.INVALID, catalog.exit(), catalog.all());
    assertTrue(catalog.err().contains("rung.tables.catalog"), catalog.err());
    assertTrue(catalog.err().contains("written before outputs held runs"), catalog.err());
    Sweeps.Run run =
        Sweeps.main(
            List.of(
                "sweep",
                golden("output-v1.conf").toString(),
                "output=" + output,
                "execution.lock-timeout=2s"));
    assertEquals(0, run.exit(), run.all());
    assertTrue(run.out().contains("resuming study golden-resume: 7 trials"), run.out());

    List<Row> trials = sql(output, "SELECT number, state FROM trials ORDER BY number");
    assertEquals(12, trials.size(), "numbering continues up to the budget of 12 trials");
    for (Row t : trials) {
      String state = t.getString(1);
      assertTrue(
          state.equals("COMPLETE") || state.equals("PRUNED"),
          "trial " + t.getInt(0) + " ended " + state);
    }
    // No recorded epoch is trained again: each waiting trial's steps are recorded once.
    for (Row r :
        sql(
            output,
            "SELECT trial, COUNT(*), COUNT(DISTINCT step), MAX(step) FROM intermediate_values"
                + " GROUP BY trial")) {
      assertEquals(r.getLong(1), r.getLong(2), "no step recorded twice for trial " + r.get(0));
      assertEquals(r.getLong(1), (long) r.getInt(3), "steps 1..n for trial " + r.get(0));
    }
    // Every segment that continued a golden trial started from its golden checkpoint.
    int continued = 0;
    for (Row s :
        sql(
            output,
            "SELECT trial, epoch_from, input_checkpoint, outcome FROM segments"
                + " WHERE trial < 4 AND epoch_from > 0")) {
      int trial = s.getInt(0);
      assertEquals(waiting.get(trial).intValue(), s.getInt(1), "trial " + trial);
      assertTrue(
          s.getString(2).endsWith(String.format("trial-%05d/epoch-%04d", trial, s.getInt(1))),
          s.getString(2));
      assertTrue(!s.getString(3).equals("failed"), "trial " + trial + ": " + s);
      continued++;
    }
    assertEquals(
        0,
        sql(output, "SELECT * FROM segments WHERE trial < 4 AND epoch_from = 0").size()
            - waiting.size(),
        "no golden trial started over");
    assertTrue(continued >= 1, "at least one waiting trial was promoted: " + run.out());
    // The segments of the earlier version's files (schema 1) have no backend, nor have the rows
    // the driver adds for segments a killed driver left without an end; this run's name it.
    for (Row s :
        sql(output, "SELECT segment_id, epoch_from, trial, backend, outcome FROM segments")) {
      boolean golden = s.getInt(2) < 4 && s.getInt(1) == 0 || s.getString(4).equals("interrupted");
      assertEquals(golden, s.isNullAt(3), s.toString());
      if (!golden && !s.isNullAt(3)) {
        assertTrue(s.getString(3).startsWith("CpuBackend, linux-x86_64"), s.toString());
      }
    }
    assertTrue(Files.exists(output.resolve("best-model/model.zip")), run.out());

    // The resumed sweep saved its definition anew, readable: a COMPLETE trial exports from it.
    int complete =
        sql(output, "SELECT number FROM trials WHERE state = 'COMPLETE' ORDER BY number")
            .get(0)
            .getInt(0);
    Sweeps.Run export =
        Sweeps.main(
            List.of(
                "export",
                output.toString(),
                "--trial",
                Integer.toString(complete),
                "--to",
                dir.resolve("exported").toString()));
    assertEquals(0, export.exit(), export.all());
    // The earlier version's sweep.conf cannot be read back: the command says so and what to do.
    Files.copy(
        golden("output-v1").resolve("sweep.conf"),
        output.resolve("sweep.conf"),
        StandardCopyOption.REPLACE_EXISTING);
    Files.deleteIfExists(output.resolve(".sweep.conf.crc"));
    Sweeps.Run old =
        Sweeps.main(List.of("export", output.toString(), "--trial", Integer.toString(complete)));
    assertEquals(Main.INVALID, old.exit(), old.all());
    assertTrue(old.err().contains("saved by an earlier version"), old.err());
    assertTrue(old.err().contains("--conf FILE"), old.err());
  }
}
