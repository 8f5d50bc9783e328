package dev.rung.job.trainers;

import java.util.Map;

/**
 * The {@link CurveTrainer}, except that trial 1 throws in its first epoch and trial 2 reports a NaN
 * objective: each must fail alone.
 */
public class FaultyCurveTrainer extends CurveTrainer {
  private int trial = -1;

  @Override
  public void init(dev.rung.training.api.TrialContext context) {
    super.init(context);
    trial = context.trial();
  }

  @Override
  public Map<String, Double> trainEpoch(int epoch) {
    if (trial == 1) {
      throw new IllegalArgumentException("injected fault in trial 1");
    }
    Map<String, Double> m = super.trainEpoch(epoch);
    if (trial == 2) {
      return Map.of("val_accuracy", Double.NaN);
    }
    return m;
  }
}
