package dev.rung.training;

import dev.rung.samplers.RandomSampler;
import dev.rung.study.Study;
import dev.rung.training.data.DataCache;
import dev.rung.training.data.DataSpec;
import dev.rung.training.data.PreparedData;
import dev.rung.training.loop.EpochMetrics;
import dev.rung.training.loop.EpochReporter;
import java.util.List;
import java.util.function.Predicate;

/** Shared fixtures: the bundled digits, loaded once per test JVM, and seeded studies. */
public final class TestData {
  private TestData() {}

  /** The UCI digits: 1,077 train, 360 validation, 360 test examples of 1x8x8, scaled to 0..1. */
  public static PreparedData digits() {
    return DataCache.get(DataSpec.digits());
  }

  /** A study sampling at random from {@code seed}. */
  public static Study randomStudy(long seed) {
    return Study.builder().sampler(new RandomSampler(seed)).build();
  }

  /**
   * A reporter that adds every epoch to {@code seen} and asks to prune when {@code prune} holds for
   * the epochs seen so far.
   */
  public static EpochReporter recorder(
      List<EpochMetrics> seen, Predicate<List<EpochMetrics>> prune) {
    return new EpochReporter() {
      @Override
      public void report(EpochMetrics m) {
        seen.add(m);
      }

      @Override
      public boolean shouldPrune() {
        return prune.test(seen);
      }
    };
  }
}
