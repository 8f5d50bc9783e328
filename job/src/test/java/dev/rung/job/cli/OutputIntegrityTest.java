package dev.rung.job.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rung.job.RunDirs;
import dev.rung.job.SparkTestBase;
import dev.rung.job.cli.Sweeps.Run;
import dev.rung.job.tables.SqlQuery;
import dev.rung.job.trainers.CurveTrainer;
import dev.rung.job.trainers.OutputBreakingTrainer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One output holds one study, and a sweep refuses an output it cannot continue faithfully: another
 * study's, the same study described differently, tables that lost a file or disagree with each
 * other, a damaged file. Every refusal exits 2 with one message naming what is wrong and what to
 * do, without a stack trace, and leaves every file as it was. A finished study run again is a quick
 * no-op unless the budget grew.
 */
class OutputIntegrityTest extends SparkTestBase {

  private static Run sweep(Path dir, String... overrides) throws IOException {
    return sweepWith(dir, CurveTrainer.class, overrides);
  }

  private static Run sweepWith(Path dir, Class<?> trainer, String... overrides) throws IOException {
    spark();
    Path conf =
        Sweeps.trainerSweep(
            dir,
            "curve",
            trainer,
            """
            sampler { type = tpe, seed = 11, tpe.startup-trials = 5 }
            training.epochs = 9
            budget.trials = 8
            execution.parallelism = 2
            """);
    List<String> args = new ArrayList<>(List.of("sweep", conf.toString()));
    args.addAll(List.of(overrides));
    return Sweeps.main(args);
  }

  private static Map<String, String> files(Path output) throws IOException {
    return Sweeps.files(output);
  }

  private static List<Path> parts(Path table) throws IOException {
    try (Stream<Path> s = Files.list(table)) {
      return s.filter(p -> p.getFileName().toString().startsWith("part-")).sorted().toList();
    }
  }

  /** The table's last part file. */
  private static Path lastFile(Path table) throws IOException {
    List<Path> parts = parts(table);
    return parts.get(parts.size() - 1);
  }

  /**
   * A part file with others before and after it. How many files an append-only table has depends on
   * how the driver batched its appends, which the machine's speed decides.
   */
  private static Path middleFile(Path table) throws IOException {
    List<Path> parts = parts(table);
    assertTrue(parts.size() >= 3, table + " has only " + parts);
    return parts.get(parts.size() / 2);
  }

  /** Asserts a refusal: exit 2, each fragment named, no stack trace, the output untouched. */
  private static void assertRefused(
      Run run, Map<String, String> before, Path output, String... fragments) throws IOException {
    assertEquals(Main.INVALID, run.exit(), run.all());
    assertFalse(run.err().contains("\tat "), "no stack trace: " + run.err());
    for (String f : fragments) {
      assertTrue(run.err().contains(f), "the message names '" + f + "': " + run.err());
    }
    assertEquals(before, files(output), "nothing was written or removed");
  }

  @Test
  void anotherStudyOrAChangedStudyIsRefusedAndTheOutputIsLeftAsItWas(@TempDir Path dir)
      throws Exception {
    Path output = dir.resolve("out");
    Run first = sweep(dir);
    assertEquals(0, first.exit(), first.all());
    Map<String, String> before = files(output);
    assertTrue(
        before.containsKey("study=curve/run=" + Sweeps.RUN + "/study.json"),
        before.keySet().toString());

    // Another study under the same root is a run of its own beside this one.
    Run other = sweep(dir, "study.name=other", "budget.trials=1", "pruner.type=none");
    assertEquals(0, other.exit(), other.all());
    Map<String, String> withOther = files(output);
    assertTrue(
        withOther.keySet().stream()
            .anyMatch(f -> f.startsWith("study=other/run=" + Sweeps.RUN + "/")),
        withOther.keySet().toString());
    withOther.keySet().removeIf(f -> f.contains("study=other/"));
    assertEquals(before, withOther, "the first study's files are as they were");
    before = files(output);

    assertRefused(
        sweep(dir, "space.lr.high=0.5"),
        before,
        output,
        "search space: parameter 'lr'",
        "another run id (rung.run.id");
    assertRefused(
        sweep(dir, "study.directions=[minimize]"), before, output, "directions: [maximize]");
    assertRefused(
        sweep(dir, "study.metrics=[val_loss]", "study.directions=[minimize]"),
        before,
        output,
        "metrics: [val_accuracy]");
    assertRefused(sweep(dir, "training.epochs=27"), before, output, "training epochs: 9");

    Files.writeString(
        RunDirs.of(output, "curve", Sweeps.RUN).resolve("study.json"),
        "{\"format\": 1, \"study\": ");
    Map<String, String> damaged = files(output);
    assertRefused(sweep(dir), damaged, output, "study.json", "is not a study file");
  }

