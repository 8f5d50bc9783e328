package dev.rung.samplers;

import dev.rung.distributions.CategoricalDistribution;
import dev.rung.distributions.Distribution;
import dev.rung.distributions.FloatDistribution;
import dev.rung.distributions.IntDistribution;
import dev.rung.study.FrozenTrial;
import dev.rung.study.History;
import dev.rung.study.Seeds;
import java.util.random.RandomGenerator;

/**
 * Samples every parameter independently and uniformly (log-uniformly on a log scale, uniformly over
 * the grid when stepped).
 *
 * <p>The value of parameter {@code p} in trial {@code n} depends only on the seed, {@code n} and
 * {@code p}: the same in any JVM, whatever the order in which threads ask.
 */
public final class RandomSampler implements Sampler {
  private final long seed;

  /** A random sampler with a fixed seed. */
  public RandomSampler(long seed) {
    this.seed = seed;
  }

  /** A random sampler with a seed drawn from the clock. */
  public RandomSampler() {
    this(System.nanoTime());
  }

  public long seed() {
    return seed;
  }

  @Override
  public double sampleIndependent(
      History history, FrozenTrial trial, String name, Distribution distribution) {
    RandomGenerator rng = Seeds.rng(seed, trial.number(), Seeds.hash(name));
    return sample(distribution, rng);
  }

  /** One uniform draw from {@code distribution}, in its internal representation. */
  public static double sample(Distribution distribution, RandomGenerator rng) {
    if (distribution instanceof FloatDistribution f) {
      if (f.log()) {
        double v = Math.exp(uniform(rng, Math.log(f.low()), Math.log(f.high())));
        return Math.min(Math.max(v, f.low()), f.high());
      }
      if (f.hasStep()) {
        long n = Math.round((f.high() - f.low()) / f.step());
        return Math.min(f.low() + rng.nextLong(n + 1) * f.step(), f.high());
      }
      return uniform(rng, f.low(), f.high());
    }
    if (distribution instanceof IntDistribution i) {
      if (i.log()) {
        double v = Math.exp(uniform(rng, Math.log(i.low() - 0.5), Math.log(i.high() + 0.5)));
        return Math.min(Math.max(Math.round(v), i.low()), i.high());
      }
      long n = ((long) i.high() - i.low()) / i.step();
      return i.low() + rng.nextLong(n + 1) * i.step();
    }
    CategoricalDistribution c = (CategoricalDistribution) distribution;
    return rng.nextInt(c.size());
  }

  private static double uniform(RandomGenerator rng, double low, double high) {
    return low == high ? low : low + (high - low) * rng.nextDouble();
  }

  @Override
  public String toString() {
    return "RandomSampler(seed=" + seed + ")";
  }
}
