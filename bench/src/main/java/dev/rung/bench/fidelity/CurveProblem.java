package dev.rung.bench.fidelity;

import dev.rung.study.Trial;

/**
 * A multi-fidelity benchmark problem: a search space suggested through a trial, and for each
 * configuration a learning curve over {@code 1..maxEpochs()} epochs, to minimize.
 */
public interface CurveProblem {
  /** A short name for reports. */
  String name();

  /** The full training budget of one configuration, in epochs. */
  int maxEpochs();

  /**
   * Suggests the configuration's parameters on {@code trial} and returns its curve. The curve's
   * noise depends only on {@code seed} and the suggested parameters, so a promoted trial resumed
   * from a checkpoint sees the same epochs again.
   */
  Curve define(Trial trial, long seed);
}
