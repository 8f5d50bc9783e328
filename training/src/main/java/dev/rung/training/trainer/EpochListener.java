package dev.rung.training.trainer;

import java.util.Map;

/** Receives each epoch a {@link TrainerTask} trains and says whether to stop after it. */
public interface EpochListener {

  /**
   * Records the metrics of epoch {@code epoch}, trained in {@code millis} ms; throws to fail the
   * trial (e.g. when the objective is missing or NaN).
   */
  void epoch(int epoch, Map<String, Double> metrics, long millis);

  /** Whether training should stop now (pruned or out of time). */
  boolean shouldStop();
}
