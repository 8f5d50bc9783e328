package dev.rung.job.tables;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rung.distributions.Distribution;
import dev.rung.distributions.FloatDistribution;
import dev.rung.job.SparkTestBase;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.fs.FileSystem;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Delta tables ({@code rung.tables.format = delta}): the files a run publishes committed to each
 * table's Delta log, read back through the log by Spark's Delta reader.
 */
class DeltaTablesTest extends SparkTestBase {

  private static org.apache.hadoop.fs.Path run(Path root, String run) {
    return new org.apache.hadoop.fs.Path(
        root.resolve("study=" + Fixtures.STUDY).resolve("run=" + run).toString());
  }

  private static Tables open(Path root, String run, ParamSchema params, Duration keep)
      throws IOException {
    org.apache.hadoop.fs.Path dir = run(root, run);
    return Tables.openForWriting(
        Fixtures.localFs(),
        dir,
        params,
        WriteGuard.NONE,
        DeltaTableLog.factory(spark(), dir, keep));
  }

  private static Dataset<Row> delta(Path root, String table) {
    return spark().read().format("delta").load(root.resolve(table).toString());
  }

  private static long parts(Path dir) throws IOException {
    try (var files = Files.list(dir)) {
      return files.filter(f -> f.getFileName().toString().startsWith("part-")).count();
    }
  }

  @Test
  void theLogHoldsTheNewestSnapshotAndEveryAppendedFile(@TempDir Path root) throws Exception {
    Tables t = open(root, "night-1", Fixtures.params(), DeltaTableLog.KEEP_REPLACED);
    t.trials().write(Fixtures.trials(3));
    t.trials().write(Fixtures.trials(5));
    t.intermediateValues().append(Fixtures.intermediates(0, 1, 4));
    t.intermediateValues().append(Fixtures.intermediates(1, 1, 2));

    Dataset<Row> trials = delta(root, TableSchemas.TRIALS);
    assertEquals(5, trials.count(), "the newest snapshot only, never a trial twice");
    assertEquals(5, trials.select("number").distinct().count());
    Row r = trials.selectExpr("min(study)", "min(run)", "max(run)").first();
    assertEquals(Fixtures.STUDY, r.getString(0));
    assertEquals("night-1", r.getString(1), "run comes from the partition");
    assertEquals("night-1", r.getString(2));
    assertEquals(4, delta(root, TableSchemas.INTERMEDIATE_VALUES).count());
    assertEquals(0, delta(root, TableSchemas.SEGMENTS).count(), "created with its columns");

    // The snapshots replaced are kept for readers of the versions before: time travel reads them.
    Path partition = root.resolve("trials/study=" + Fixtures.STUDY + "/run=night-1");
    assertEquals(3, parts(partition), "the empty first snapshot, 3 trials, 5 trials");
    long[] counts = new long[3];
    for (int v = 0; v < 3; v++) {
      counts[v] =
          spark()
              .read()
              .format("delta")
              .option("versionAsOf", v)
              .load(root.resolve("trials").toString())
              .count();
    }
    assertEquals(0, counts[0]);
    assertEquals(3, counts[1]);
    assertEquals(5, counts[2]);
  }

  @Test
  void aReplacedSnapshotGoesOnceKeptLongEnough(@TempDir Path root) throws Exception {
    Tables t = open(root, "night-1", Fixtures.params(), Duration.ZERO);
    t.trials().write(Fixtures.trials(3));
    t.trials().write(Fixtures.trials(4));
    Path partition = root.resolve("trials/study=" + Fixtures.STUDY + "/run=night-1");
    assertEquals(1, parts(partition));
    assertEquals(4, delta(root, TableSchemas.TRIALS).count());
  }

