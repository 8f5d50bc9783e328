package dev.rung.training.loop;

import java.util.Locale;

/** The per-epoch values a trial can report and optimize. */
public enum Metric {
  VAL_ACCURACY(true),
  VAL_MACRO_F1(true),
  VAL_LOSS(false),
  TRAIN_LOSS(false);

  private final boolean higherIsBetter;

  Metric(boolean higherIsBetter) {
    this.higherIsBetter = higherIsBetter;
  }

  /** Whether larger values are better (so the study should maximize it). */
  public boolean higherIsBetter() {
    return higherIsBetter;
  }

  /** The metric's name as reported and configured, e.g. {@code val_accuracy}. */
  public String key() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Parses {@code val_accuracy}, {@code val_macro_f1}, {@code val_loss} or {@code train_loss}. */
  public static Metric parse(String name) {
    try {
      return valueOf(name.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "metric '"
              + name
              + "' is not known; allowed: [val_accuracy, val_macro_f1, val_loss, train_loss]");
    }
  }
}
