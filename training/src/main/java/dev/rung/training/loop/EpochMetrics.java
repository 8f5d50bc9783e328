package dev.rung.training.loop;

import java.io.Serializable;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What one epoch of a trial measured, whatever trained it: the metrics by name (the built-in
 * networks report {@code train_loss}, {@code val_loss}, {@code val_accuracy} and {@code
 * val_macro_f1}; a user's trainer reports what it chooses) and how long the epoch took.
 *
 * @param epoch the epoch's 0-based index; its values are reported at step {@code epoch + 1}, the
 *     number of epochs trained
 * @param values the metrics by name, in the order reported
 * @param trainSeconds wall time of the epoch's training (for a user's trainer: the whole epoch)
 * @param evalSeconds wall time of the validation pass, when measured apart (else 0)
 */
public record EpochMetrics(
    int epoch, Map<String, Double> values, double trainSeconds, double evalSeconds)
    implements Serializable {
  private static final long serialVersionUID = 2L;

  private static final String TRAIN_LOSS = Metric.TRAIN_LOSS.key();
  private static final String VAL_LOSS = Metric.VAL_LOSS.key();
  private static final String VAL_ACCURACY = Metric.VAL_ACCURACY.key();
  private static final String VAL_MACRO_F1 = Metric.VAL_MACRO_F1.key();

  public EpochMetrics {
    values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
  }

  /** The four metrics of a built-in network's epoch. */
  public EpochMetrics(
      int epoch,
      double trainLoss,
      double validationLoss,
      double validationAccuracy,
      double validationMacroF1,
      double trainSeconds,
      double evalSeconds) {
    this(
        epoch,
        builtIn(trainLoss, validationLoss, validationAccuracy, validationMacroF1),
        trainSeconds,
        evalSeconds);
  }

  private static Map<String, Double> builtIn(
      double trainLoss, double validationLoss, double validationAccuracy, double macroF1) {
    Map<String, Double> m = new LinkedHashMap<>();
    m.put(TRAIN_LOSS, trainLoss);
    m.put(VAL_LOSS, validationLoss);
    m.put(VAL_ACCURACY, validationAccuracy);
    m.put(VAL_MACRO_F1, macroF1);
    return m;
  }

  /** The number of epochs completed after this one: the step reported to a trial. */
  public int step() {
    return epoch + 1;
  }

  /** The value of metric {@code name}, or NaN when the epoch did not report it. */
  public double value(String name) {
    Double v = values.get(name);
    return v == null ? Double.NaN : v;
  }

  /** The value of {@code metric}, or NaN when the epoch did not report it. */
  public double value(Metric metric) {
    return value(metric.key());
  }

  public double trainLoss() {
    return value(TRAIN_LOSS);
  }

  public double validationLoss() {
    return value(VAL_LOSS);
  }

  public double validationAccuracy() {
    return value(VAL_ACCURACY);
  }

  public double validationMacroF1() {
    return value(VAL_MACRO_F1);
  }

  /** The epoch's wall time, training and validation, in whole milliseconds. */
  public long millis() {
    return Math.round(1000 * (trainSeconds + evalSeconds));
  }
}
