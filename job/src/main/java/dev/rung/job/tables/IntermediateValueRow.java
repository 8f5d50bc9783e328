package dev.rung.job.tables;

/**
 * One row of the intermediate values table: the metrics of one trial after one epoch.
 *
 * @param study the study's name
 * @param trial the trial's number
 * @param step the epochs trained when the metrics were taken, from 1: step k follows the k-th epoch
 *     (a trainer's 0-based epoch e is step e + 1)
 * @param value the objective metric at this step (NaN when the metric diverged)
 * @param trainLoss mean training loss of the epoch, or null
 * @param valLoss validation loss, or null
 * @param valAccuracy validation accuracy, or null
 * @param valMacroF1 validation macro-averaged F1, or null
 * @param epochTimeMs wall time of the epoch in milliseconds, or null
 * @param segmentId the segment that trained this epoch, or null
 */
public record IntermediateValueRow(
    String study,
    int trial,
    int step,
    double value,
    Double trainLoss,
    Double valLoss,
    Double valAccuracy,
    Double valMacroF1,
    Double epochTimeMs,
    String segmentId) {

  /** Validates the row. */
  public IntermediateValueRow {
    Rows.requireText("study", study);
    Rows.requireNonNegative("trial number", trial);
    Rows.requireNonNegative("step of trial " + trial, step);
    if (epochTimeMs != null && !(epochTimeMs >= 0)) {
      throw new IllegalArgumentException(
          "epoch time of trial "
              + trial
              + " step "
              + step
              + " is "
              + epochTimeMs
              + ": it must be >= 0");
    }
  }
}
