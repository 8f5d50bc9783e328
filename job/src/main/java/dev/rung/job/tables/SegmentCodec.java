package dev.rung.job.tables;

import static dev.rung.job.tables.GroupFields.require;

import java.time.Instant;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.schema.MessageType;

/** The segments table's rows as Parquet records. */
final class SegmentCodec implements RowCodec<SegmentRow> {

  private static final MessageType SCHEMA = TableSchemas.segments();

  @Override
  public String table() {
    return TableSchemas.SEGMENTS;
  }

  @Override
  public MessageType schema() {
    return SCHEMA;
  }

  @Override
  public void write(SegmentRow row, RowWriter out) {
    out.startRecord();
    out.string("study", row.study());
    out.string("segment_id", row.segmentId());
    out.int32("trial", row.trial());
    out.int32("rung", row.rung());
    out.int32("bracket", row.bracket());
    out.int32("epoch_from", row.epochFrom());
    out.int32("epoch_to", row.epochTo());
    out.string("executor_id", row.executorId());
    out.string("host", row.host());
    out.string("gpu_address", row.gpuAddress());
    out.int32("attempt", row.attempt());
    out.timestamp("start_time", row.start());
    out.timestamp("end_time", row.end());
    out.int64("duration_ms", row.durationMs());
    out.string("outcome", row.outcome().text());
    out.string("reason", row.reason());
    out.string("input_checkpoint", row.inputCheckpoint());
    out.string("output_checkpoint", row.outputCheckpoint());
    out.endRecord();
  }

  @Override
  public SegmentRow read(Group g) {
    Instant start = require(GroupFields.timestamp(g, "start_time"), "start_time");
    Instant end = require(GroupFields.timestamp(g, "end_time"), "end_time");
    Long duration = GroupFields.int64(g, "duration_ms");
    Integer bracket = GroupFields.int32(g, "bracket");
    Integer attempt = GroupFields.int32(g, "attempt");
    return new SegmentRow(
        require(GroupFields.string(g, "study"), "study"),
        require(GroupFields.string(g, "segment_id"), "segment_id"),
        require(GroupFields.int32(g, "trial"), "trial"),
        require(GroupFields.int32(g, "rung"), "rung"),
        bracket == null ? 0 : bracket,
        require(GroupFields.int32(g, "epoch_from"), "epoch_from"),
        require(GroupFields.int32(g, "epoch_to"), "epoch_to"),
        GroupFields.string(g, "executor_id"),
        GroupFields.string(g, "host"),
        GroupFields.string(g, "gpu_address"),
        attempt == null ? 0 : attempt,
        start,
        end,
        duration == null ? end.toEpochMilli() - start.toEpochMilli() : duration,
        SegmentOutcome.parse(require(GroupFields.string(g, "outcome"), "outcome")),
        GroupFields.string(g, "reason"),
        GroupFields.string(g, "input_checkpoint"),
        GroupFields.string(g, "output_checkpoint"));
  }
}
