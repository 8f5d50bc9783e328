package dev.rung.job.tables;

import java.util.List;

/** The intermediate values table: its columns, and its rows as Parquet records. */
final class IntermediateValueCodec {
  private IntermediateValueCodec() {}

  private static final Column<IntermediateValueRow, String> STUDY =
      Column.string("study", true, IntermediateValueRow::study);
  private static final Column<IntermediateValueRow, Integer> TRIAL =
      Column.int32("trial", true, IntermediateValueRow::trial);
  private static final Column<IntermediateValueRow, Integer> STEP =
      Column.int32("step", true, IntermediateValueRow::step);
  private static final Column<IntermediateValueRow, Double> VALUE =
      Column.float64("value", true, IntermediateValueRow::value).orElse(Double.NaN);
  private static final Column<IntermediateValueRow, Double> TRAIN_LOSS =
      Column.float64("train_loss", false, IntermediateValueRow::trainLoss);
  private static final Column<IntermediateValueRow, Double> VAL_LOSS =
      Column.float64("val_loss", false, IntermediateValueRow::valLoss);
  private static final Column<IntermediateValueRow, Double> VAL_ACCURACY =
      Column.float64("val_accuracy", false, IntermediateValueRow::valAccuracy);
  private static final Column<IntermediateValueRow, Double> VAL_MACRO_F1 =
      Column.float64("val_macro_f1", false, IntermediateValueRow::valMacroF1);
  private static final Column<IntermediateValueRow, Double> EPOCH_TIME_MS =
      Column.float64("epoch_time_ms", false, IntermediateValueRow::epochTimeMs);
  private static final Column<IntermediateValueRow, String> SEGMENT_ID =
      Column.string("segment_id", false, IntermediateValueRow::segmentId);

  /** The table's codec. */
  static final ColumnCodec<IntermediateValueRow> CODEC =
      new ColumnCodec<>(
          TableSchemas.INTERMEDIATE_VALUES,
          List.of(
              STUDY,
              TRIAL,
              STEP,
              VALUE,
              TRAIN_LOSS,
              VAL_LOSS,
              VAL_ACCURACY,
              VAL_MACRO_F1,
              EPOCH_TIME_MS,
              SEGMENT_ID),
          v ->
              new IntermediateValueRow(
                  v.get(STUDY),
                  v.get(TRIAL),
                  v.get(STEP),
                  v.get(VALUE),
                  v.get(TRAIN_LOSS),
                  v.get(VAL_LOSS),
                  v.get(VAL_ACCURACY),
                  v.get(VAL_MACRO_F1),
                  v.get(EPOCH_TIME_MS),
                  v.get(SEGMENT_ID)));
}
