package dev.rung.job.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rung.job.config.InvalidConfigException;
import dev.rung.job.config.SweepConfig;
import dev.rung.job.config.SweepConfigLoader;
import dev.rung.job.tables.ParamSchema;
import dev.rung.job.tables.RunRow;
import dev.rung.job.tables.SegmentOutcome;
import dev.rung.job.tables.SegmentRow;
import dev.rung.job.tables.TableLog;
import dev.rung.job.tables.Tables;
import dev.rung.job.tables.WriteGuard;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Instant;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The runs table: a row per execution with its run id and attempt, how it ended, and, for a driver
 * that died, a row written by the next execution from the marker it left.
 */
class RunLogTest {
  @TempDir java.nio.file.Path dir;

  private static final Instant NIGHT = Instant.parse("2026-12-01T02:00:00Z");

  private SweepConfig config(String... overrides) {
    List<String> all = new java.util.ArrayList<>(List.of("output=" + dir.resolve("out")));
    all.addAll(List.of(overrides));
    return SweepConfigLoader.load(new File("../conf/digits.conf"), all);
  }

  private FileSystem fs() throws Exception {
    return FileSystem.getLocal(new Configuration());
  }

  private Path output() {
    return new Path(dir.resolve("out").toString());
  }

  private static PrintStream sink(ByteArrayOutputStream bytes) {
    return new PrintStream(bytes, true, StandardCharsets.UTF_8);
  }

  @Test
  void eachExecutionIsARowAndTheDefaultRunIdIsTheUtcDate() throws Exception {
    SweepConfig c = config();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    RunLog first =
        RunLog.begin(fs(), output(), c, WriteGuard.NONE, TableLog.Factory.NONE, NIGHT, sink(out));
    assertEquals("2026-12-01", first.runId());
    assertTrue(Files.exists(dir.resolve("out").resolve(RunLog.MARKER)), "marked while it runs");
    first.end(0, null, NIGHT.plusSeconds(60));
    assertFalse(Files.exists(dir.resolve("out").resolve(RunLog.MARKER)));

    RunLog second =
        RunLog.begin(
            fs(),
            output(),
            c,
            WriteGuard.NONE,
            TableLog.Factory.NONE,
            NIGHT.plusSeconds(3600),
            sink(out));
    assertEquals(2, second.attempt(), "the same night again: attempt 2 of its run");
    second.end(Main.INVALID, "rung.data.path: no such file", NIGHT.plusSeconds(3601));

    List<RunRow> runs = Tables.readRuns(fs(), output());
    assertEquals(2, runs.size());
    RunRow a = runs.get(0);
    assertEquals("digits-mlp", a.study());
    assertEquals(1, a.attempt());
    assertEquals(RunRow.Outcome.FINISHED, a.outcome());
    assertEquals(0, a.exitCode());
    assertEquals(NIGHT, a.start());
    assertEquals(NIGHT.plusSeconds(60), a.end());
    assertEquals(c.hash(), a.configHash());
    assertEquals(0, a.trials(), "nothing recorded in the study yet");
    assertNull(a.bestTrial());
    assertNull(a.message());
    RunRow b = runs.get(1);
    assertEquals(RunRow.Outcome.FAILED, b.outcome());
    assertEquals(Main.INVALID, b.exitCode());
    assertEquals("rung.data.path: no such file", b.message());
  }

  @Test
  void aRunIdFromTheSettingAndItsCheck() throws Exception {
    RunLog log =
        RunLog.begin(
            fs(),
            output(),
            config("run.id=nightly-42"),
            WriteGuard.NONE,
            TableLog.Factory.NONE,
            NIGHT,
            sink(new ByteArrayOutputStream()));
    assertEquals("nightly-42", log.runId());
    log.end(Main.INTERRUPTED, null, NIGHT.plusSeconds(5));
    RunRow r = Tables.readRuns(fs(), output()).get(0);
    assertEquals(RunRow.Outcome.STOPPED, r.outcome());
    assertNull(r.message(), "a stop on request is not a failure");

    InvalidConfigException e =
        assertThrows(InvalidConfigException.class, () -> config("run.id=\"two words\""));
    assertTrue(e.getMessage().contains("run.id"), e.getMessage());
    assertTrue(e.getMessage().contains("'two words' is not allowed"), e.getMessage());
  }

