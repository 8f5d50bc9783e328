package dev.rung.training.loop;

import dev.rung.study.Trial;
import java.util.Objects;

/**
 * Reports one metric of each epoch to a trial, at step = epochs completed ({@link
 * EpochMetrics#step()}), and asks the trial's pruner whether to stop. The other metrics are kept as
 * user attributes ({@code epoch_<n>_val_loss}, ...) when {@code recordAll} is set.
 */
public final class TrialReporter implements EpochReporter {
  private final Trial trial;
  private final Metric metric;
  private final boolean recordAll;

  public TrialReporter(Trial trial, Metric metric, boolean recordAll) {
    this.trial = Objects.requireNonNull(trial, "trial");
    this.metric = Objects.requireNonNull(metric, "metric");
    this.recordAll = recordAll;
  }

  /** Reports {@code metric} only. */
  public TrialReporter(Trial trial, Metric metric) {
    this(trial, metric, false);
  }

  @Override
  public void report(EpochMetrics m) {
    trial.report(m.value(metric), m.step());
    if (recordAll) {
      String p = "epoch_" + m.step() + "_";
      trial.setUserAttr(p + "train_loss", m.trainLoss());
      trial.setUserAttr(p + "val_loss", m.validationLoss());
      trial.setUserAttr(p + "val_accuracy", m.validationAccuracy());
      trial.setUserAttr(p + "val_macro_f1", m.validationMacroF1());
      trial.setUserAttr(p + "seconds", m.trainSeconds() + m.evalSeconds());
    }
  }

  @Override
  public boolean shouldPrune() {
    return trial.shouldPrune();
  }
}
