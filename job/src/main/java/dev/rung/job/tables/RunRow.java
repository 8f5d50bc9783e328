package dev.rung.job.tables;

import java.time.Instant;
import java.util.Locale;

/**
 * One row of the {@code runs} table: one execution of {@code rung sweep} on an output, written when
 * it ends (or, for a driver that died, by the next execution).
 *
 * @param study the study's name
 * @param runId the run's id ({@code rung.run.id}: by default the UTC date it started on)
 * @param attempt 1 for the first execution with this run id on this output, 2 for the next, ...
 * @param start when the execution took the output
 * @param end when it ended; for an interrupted one, the end of its last recorded segment (or its
 *     start when it recorded none)
 * @param outcome how it ended
 * @param exitCode the command's exit code; null when the driver died
 * @param configHash the hash of the resolved sweep definition
 * @param version the code version of the driver
 * @param master the Spark master
 * @param trials trials recorded in the output when it ended
 * @param complete of which COMPLETE
 * @param pruned of which PRUNED
 * @param failed of which FAIL
 * @param epochs epochs trained in the study so far: the sum of its trials' epochs trained
 * @param segmentMillis the slot time of the segments this execution started: the sum of their
 *     durations, what its trials cost in executor (GPU) time
 * @param bestTrial the best COMPLETE trial by the first objective, or null
 * @param bestValue its first objective, or null
 * @param message what went wrong, for a failed execution; else null
 */
public record RunRow(
    String study,
    String runId,
    int attempt,
    Instant start,
    Instant end,
    Outcome outcome,
    Integer exitCode,
    String configHash,
    String version,
    String master,
    int trials,
    int complete,
    int pruned,
    int failed,
    long epochs,
    long segmentMillis,
    Integer bestTrial,
    Double bestValue,
    String message) {

  /** How an execution ended; stored in lower case in the {@code outcome} column. */
  public enum Outcome {
    /** Exit code 0: the budget is spent (or was earlier) and a trial completed. */
    FINISHED,
    /** Exit code 3: the sweep ran, but no trial completed. */
    NO_RESULT,
    /** Exit code 130: stopped on request; the next execution continues the run. */
    STOPPED,
    /** Any other exit code: an error, named in {@code message}. */
    FAILED,
    /** The driver died (killed, lost) before it could say; found by the next execution. */
    INTERRUPTED;

    /** The stored text. */
    public String text() {
      return name().toLowerCase(Locale.ROOT);
    }

    /** The outcome stored as {@code text}. */
    public static Outcome parse(String text) {
      for (Outcome o : values()) {
        if (o.text().equals(text)) {
          return o;
        }
      }
      throw new IllegalArgumentException(
          "run outcome '"
              + text
              + "' is unknown: allowed are finished, no_result, stopped,"
              + " failed, interrupted");
    }
  }

  /** Validates the row. */
  public RunRow {
    Rows.requireText("study", study);
    Rows.requireText("run id", runId);
    if (attempt < 1) {
      throw new IllegalArgumentException("attempt " + attempt + " of run " + runId + " is < 1");
    }
    Rows.requireOrdered("run " + runId, start, end);
    if (outcome == null) {
      throw new IllegalArgumentException("run " + runId + " has no outcome");
    }
    Rows.requireText("config hash of run " + runId, configHash);
    Rows.requireNonNegative("trials of run " + runId, trials);
    Rows.requireNonNegative("epochs of run " + runId, epochs);
    Rows.requireNonNegative("segment time of run " + runId, segmentMillis);
  }
}