  @Test
  void aLaterRunWithAnotherParameterWidensTheTrials(@TempDir Path root) throws Exception {
    open(root, "night-1", Fixtures.params(), Duration.ZERO).trials().write(Fixtures.trials(4));
    Map<String, Distribution> space = new LinkedHashMap<>(Fixtures.searchSpace());
    space.put("dropout", FloatDistribution.uniform(0, 0.5));
    List<TrialRow> rows =
        Fixtures.trials(2).stream()
            .map(
                t -> {
                  Map<String, Object> p = new LinkedHashMap<>(t.params());
                  p.put("dropout", 0.25);
                  return new TrialRow(
                      t.study(),
                      t.number(),
                      t.state(),
                      t.values(),
                      p,
                      t.bracket(),
                      t.rung(),
                      t.epochsTrained(),
                      t.start(),
                      t.end(),
                      t.durationMs(),
                      t.seed(),
                      t.userAttrs(),
                      t.failReason(),
                      t.provenance(),
                      t.rankedRungs(),
                      t.rungObjectives(),
                      t.constraints());
                })
            .toList();
    open(root, "night-2", ParamSchema.fromSearchSpace(space), Duration.ZERO).trials().write(rows);
    Dataset<Row> trials = delta(root, TableSchemas.TRIALS);
    assertEquals(6, trials.count(), "both nights");
    assertEquals(
        2, trials.where("params.dropout = 0.25 AND run = 'night-2'").count(), "night 2's value");
    assertEquals(
        4, trials.where("params.dropout IS NULL AND run = 'night-1'").count(), "null in night 1");
  }

  @Test
  void aParameterWhoseTypeChangedIsRefusedNamingIt(@TempDir Path root) throws Exception {
    open(root, "night-1", Fixtures.params(), Duration.ZERO).trials().write(Fixtures.trials(2));
    Map<String, Distribution> space = new LinkedHashMap<>(Fixtures.searchSpace());
    space.put("layers", FloatDistribution.uniform(1, 4));
    InvalidOutputException e =
        assertThrows(
            InvalidOutputException.class,
            () -> open(root, "night-2", ParamSchema.fromSearchSpace(space), Duration.ZERO));
    assertTrue(
        e.getMessage().contains("column layers is int in one run and double"), e.getMessage());
    assertTrue(e.getMessage().contains("night-2"), e.getMessage());
    assertEquals(2, delta(root, TableSchemas.TRIALS).count(), "night 1 as it was");
  }

  @Test
  void aDamagedLogRefusesTheOutputNamingIt(@TempDir Path root) throws Exception {
    open(root, "night-1", Fixtures.params(), Duration.ZERO).trials().write(Fixtures.trials(2));
    Path log = root.resolve("trials/_delta_log");
    Files.writeString(log.resolve("00000000000000000001.json"), "{\"add\": not json\n");
    InvalidOutputException e =
        assertThrows(
            InvalidOutputException.class,
            () -> open(root, "night-2", Fixtures.params(), Duration.ZERO));
    assertTrue(e.getMessage().contains(log.getFileName().toString()), e.getMessage());
    assertTrue(e.getMessage().contains("cannot take this run's table trials"), e.getMessage());
    assertFalse(e.getMessage().contains("\tat "), "no stack trace in the message");
  }

  @Test
  void filesPublishedButNotCommittedAreRecordedWhenReopened(@TempDir Path root) throws Exception {
    FileSystem fs = Fixtures.localFs();
    open(root, "night-1", Fixtures.params(), Duration.ZERO).trials().write(Fixtures.trials(2));
    // A driver that stopped between the rename and the commit: files the log does not hold (the
    // trials snapshot it had committed deleted, as its successor replaced it).
    Tables plain = Tables.openForWriting(fs, run(root, "night-1"), Fixtures.params());
    plain.trials().write(Fixtures.trials(5));
    plain.intermediateValues().append(Fixtures.intermediates(0, 1, 3));
    assertEquals(0, delta(root, TableSchemas.INTERMEDIATE_VALUES).count());

    open(root, "night-1", Fixtures.params(), Duration.ZERO);
    assertEquals(5, delta(root, TableSchemas.TRIALS).count(), "the newest snapshot, recorded");
    assertEquals(2, delta(root, TableSchemas.INTERMEDIATE_VALUES).count());
    assertFalse(
        delta(root, TableSchemas.TRIALS).inputFiles().length > 1, "the deleted one removed");
  }
}
