package dev.rung.bench.fidelity;

/** A learning curve: the value (to minimize) after training {@code epoch} epochs, from 1. */
@FunctionalInterface
public interface Curve {
  /** The observed value, noise included. */
  double at(int epoch);

  /**
   * The value without noise: what the configuration is really worth. Benchmarks choose the
   * incumbent by observed values and score it by this one. The observed value by default.
   */
  default double expected(int epoch) {
    return at(epoch);
  }
}
