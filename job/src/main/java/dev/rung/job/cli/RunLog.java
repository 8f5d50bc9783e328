package dev.rung.job.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.rung.job.ConsoleText;
import dev.rung.job.config.SweepConfig;
import dev.rung.job.tables.ParamSchema;
import dev.rung.job.tables.RunRow;
import dev.rung.job.tables.SegmentRow;
import dev.rung.job.tables.TableLog;
import dev.rung.job.tables.TableSchemas;
import dev.rung.job.tables.Tables;
import dev.rung.job.tables.TrialRow;
import dev.rung.job.tables.WriteGuard;
import dev.rung.study.Direction;
import dev.rung.study.TrialState;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * The runs table of an output: one row per execution of the sweep on it, appended when the
 * execution ends, with its run id, times, outcome and exit code and what the study holds then.
 *
 * <p>An execution leaves a marker ({@value #MARKER}) under the output while it runs. A driver that
 * dies leaves its marker behind; the next execution finds it and records the dead one as {@code
 * interrupted}, ending with its last recorded segment.
 */
final class RunLog {
  /** The marker of a running execution, under the output. */
  static final String MARKER = "_run.json";

  private static final ObjectMapper JSON = new ObjectMapper();

  private final FileSystem fs;
  private final Path output;
  private final SweepConfig config;
  private final WriteGuard guard;
  private final TableLog.Factory logs;
  private final String runId;
  private final int attempt;
  private final Instant start;

  private RunLog(
      FileSystem fs,
      Path output,
      SweepConfig config,
      WriteGuard guard,
      TableLog.Factory logs,
      String runId,
      int attempt,
      Instant start) {
    this.fs = fs;
    this.output = output;
    this.config = config;
    this.guard = guard;
    this.logs = logs;
    this.runId = runId;
    this.attempt = attempt;
    this.start = start;
  }

  /**
   * The id of {@code c}'s run: {@code rung.run.id}, or when it is empty the UTC date of {@code
   * now}.
   */
  static String runId(SweepConfig c, Instant now) {
    return c.execution().runId().isEmpty()
        ? now.atZone(ZoneOffset.UTC).toLocalDate().toString()
        : c.execution().runId();
  }

  /**
   * Starts recording an execution of {@code c} that took the output at {@code now}: records an
   * execution that died earlier, if its marker is there, and leaves this one's marker. The runs
   * table's files are recorded in the log {@code logs} gives it.
   */
  static RunLog begin(
      FileSystem fs,
      Path output,
      SweepConfig c,
      WriteGuard guard,
      TableLog.Factory logs,
      Instant now,
      PrintStream out)
      throws IOException {
    String runId = runId(c, now);
    Path marker = new Path(output, MARKER);
    if (fs.exists(marker)) {
      recordDead(fs, output, c, guard, logs, marker, out);
    }
    List<RunRow> earlier;
    try {
      earlier = Tables.readRuns(fs, output);
    } catch (IOException | RuntimeException e) {
      // The runs table only describes the study: a damaged file of it never stops a sweep.
      out.println(
          "[rung] the runs table under "
              + ConsoleText.of(output.toString())
              + " cannot be read ("
              + ConsoleText.of(String.valueOf(e.getMessage()))
              + "): this run's attempt is counted without it, and its row is appended as usual");
      earlier = List.of();
    }
    int attempt = 1 + (int) earlier.stream().filter(r -> r.runId().equals(runId)).count();
    RunLog log = new RunLog(fs, output, c, guard, logs, runId, attempt, now);
    log.writeMarker(marker);
    return log;
  }

  /** The run's id. */
  String runId() {
    return runId;
  }

  /** The number of this execution among those of its run id on the output, from 1. */
  int attempt() {
    return attempt;
  }

  /**
   * Records the end of this execution, at {@code now}, with exit code {@code exit} and, for a
   * failure, {@code message}; removes the marker.
   */
  void end(int exit, String message, Instant now) throws IOException {
    RunRow.Outcome outcome =
        switch (exit) {
          case 0 -> RunRow.Outcome.FINISHED;
          case Main.NO_RESULT -> RunRow.Outcome.NO_RESULT;
          case Main.INTERRUPTED -> RunRow.Outcome.STOPPED;
          default -> RunRow.Outcome.FAILED;
        };
    append(
        fs,
        output,
        guard,
        logs,
        row(
            Snapshot.read(fs, output, config),
            config,
            runId,
            attempt,
            start,
            now,
            outcome,
            exit,
            config.hash(),
            Versions.code(),
            master(config),
            outcome == RunRow.Outcome.FAILED ? message : null));
    fs.delete(new Path(output, MARKER), false);
  }

  private void writeMarker(Path marker) throws IOException {
    ObjectNode n = JSON.createObjectNode();
    n.put("run_id", runId);
    n.put("attempt", attempt);
    n.put("start_millis", start.toEpochMilli());
    n.put("config_hash", config.hash());
    n.put("code_version", Versions.code());
    n.put("spark_master", master(config));
    guard.check();
    Path tmp = new Path(output, "." + MARKER + ".tmp");
    try (FSDataOutputStream s = fs.create(tmp, true)) {
      s.write(JSON.writeValueAsString(n).getBytes(StandardCharsets.UTF_8));
    }
    fs.delete(marker, false);
    fs.rename(tmp, marker);
  }

  /** Records the execution whose marker a dead driver left, then removes the marker. */
  private static void recordDead(
      FileSystem fs,
      Path output,
      SweepConfig c,
      WriteGuard guard,
      TableLog.Factory logs,
      Path marker,
      PrintStream out)
      throws IOException {
    JsonNode n;
    try (InputStream in = fs.open(marker)) {
      n = JSON.readTree(in.readAllBytes());
    } catch (IOException | RuntimeException e) {
      n = null;
    }
    String runId = n == null ? null : text(n, "run_id");
    String hash = n == null ? null : text(n, "config_hash");
    JsonNode attempt = n == null ? null : n.get("attempt");
    JsonNode started = n == null ? null : n.get("start_millis");
    if (runId == null
        || hash == null
        || attempt == null
        || !attempt.canConvertToInt()
        || attempt.intValue() < 1
        || started == null
        || !started.canConvertToLong()) {
      out.println(
          "[rung] "
              + marker
              + " is not the marker of an earlier run (an unreadable file, or not Rung's): the run"
              + " that left it is not recorded in the runs table");
      guard.check();
      fs.delete(marker, false);
      return;
    }
    Instant start = Instant.ofEpochMilli(started.longValue());
    Snapshot now = Snapshot.read(fs, output, c);
    Instant end = start;
    for (SegmentRow s : now.segments()) {
      if (s.end().isAfter(end)) {
        end = s.end();
      }
    }
    append(
        fs,
        output,
        guard,
        logs,
        row(
            now,
            c,
            runId,
            attempt.intValue(),
            start,
            end,
            RunRow.Outcome.INTERRUPTED,
            null,
            hash,
            text(n, "code_version"),
            text(n, "spark_master"),
            null));
    fs.delete(marker, false);
    out.println(
        "[rung] run "
            + ConsoleText.of(runId)
            + " (attempt "
            + attempt.intValue()
            + ") ended without saying how (its driver died): recorded as interrupted in the runs"
            + " table");
  }

  private static void append(
      FileSystem fs, Path output, WriteGuard guard, TableLog.Factory logs, RunRow row)
      throws IOException {
    guard.check();
    Tables.openRuns(fs, output, guard, logs).append(List.of(row));
  }

  /** The driver's Spark master: spark-submit's --master arrives as this property. */
  private static String master(SweepConfig c) {
    return System.getProperty("spark.master", c.execution().master());
  }

  private static String text(JsonNode n, String field) {
    JsonNode v = n.get(field);
    return v == null || !v.isTextual() || v.textValue().isBlank() ? null : v.textValue();
  }

  /**
   * What the output's tables hold when a row is written; empty, with the reason, when they cannot
   * be read (the row is still written: what ran, and why its counts are missing).
   */
  private record Snapshot(List<TrialRow> trials, List<SegmentRow> segments, String problem) {
    static Snapshot read(FileSystem fs, Path output, SweepConfig c) {
      try {
        List<TrialRow> trials =
            fs.exists(Tables.path(output, TableSchemas.TRIALS))
                ? Tables.readTrials(fs, output, ParamSchema.fromSearchSpace(c.space().allNames()))
                : List.of();
        List<SegmentRow> segments =
            fs.exists(Tables.path(output, TableSchemas.SEGMENTS))
                ? Tables.readSegments(fs, output)
                : List.of();
        return new Snapshot(trials, segments, null);
      } catch (IOException | RuntimeException e) {
        return new Snapshot(
            List.of(),
            List.of(),
            "the study's tables could not be read for this row: " + e.getMessage());
      }
    }
  }

  /** The row of an execution from {@code start} to {@code end}, with what {@code now} holds. */
  private static RunRow row(
      Snapshot now,
      SweepConfig c,
      String runId,
      int attempt,
      Instant start,
      Instant end,
      RunRow.Outcome outcome,
      Integer exit,
      String hash,
      String version,
      String master,
      String message) {
    if (now.problem() != null) {
      message = message == null ? now.problem() : message + "; " + now.problem();
    }
    int complete = 0;
    int pruned = 0;
    int failed = 0;
    long epochs = 0;
    TrialRow best = null;
    Direction first = c.directions().get(0);
    for (TrialRow t : now.trials()) {
      switch (t.state()) {
        case COMPLETE -> complete++;
        case PRUNED -> pruned++;
        case FAIL -> failed++;
        default -> {}
      }
      epochs += t.epochsTrained();
      if (t.state() == TrialState.COMPLETE
          && !t.values().isEmpty()
          && (best == null || first.better(t.values().get(0), best.values().get(0)))) {
        best = t;
      }
    }
    long segmentMillis = 0;
    for (SegmentRow s : now.segments()) {
      // The rows an earlier execution left for its interrupted segments carry its end as their
      // start, and no time.
      if (!s.start().isBefore(start) && !s.start().isAfter(end)) {
        segmentMillis += Math.max(0, s.durationMs());
      }
    }
    return new RunRow(
        c.studyName(),
        runId,
        attempt,
        start,
        end.isBefore(start) ? start : end,
        outcome,
        exit,
        hash,
        version,
        master,
        now.trials().size(),
        complete,
        pruned,
        failed,
        epochs,
        segmentMillis,
        best == null ? null : best.number(),
        best == null ? null : best.values().get(0),
        message == null ? null : firstLines(message));
  }

  private static String firstLines(String message) {
    return message.length() <= 2_000 ? message : message.substring(0, 2_000) + " ...";
  }
}
