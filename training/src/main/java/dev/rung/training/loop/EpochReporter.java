package dev.rung.training.loop;

/**
 * Receives each epoch's metrics and says whether training should stop. The epoch loop depends only
 * on this interface: {@link TrialReporter} connects it to a {@link dev.rung.study.Trial} and its
 * study's pruner; a Spark executor implements it with whatever decides pruning there.
 */
public interface EpochReporter {

  /** Records the metrics of an epoch that just finished. */
  void report(EpochMetrics metrics);

  /** Whether training should stop now (after the last reported epoch). */
  boolean shouldPrune();

  /** A reporter that records nothing and never stops training. */
  static EpochReporter none() {
    return new EpochReporter() {
      @Override
      public void report(EpochMetrics metrics) {}

      @Override
      public boolean shouldPrune() {
        return false;
      }
    };
  }
}
