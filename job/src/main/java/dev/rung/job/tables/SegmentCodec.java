package dev.rung.job.tables;

import java.time.Instant;
import java.util.List;

/** The segments table: its columns, and its rows as Parquet records. */
final class SegmentCodec {
  private SegmentCodec() {}

  private static final Column<SegmentRow, String> STUDY =
      Column.string("study", true, SegmentRow::study);
  private static final Column<SegmentRow, String> SEGMENT_ID =
      Column.string("segment_id", true, SegmentRow::segmentId);
  private static final Column<SegmentRow, Integer> TRIAL =
      Column.int32("trial", true, SegmentRow::trial);
  private static final Column<SegmentRow, Integer> RUNG =
      Column.int32("rung", true, SegmentRow::rung);
  private static final Column<SegmentRow, Integer> BRACKET =
      Column.int32("bracket", true, SegmentRow::bracket).orElse(0);
  private static final Column<SegmentRow, Integer> EPOCH_FROM =
      Column.int32("epoch_from", true, SegmentRow::epochFrom);
  private static final Column<SegmentRow, Integer> EPOCH_TO =
      Column.int32("epoch_to", true, SegmentRow::epochTo);
  private static final Column<SegmentRow, String> EXECUTOR_ID =
      Column.string("executor_id", false, SegmentRow::executorId);
  private static final Column<SegmentRow, String> HOST =
      Column.string("host", false, SegmentRow::host);
  private static final Column<SegmentRow, String> GPU_ADDRESS =
      Column.string("gpu_address", false, SegmentRow::gpuAddress);
  private static final Column<SegmentRow, String> BACKEND =
      Column.string("backend", false, SegmentRow::backend);
  private static final Column<SegmentRow, Integer> ATTEMPT =
      Column.int32("attempt", true, SegmentRow::attempt).orElse(0);
  private static final Column<SegmentRow, Instant> START_TIME =
      Column.timestamp("start_time", true, SegmentRow::start);
  private static final Column<SegmentRow, Instant> END_TIME =
      Column.timestamp("end_time", true, SegmentRow::end);

  /** Files without it read as -1: the duration is then the span from start to end. */
  private static final Column<SegmentRow, Long> DURATION_MS =
      Column.int64("duration_ms", true, SegmentRow::durationMs).orElse(-1L);

  private static final Column<SegmentRow, String> OUTCOME =
      Column.string("outcome", true, (SegmentRow r) -> r.outcome().text());
  private static final Column<SegmentRow, String> REASON =
      Column.string("reason", false, SegmentRow::reason);
  private static final Column<SegmentRow, String> INPUT_CHECKPOINT =
      Column.string("input_checkpoint", false, SegmentRow::inputCheckpoint);
  private static final Column<SegmentRow, String> OUTPUT_CHECKPOINT =
      Column.string("output_checkpoint", false, SegmentRow::outputCheckpoint);

  /** The table's codec. */
  static final ColumnCodec<SegmentRow> CODEC =
      new ColumnCodec<>(
          TableSchemas.SEGMENTS,
          List.of(
              STUDY,
              SEGMENT_ID,
              TRIAL,
              RUNG,
              BRACKET,
              EPOCH_FROM,
              EPOCH_TO,
              EXECUTOR_ID,
              HOST,
              GPU_ADDRESS,
              ATTEMPT,
              START_TIME,
              END_TIME,
              DURATION_MS,
              OUTCOME,
              REASON,
              INPUT_CHECKPOINT,
              OUTPUT_CHECKPOINT,
              BACKEND),
          SegmentCodec::read);

  private static SegmentRow read(ColumnCodec.Values v) {
    Instant start = v.get(START_TIME);
    Instant end = v.get(END_TIME);
    long duration = v.get(DURATION_MS);
    return new SegmentRow(
        v.get(STUDY),
        v.get(SEGMENT_ID),
        v.get(TRIAL),
        v.get(RUNG),
        v.get(BRACKET),
        v.get(EPOCH_FROM),
        v.get(EPOCH_TO),
        v.get(EXECUTOR_ID),
        v.get(HOST),
        v.get(GPU_ADDRESS),
        v.get(ATTEMPT),
        start,
        end,
        duration < 0 ? end.toEpochMilli() - start.toEpochMilli() : duration,
        SegmentOutcome.parse(v.get(OUTCOME)),
        v.get(REASON),
        v.get(INPUT_CHECKPOINT),
        v.get(OUTPUT_CHECKPOINT),
        v.get(BACKEND));
  }
}