  @Test
  void aFinishedStudyRunAgainIsANoOpUntilItsBudgetGrows(@TempDir Path dir) throws Exception {
    Path output = dir.resolve("out");
    assertEquals(0, sweep(dir).exit());
    Map<String, String> before = files(output);

    Run again = sweep(dir);
    assertEquals(0, again.exit(), again.all());
    assertTrue(again.out().contains("finished earlier: 8 trials"), again.out());
    assertTrue(again.out().contains("Nothing to do"), again.out());
    assertFalse(again.out().contains("test"), "no test evaluation again: " + again.out());
    assertEquals(before, files(output), "nothing was written");

    Run more = sweep(dir, "budget.trials=11");
    assertEquals(0, more.exit(), more.all());
    assertTrue(more.out().contains("resuming study curve: 8 trials"), more.out());
    List<Row> trials =
        SqlQuery.run(spark(), output.toString(), "SELECT number FROM trials").collectAsList();
    assertEquals(11, trials.size());
    Run done = sweep(dir, "budget.trials=11");
    assertTrue(done.out().contains("finished earlier: 11 trials"), done.out());
  }

  @Test
  void tablesThatLostAFileOrDisagreeAreRefused(@TempDir Path dir) throws Exception {
    Path output = dir.resolve("out");
    assertEquals(0, sweep(dir).exit());
    Path run = RunDirs.only(output);
    Path trials = RunDirs.table(run, "trials");
    Path values = RunDirs.table(run, "intermediate_values");
    Path segments = RunDirs.table(run, "segments");

    // The trials table's file deleted: the earlier trials would be numbered again from 0.
    Path snapshot = lastFile(trials);
    byte[] kept = Files.readAllBytes(snapshot);
    Files.delete(snapshot);
    assertRefused(sweep(dir), files(output), output, "trials table", "docs/tables.md");
    Files.write(snapshot, kept);

    // A file in the middle of an append-only table deleted.
    Path middle = middleFile(segments);
    kept = Files.readAllBytes(middle);
    Files.delete(middle);
    assertRefused(sweep(dir), files(output), output, "segments", "are missing");
    Files.write(middle, kept);

    middle = middleFile(values);
    kept = Files.readAllBytes(middle);
    Files.delete(middle);
    assertRefused(sweep(dir), files(output), output, "intermediate_values", "are missing");
    Files.write(middle, kept);

    // The last file of intermediate_values deleted: no gap, but its segment is recorded.
    Path last = lastFile(values);
    kept = Files.readAllBytes(last);
    Files.delete(last);
    assertRefused(sweep(dir), files(output), output, "intermediate_values holds", "was removed");
    Files.write(last, kept);

    // A damaged file: named, with what to do.
    Path damaged = middleFile(values);
    kept = Files.readAllBytes(damaged);
    Files.write(damaged, "not parquet at all".getBytes(StandardCharsets.UTF_8));
    assertRefused(
        sweep(dir), files(output), output, damaged.getFileName().toString(), "is damaged");
    Files.write(damaged, java.util.Arrays.copyOf(kept, kept.length / 2));
    assertRefused(sweep(dir), files(output), output, damaged.getFileName().toString());
    Files.write(damaged, kept);

    // Restored, the study is whole again.
    Run fine = sweep(dir);
    assertEquals(0, fine.exit(), fine.all());
    assertTrue(fine.out().contains("finished earlier"), fine.out());
  }

