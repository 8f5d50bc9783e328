package dev.rung.job.tables;

import java.time.Instant;
import java.util.List;

/** The runs table: its columns, and its rows as Parquet records. */
final class RunCodec {
  private RunCodec() {}

  private static final Column<RunRow, String> STUDY = Column.string("study", true, RunRow::study);
  private static final Column<RunRow, String> RUN_ID = Column.string("run_id", true, RunRow::runId);
  private static final Column<RunRow, Integer> ATTEMPT =
      Column.int32("attempt", true, RunRow::attempt);
  private static final Column<RunRow, Instant> START_TIME =
      Column.timestamp("start_time", true, RunRow::start);
  private static final Column<RunRow, Instant> END_TIME =
      Column.timestamp("end_time", true, RunRow::end);
  private static final Column<RunRow, String> OUTCOME =
      Column.string("outcome", true, (RunRow r) -> r.outcome().text());
  private static final Column<RunRow, Integer> EXIT_CODE =
      Column.int32("exit_code", false, RunRow::exitCode);
  private static final Column<RunRow, String> CONFIG_HASH =
      Column.string("config_hash", true, RunRow::configHash);
  private static final Column<RunRow, String> VERSION =
      Column.string("code_version", false, RunRow::version);
  private static final Column<RunRow, String> MASTER =
      Column.string("spark_master", false, RunRow::master);
  private static final Column<RunRow, Integer> TRIALS =
      Column.int32("trials", true, RunRow::trials);
  private static final Column<RunRow, Integer> COMPLETE =
      Column.int32("complete", true, RunRow::complete);
  private static final Column<RunRow, Integer> PRUNED =
      Column.int32("pruned", true, RunRow::pruned);
  private static final Column<RunRow, Integer> FAILED =
      Column.int32("failed", true, RunRow::failed);
  private static final Column<RunRow, Long> EPOCHS = Column.int64("epochs", true, RunRow::epochs);
  private static final Column<RunRow, Long> SEGMENT_MS =
      Column.int64("segment_ms", true, RunRow::segmentMillis);
  private static final Column<RunRow, Integer> BEST_TRIAL =
      Column.int32("best_trial", false, RunRow::bestTrial);
  private static final Column<RunRow, Double> BEST_VALUE =
      Column.float64("best_value", false, RunRow::bestValue);
  private static final Column<RunRow, String> MESSAGE =
      Column.string("message", false, RunRow::message);

  /** The table's codec. */
  static final ColumnCodec<RunRow> CODEC =
      new ColumnCodec<>(
          TableSchemas.RUNS,
          List.of(
              STUDY,
              RUN_ID,
              ATTEMPT,
              START_TIME,
              END_TIME,
              OUTCOME,
              EXIT_CODE,
              CONFIG_HASH,
              VERSION,
              MASTER,
              TRIALS,
              COMPLETE,
              PRUNED,
              FAILED,
              EPOCHS,
              SEGMENT_MS,
              BEST_TRIAL,
              BEST_VALUE,
              MESSAGE),
          RunCodec::read);

  private static RunRow read(ColumnCodec.Values v) {
    return new RunRow(
        v.get(STUDY),
        v.get(RUN_ID),
        v.get(ATTEMPT),
        v.get(START_TIME),
        v.get(END_TIME),
        RunRow.Outcome.parse(v.get(OUTCOME)),
        v.get(EXIT_CODE),
        v.get(CONFIG_HASH),
        v.get(VERSION),
        v.get(MASTER),
        v.get(TRIALS),
        v.get(COMPLETE),
        v.get(PRUNED),
        v.get(FAILED),
        v.get(EPOCHS),
        v.get(SEGMENT_MS),
        v.get(BEST_TRIAL),
        v.get(BEST_VALUE),
        v.get(MESSAGE));
  }
}
