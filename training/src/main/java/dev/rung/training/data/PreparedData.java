package dev.rung.training.data;

/**
 * Data ready for training: the training part, the validation part that tuning reports on, and the
 * test part kept for a final evaluation only.
 */
public record PreparedData(
    DataSpec spec, Examples train, Examples validation, Examples test, int classes) {

  /** The shape of one example. */
  public InputShape shape() {
    return train.shape();
  }
}