  private static long segmentCount(Path output) {
    return SqlQuery.run(spark(), output.toString(), "SELECT COUNT(*) FROM segments")
        .collectAsList()
        .get(0)
        .getLong(0);
  }

  @Test
  void aSegmentWhoseEndWasNotRecordedIsRecordedAsInterruptedOnce(@TempDir Path dir)
      throws Exception {
    Path output = dir.resolve("out");
    assertEquals(0, sweep(dir).exit());
    // What a driver killed between appending segments' epochs and their rows leaves behind: the
    // last append holds every segment that ended while the writer was busy, one or several.
    long before = segmentCount(output);
    Files.delete(lastFile(RunDirs.table(RunDirs.only(output), "segments")));
    long lost = before - segmentCount(output);
    assertTrue(lost >= 1, "the last file held " + lost + " segment(s)");

    Run more = sweep(dir, "budget.trials=10");
    assertEquals(0, more.exit(), more.all());
    List<Row> interrupted =
        SqlQuery.run(
                spark(),
                output.toString(),
                "SELECT segment_id, epoch_from, epoch_to FROM segments"
                    + " WHERE outcome = 'interrupted'")
            .collectAsList();
    assertEquals(lost, interrupted.size(), interrupted.toString());
    for (Row r : interrupted) {
      long epochs =
          SqlQuery.run(
                  spark(),
                  output.toString(),
                  "SELECT COUNT(*) FROM intermediate_values WHERE segment_id = '"
                      + r.getString(0)
                      + "'")
              .collectAsList()
              .get(0)
              .getLong(0);
      assertEquals(r.getInt(2) - r.getInt(1), epochs, r.toString());
    }

    Run again = sweep(dir, "budget.trials=12");
    assertEquals(0, again.exit(), "the repaired output continues: " + again.all());
  }

  @Test
  void anOutputThatCannotBeWrittenMidRunStopsTheSweepWithOneClearMessageAndLosesNothing(
      @TempDir Path dir) throws Exception {
    Path output = dir.resolve("out");
    Path values =
        RunDirs.table(output.resolve("study=curve/run=" + Sweeps.RUN), "intermediate_values");
    // broken once a trial is recorded, so that the command run again has something to resume
    OutputBreakingTrainer.reset(
        values, 12, RunDirs.table(output.resolve("study=curve/run=" + Sweeps.RUN), "trials"));
    Run broken;
    String trainer;
    try {
      // In the test's JVM: the trainer breaks the output from there.
      broken = sweepWith(dir, OutputBreakingTrainer.class, "execution.isolation=thread");
      trainer = OutputBreakingTrainer.state();
    } finally {
      OutputBreakingTrainer.reset(null, 0);
    }
    assertEquals(Main.OUTPUT_FAILED, broken.exit(), "the trainer " + trainer + "\n" + broken.all());
    assertTrue(broken.err().contains("cannot write to the output"), broken.err());
    assertTrue(broken.err().contains("everything recorded before is intact"), broken.err());
    assertFalse(broken.all().contains("\tat "), "no stack trace: " + broken.all());
    assertFalse(broken.all().contains("Self-suppression"), broken.all());
    assertEquals(1, broken.err().lines().filter(l -> l.startsWith("rung:")).count(), broken.err());

    // Writable again, the same command continues from what was recorded.
    Files.delete(values);
    Files.move(values.resolveSibling(values.getFileName() + ".aside"), values);
    Run again = sweepWith(dir, OutputBreakingTrainer.class);
    assertEquals(0, again.exit(), again.all());
    assertTrue(again.out().contains("resuming study curve"), again.out());
    for (Row r :
        SqlQuery.run(
                spark(),
                output.toString(),
                "SELECT t.number, t.epochs_trained, COUNT(v.step), COUNT(DISTINCT v.step)"
                    + " FROM trials t LEFT JOIN intermediate_values v ON v.trial = t.number"
                    + " GROUP BY t.number, t.epochs_trained")
            .collectAsList()) {
      assertEquals(r.getLong(2), r.getLong(3), "no epoch recorded twice: " + r);
      assertEquals((long) r.getInt(1), r.getLong(2), "epochs_trained as recorded: " + r);
    }
  }
}
