package dev.rung.training.loop;

import dev.rung.study.TrialPrunedException;
import java.util.List;

/**
 * How a call of {@link EpochTrainer#train} ended.
 *
 * @param epochs the metrics of every epoch trained so far, including earlier calls
 * @param pruned whether the reporter stopped training before the requested last epoch
 * @param nextEpoch the index of the next epoch to train (epochs completed)
 */
public record TrainingOutcome(List<EpochMetrics> epochs, boolean pruned, int nextEpoch) {
  public TrainingOutcome {
    epochs = List.copyOf(epochs);
  }

  /** The last epoch's metrics; fails if no epoch was trained. */
  public EpochMetrics last() {
    if (epochs.isEmpty()) {
      throw new IllegalStateException("no epoch has been trained");
    }
    return epochs.get(epochs.size() - 1);
  }

  /** The best value of {@code metric} over all epochs. */
  public double best(Metric metric) {
    return epochs.stream()
        .mapToDouble(m -> m.value(metric))
        .reduce(metric.higherIsBetter() ? Math::max : Math::min)
        .orElseThrow(() -> new IllegalStateException("no epoch has been trained"));
  }

  /** Throws {@link TrialPrunedException} if training was pruned, for use inside an objective. */
  public TrainingOutcome throwIfPruned() {
    if (pruned) {
      throw new TrialPrunedException("pruned after epoch " + nextEpoch);
    }
    return this;
  }
}
