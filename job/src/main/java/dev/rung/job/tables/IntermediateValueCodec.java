package dev.rung.job.tables;

import static dev.rung.job.tables.GroupFields.require;

import org.apache.parquet.example.data.Group;
import org.apache.parquet.schema.MessageType;

/** The intermediate values table's rows as Parquet records. */
final class IntermediateValueCodec implements RowCodec<IntermediateValueRow> {

  private static final MessageType SCHEMA = TableSchemas.intermediateValues();

  @Override
  public String table() {
    return TableSchemas.INTERMEDIATE_VALUES;
  }

  @Override
  public MessageType schema() {
    return SCHEMA;
  }

  @Override
  public void write(IntermediateValueRow row, RowWriter out) {
    out.startRecord();
    out.string("study", row.study());
    out.int32("trial", row.trial());
    out.int32("step", row.step());
    out.float64("value", row.value());
    out.float64("train_loss", row.trainLoss());
    out.float64("val_loss", row.valLoss());
    out.float64("val_accuracy", row.valAccuracy());
    out.float64("val_macro_f1", row.valMacroF1());
    out.float64("epoch_time_ms", row.epochTimeMs());
    out.string("segment_id", row.segmentId());
    out.endRecord();
  }

  @Override
  public IntermediateValueRow read(Group g) {
    Double value = GroupFields.float64(g, "value");
    return new IntermediateValueRow(
        require(GroupFields.string(g, "study"), "study"),
        require(GroupFields.int32(g, "trial"), "trial"),
        require(GroupFields.int32(g, "step"), "step"),
        value == null ? Double.NaN : value,
        GroupFields.float64(g, "train_loss"),
        GroupFields.float64(g, "val_loss"),
        GroupFields.float64(g, "val_accuracy"),
        GroupFields.float64(g, "val_macro_f1"),
        GroupFields.float64(g, "epoch_time_ms"),
        GroupFields.string(g, "segment_id"));
  }
}
