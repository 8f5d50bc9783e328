package dev.rung.training.model;

import dev.rung.training.augment.Augmentation;

/**
 * Everything that defines how one trial trains: the network, the optimizer, the batch size, the
 * weight initialization and the augmentation.
 */
public record TrainingSpec(
    NetworkSpec network,
    OptimizerSpec optimizer,
    int batchSize,
    WeightInitKind weightInit,
    Augmentation augmentation) {
  public TrainingSpec {
    if (network == null || optimizer == null) {
      throw new IllegalArgumentException("a training spec needs a network and an optimizer");
    }
    if (batchSize < 1) {
      throw new IllegalArgumentException(
          "batch_size " + batchSize + " is not allowed: must be >= 1");
    }
    weightInit = weightInit == null ? WeightInitKind.XAVIER : weightInit;
    augmentation = augmentation == null ? Augmentation.NONE : augmentation;
  }

  /** A network trained by {@code optimizer} in batches of {@code batchSize}, Xavier init. */
  public static TrainingSpec of(NetworkSpec network, OptimizerSpec optimizer, int batchSize) {
    return new TrainingSpec(
        network, optimizer, batchSize, WeightInitKind.XAVIER, Augmentation.NONE);
  }
}
