package dev.rung.pruners;

import dev.rung.study.FrozenTrial;

/** The warm-up and interval gate shared by the percentile and threshold pruners. */
final class PruningSteps {
  private PruningSteps() {}

  /**
   * Whether the trial's last step is one where a decision is due: at or after {@code warmupSteps},
   * and the first report at or after the latest {@code warmupSteps + k * intervalSteps}.
   */
  static boolean due(FrozenTrial trial, int warmupSteps, int intervalSteps) {
    if (trial.intermediateValues().isEmpty()) {
      return false;
    }
    int step = trial.intermediateValues().lastKey();
    if (step < warmupSteps) {
      return false;
    }
    int nearestLower = (step - warmupSteps) / intervalSteps * intervalSteps + warmupSteps;
    Integer previous = trial.intermediateValues().lowerKey(step);
    return previous == null || previous < nearestLower;
  }

  static void check(int warmupSteps, int intervalSteps) {
    if (warmupSteps < 0) {
      throw new IllegalArgumentException("warm-up steps must be >= 0, got " + warmupSteps);
    }
    if (intervalSteps < 1) {
      throw new IllegalArgumentException("interval steps must be >= 1, got " + intervalSteps);
    }
  }
}
