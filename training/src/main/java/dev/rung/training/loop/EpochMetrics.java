package dev.rung.training.loop;

/**
 * What one epoch produced.
 *
 * @param epoch the epoch's 0-based index
 * @param trainLoss mean training loss over the epoch's batches (with regularization terms)
 * @param validationLoss mean cross-entropy on the validation examples
 * @param validationAccuracy fraction of validation examples classified correctly
 * @param validationMacroF1 F1 averaged over classes, each class weighted equally
 * @param trainSeconds wall time of the epoch's training steps
 * @param evalSeconds wall time of the validation pass
 */
public record EpochMetrics(
    int epoch,
    double trainLoss,
    double validationLoss,
    double validationAccuracy,
    double validationMacroF1,
    double trainSeconds,
    double evalSeconds) {

  /** The number of epochs completed after this one: the step reported to a trial. */
  public int step() {
    return epoch + 1;
  }

  /** The value of {@code metric}. */
  public double value(Metric metric) {
    return switch (metric) {
      case VAL_ACCURACY -> validationAccuracy;
      case VAL_MACRO_F1 -> validationMacroF1;
      case VAL_LOSS -> validationLoss;
      case TRAIN_LOSS -> trainLoss;
    };
  }
}