  /**
   * A driver that died leaves its marker: the next execution records it as interrupted, ending with
   * its last recorded segment, without an exit code, and then runs as attempt 2.
   */
  @Test
  void aDriverThatDiedIsRecordedByTheNextExecution() throws Exception {
    SweepConfig c = config("run.id=n1");
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    RunLog.begin(
        fs(), output(), c, WriteGuard.NONE, TableLog.Factory.NONE, NIGHT, sink(out)); // never ends
    Instant segmentEnd = NIGHT.plusSeconds(90);
    Tables.openForWriting(fs(), output(), ParamSchema.fromSearchSpace(c.space().allNames()))
        .segments()
        .append(
            List.of(
                new SegmentRow(
                    "digits-mlp",
                    "s-0-0",
                    0,
                    0,
                    0,
                    0,
                    1,
                    "1",
                    "host",
                    null,
                    0,
                    NIGHT.plusSeconds(30),
                    segmentEnd,
                    60_000,
                    SegmentOutcome.PROMOTED,
                    null,
                    null,
                    "ckpt",
                    "cpu")));
    RunLog next =
        RunLog.begin(
            fs(),
            output(),
            c,
            WriteGuard.NONE,
            TableLog.Factory.NONE,
            NIGHT.plusSeconds(600),
            sink(out));
    assertEquals(2, next.attempt());
    assertTrue(
        out.toString(StandardCharsets.UTF_8).contains("recorded as interrupted"), out.toString());
    RunRow dead = Tables.readRuns(fs(), output()).get(0);
    assertEquals(RunRow.Outcome.INTERRUPTED, dead.outcome());
    assertEquals(1, dead.attempt());
    assertEquals(NIGHT, dead.start());
    assertEquals(segmentEnd, dead.end(), "it ended, at the latest, with its last segment");
    assertNull(dead.exitCode());
    assertEquals(0, dead.epochs(), "epochs are the trials' own count: no trial is recorded here");
    assertEquals(60_000, dead.segmentMillis(), "the slot time of the segment it started");
  }

  @Test
  void aMarkerThatIsNotOursIsReportedAndReplaced() throws Exception {
    Files.createDirectories(dir.resolve("out"));
    Files.writeString(dir.resolve("out").resolve(RunLog.MARKER), "{\"run_id\": 7");
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    RunLog log =
        RunLog.begin(
            fs(), output(), config(), WriteGuard.NONE, TableLog.Factory.NONE, NIGHT, sink(out));
    assertTrue(
        out.toString(StandardCharsets.UTF_8).contains("is not the marker of an earlier run"),
        out.toString());
    assertEquals(1, log.attempt());
    assertTrue(Tables.readRuns(fs(), output()).isEmpty(), "nothing made up for it");
    assertTrue(
        Files.readString(dir.resolve("out").resolve(RunLog.MARKER)).contains("\"attempt\":1"));
  }

  /** A damaged file in the runs table never stops a sweep: it is said, and the row is appended. */
  @Test
  void aDamagedRunsFileIsSaidAndTheRowStillAppended() throws Exception {
    java.nio.file.Path runs = dir.resolve("out").resolve("runs");
    Files.createDirectories(runs);
    Files.writeString(runs.resolve("part-00000000-damaged.parquet"), "not parquet");
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    RunLog log =
        RunLog.begin(
            fs(), output(), config(), WriteGuard.NONE, TableLog.Factory.NONE, NIGHT, sink(out));
    assertTrue(
        out.toString(StandardCharsets.UTF_8).contains("the runs table under"), out.toString());
    assertEquals(1, log.attempt());
    log.end(0, null, NIGHT.plusSeconds(1));
    try (var files = Files.list(runs)) {
      assertEquals(2, files.filter(f -> f.getFileName().toString().startsWith("part-")).count());
    }
  }
}
