package dev.rung.job.driver;

import dev.rung.study.FrozenTrial;
import dev.rung.study.Seeds;
import java.util.Map;
import java.util.OptionalLong;

/**
 * A sweep trial's seed for weights, shuffling and dropout: derived from the sweep's seed and the
 * trial number when the trial starts, kept as a system attribute, stored in the trials table and
 * used again when the trial continues or its model is exported.
 */
public final class TrialSeed {
  private static final String ATTR = "rung.seed";

  private TrialSeed() {}

  /** The seed of a new trial {@code number} of a sweep seeded {@code sweepSeed}. */
  public static long derive(long sweepSeed, int number) {
    return Seeds.derive(sweepSeed, number);
  }

  /** {@code t} carrying {@code seed}. */
  public static FrozenTrial with(FrozenTrial t, long seed) {
    return t.withSystemAttr(ATTR, seed);
  }

  /** Puts {@code seed} into system attributes being assembled for a trial. */
  public static void put(Map<String, Object> systemAttrs, long seed) {
    systemAttrs.put(ATTR, seed);
  }

  /** The seed {@code t} carries, if any. */
  public static OptionalLong of(FrozenTrial t) {
    return t.systemAttrs().get(ATTR) instanceof Number n
        ? OptionalLong.of(n.longValue())
        : OptionalLong.empty();
  }

  /** The seed {@code t} carries, or the one a sweep seeded {@code sweepSeed} derives for it. */
  public static long of(FrozenTrial t, long sweepSeed) {
    OptionalLong s = of(t);
    return s.isPresent() ? s.getAsLong() : derive(sweepSeed, t.number());
  }
}
