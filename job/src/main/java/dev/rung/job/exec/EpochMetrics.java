package dev.rung.job.exec;

import java.io.Serializable;

/**
 * What one epoch of training measured.
 *
 * @param epoch the epoch's number (0-based); its intermediate value is reported at step epoch + 1,
 *     the number of epochs trained
 * @param value the objective metric after this epoch
 * @param trainLoss mean training loss over the epoch
 * @param valLoss validation loss
 * @param valAccuracy validation accuracy
 * @param valMacroF1 validation macro-averaged F1
 * @param millis wall time of the epoch including evaluation
 */
public record EpochMetrics(
    int epoch,
    double value,
    double trainLoss,
    double valLoss,
    double valAccuracy,
    double valMacroF1,
    long millis)
    implements Serializable {
  private static final long serialVersionUID = 1L;

  /** The step at which the value is reported: the number of epochs trained so far. */
  public int step() {
    return epoch + 1;
  }
}
