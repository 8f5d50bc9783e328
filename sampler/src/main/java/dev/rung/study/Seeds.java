package dev.rung.study;

import java.util.random.RandomGenerator;
import java.util.random.RandomGeneratorFactory;

/**
 * Reproducible random streams: every stream is derived from a study seed and the identity of what
 * it is for (a trial number, a parameter name), so results do not depend on thread scheduling or on
 * the JVM.
 */
public final class Seeds {
  /** The generator algorithm every stream uses. */
  public static final String ALGORITHM = "L64X128MixRandom";

  private static final RandomGeneratorFactory<RandomGenerator> FACTORY =
      RandomGeneratorFactory.of(ALGORITHM);

  private Seeds() {}

  /** A generator seeded with {@code seed}. */
  public static RandomGenerator rng(long seed) {
    return FACTORY.create(seed);
  }

  /** A generator for one purpose, derived from a base seed and the purpose's parts. */
  public static RandomGenerator rng(long seed, long... parts) {
    return FACTORY.create(derive(seed, parts));
  }

  /** A seed derived from a base seed and parts, by the SplitMix64 finalizer. */
  public static long derive(long seed, long... parts) {
    long h = mix(seed ^ 0x9E3779B97F4A7C15L);
    for (long p : parts) {
      h = mix(h + 0x9E3779B97F4A7C15L + p);
    }
    return h;
  }

  /** A stable 64-bit hash of a string (same in every JVM). */
  public static long hash(String s) {
    long h = 0xCBF29CE484222325L;
    for (int i = 0; i < s.length(); i++) {
      h ^= s.charAt(i);
      h *= 0x100000001B3L;
    }
    return mix(h);
  }

  private static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }
}
