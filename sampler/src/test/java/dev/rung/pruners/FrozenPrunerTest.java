package dev.rung.pruners;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rung.study.Direction;
import dev.rung.study.FrozenTrial;
import dev.rung.study.History;
import dev.rung.study.Seeds;
import dev.rung.study.TrialState;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiConsumer;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;

/**
 * A pruner frozen against a history decides on a trial alone exactly as the pruner decides on the
 * history, after every report of the trial, and goes through serialization unchanged. Seeds 0 to
 * {@value #SCENARIOS} - 1, fixed before the test was written.
 */
class FrozenPrunerTest {
  static final int SCENARIOS = 400;

  /**
   * How often each rule decided something in the scenarios, so that they are known to be tested.
   */
  private static final class Seen {
    int pruned;
    int continued;
    int byStartup;
    int byWarmupOrInterval;
    int byMinTrials;
    int allNaN;
  }

  @Test
  void theFrozenPercentilePrunerDecidesAsThePrunerAfterEveryReport() {
    Seen seen = new Seen();
    for (long seed = 0; seed < SCENARIOS; seed++) {
      RandomGenerator rng = Seeds.rng(seed, 11);
      PercentilePruner pruner = randomPercentile(rng);
      History h = randomHistory(rng);
      assertDecidesAsThePruner(
          pruner, h, randomTrial(rng, h), seed, (t, pruned) -> count(seen, pruner, h, t, pruned));
    }
    String shown =
        "pruned %d, continued %d, startup %d, warm-up/interval %d, min trials %d, all NaN %d"
            .formatted(
                seen.pruned,
                seen.continued,
                seen.byStartup,
                seen.byWarmupOrInterval,
                seen.byMinTrials,
                seen.allNaN);
    assertTrue(seen.pruned > 100 && seen.continued > 100, shown);
    assertTrue(seen.byStartup > 0, "startup must change some decisions: " + shown);
    assertTrue(seen.byWarmupOrInterval > 0, "warm-up/interval must change some: " + shown);
    assertTrue(seen.byMinTrials > 0, "min trials must change some decisions: " + shown);
    assertTrue(seen.allNaN > 0, "some all-NaN trials must be pruned: " + shown);
  }

  /**
   * Asks {@code pruner} on {@code h} and its copy frozen against {@code h} after every report of
   * {@code full}, as an executor does, and hands each report's trial and decision to {@code
   * decided}.
   */
  private static void assertDecidesAsThePruner(
      Pruner pruner,
      History h,
      FrozenTrial full,
      long seed,
      BiConsumer<FrozenTrial, Boolean> decided) {
    FrozenPruner frozen = pruner.frozen(h);
    FrozenTrial t = FrozenTrial.create(full.number(), TrialState.RUNNING, Instant.EPOCH);
    for (var e : full.intermediateValues().entrySet()) {
      t = t.withIntermediate(e.getKey(), e.getValue());
      boolean expected = pruner.prune(h, t);
      assertEquals(
          expected, frozen.prune(t), "scenario " + seed + ", " + pruner + ", step " + e.getKey());
      decided.accept(t, expected);
    }
  }

  /**
   * Counts the decisions that a rule changed: the same pruner without the rule decides otherwise.
   */
  private static void count(
      Seen seen, PercentilePruner p, History h, FrozenTrial t, boolean pruned) {
    if (pruned) {
      seen.pruned++;
    } else {
      seen.continued++;
    }
    if (p.withStartupTrials(0).prune(h, t) != pruned) {
      seen.byStartup++;
    }
    if (p.withWarmupSteps(0).withIntervalSteps(1).prune(h, t) != pruned) {
      seen.byWarmupOrInterval++;
    }
    if (p.withMinTrials(1).prune(h, t) != pruned) {
      seen.byMinTrials++;
    }
    if (pruned && t.intermediateValues().values().stream().allMatch(v -> Double.isNaN(v))) {
      seen.allNaN++;
    }
  }

  @Test
  void frozenPatientAndThresholdPrunersDecideAsThePruners() {
    List<Boolean> decisions = new ArrayList<>();
    for (long seed = 0; seed < SCENARIOS; seed++) {
      RandomGenerator rng = Seeds.rng(seed, 12);
      Pruner wrapped =
          switch (rng.nextInt(3)) {
            case 0 -> null;
            case 1 -> randomPercentile(rng);
            default -> randomThreshold(rng);
          };
      Pruner pruner =
          rng.nextInt(4) == 0
              ? randomThreshold(rng)
              : new PatientPruner(wrapped, rng.nextInt(5), rng.nextDouble() < 0.5 ? 0 : 0.05);
      History h = randomHistory(rng);
      assertDecidesAsThePruner(pruner, h, randomTrial(rng, h), seed, (t, p) -> decisions.add(p));
    }
    long pruned = decisions.stream().filter(p -> p).count();
    assertTrue(
        pruned > 100 && pruned < decisions.size() - 100,
        pruned + " of " + decisions.size() + " pruned");
  }

  @Test
  void beforeTheStartupTrialsTheFrozenPercentilePrunerNeverPrunes() {
    History four =
        Trials.history(
            Direction.MINIMIZE,
            Trials.complete(0, 1),
            Trials.complete(1, 2),
            Trials.complete(2, 3),
            Trials.complete(3, 4));
    FrozenTrial diverged = Trials.running(4, Double.NaN);
    assertSame(Pruner.none(), PercentilePruner.median().frozen(four));
    assertFalse(PercentilePruner.median().prune(four, diverged));
    FrozenPruner started = PercentilePruner.median().withStartupTrials(4).frozen(four);
    assertTrue(started.prune(diverged), "a trial with only NaN is pruned once started");
    assertTrue(started.prune(Trials.running(4, 2.6)), "worse than the median 2.5");
    assertFalse(started.prune(Trials.running(4, 2.5)));
    assertFalse(started.prune(Trials.running(4, 0, 9)), "no COMPLETE trial reported step 2");
  }

  @Test
  void frozenPrunersGoThroughSerializationUnchanged() throws Exception {
    RandomGenerator rng = Seeds.rng(3, 13);
    History h = randomHistory(rng);
    while (h.completed().size() < 5) {
      h = randomHistory(rng);
    }
    List<FrozenPruner> frozen =
        List.of(
            PercentilePruner.of(30).withWarmupSteps(2).frozen(h),
            PercentilePruner.median().withStartupTrials(1000).frozen(h),
            new ThresholdPruner(-0.5, 2, 1, 2).frozen(h),
            new PatientPruner(PercentilePruner.median(), 2, 0.01).frozen(h),
            new PatientPruner(null, 1, 0).frozen(h),
            Pruner.none().frozen(h));
    assertInstanceOf(PercentileThresholds.class, frozen.get(0));
    for (FrozenPruner f : frozen) {
      FrozenPruner copy = roundTrip(f);
      assertEquals(f, copy);
      for (int i = 0; i < 50; i++) {
        FrozenTrial t = randomTrial(rng, h);
        assertEquals(f.prune(t), copy.prune(t), f + " on " + t.intermediateValues());
      }
    }
    assertSame(Pruner.none(), roundTrip(Pruner.none().frozen(h)), "one NopPruner");
  }

  @Test
  void rungPrunersCannotBeFrozen() {
    History h = Trials.history(Direction.MAXIMIZE, Trials.complete(0, 1, 2, 3));
    assertThrows(UnsupportedOperationException.class, () -> HyperbandPruner.of(1, 9, 3).frozen(h));
    assertThrows(
        UnsupportedOperationException.class,
        () -> new PatientPruner(HyperbandPruner.of(1, 9, 3), 2, 0).frozen(h));
  }

  private static FrozenPruner roundTrip(FrozenPruner p) throws IOException, ClassNotFoundException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
      out.writeObject(p);
    }
    try (ObjectInputStream in =
        new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
      return (FrozenPruner) in.readObject();
    }
  }

  /** A percentile pruner with every setting drawn: percentile, startup, warm-up, interval, min. */
  private static PercentilePruner randomPercentile(RandomGenerator rng) {
    double[] percentiles = {0, 10, 25, 50, 50, 75, 100, 100 * rng.nextDouble()};
    return new PercentilePruner(
        percentiles[rng.nextInt(percentiles.length)],
        rng.nextInt(9),
        rng.nextInt(3) == 0 ? 0 : rng.nextInt(6),
        1 + rng.nextInt(4),
        1 + rng.nextInt(6));
  }

  private static ThresholdPruner randomThreshold(RandomGenerator rng) {
    double lower = rng.nextDouble() < 0.3 ? Double.NEGATIVE_INFINITY : -1 + rng.nextDouble();
    double upper = rng.nextDouble() < 0.3 ? Double.POSITIVE_INFINITY : 0.5 + rng.nextDouble();
    if (lower == Double.NEGATIVE_INFINITY && upper == Double.POSITIVE_INFINITY) {
      upper = 1;
    }
    return new ThresholdPruner(lower, upper, rng.nextInt(3), 1 + rng.nextInt(3));
  }

  /**
   * 0 to 16 trials in a random direction: COMPLETE (20 steps), PRUNED or RUNNING (fewer), some with
   * NaN values, some skipping steps.
   */
  private static History randomHistory(RandomGenerator rng) {
    Direction d = rng.nextBoolean() ? Direction.MINIMIZE : Direction.MAXIMIZE;
    int n = rng.nextInt(17);
    List<FrozenTrial> trials = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      double kind = rng.nextDouble();
      FrozenTrial t = randomCurve(rng, i, kind < 0.6 ? 20 : 1 + rng.nextInt(19), d);
      if (kind < 0.6) {
        t = t.finish(TrialState.COMPLETE, List.of(t.lastIntermediateValue()), Instant.EPOCH, null);
      } else if (kind < 0.85) {
        t = t.finish(TrialState.PRUNED, List.of(), Instant.EPOCH, null);
      }
      trials.add(t);
    }
    return Trials.history(d, trials);
  }

  /** A RUNNING trial (the history's next number) of 1 to 20 steps, NaN in some. */
  private static FrozenTrial randomTrial(RandomGenerator rng, History h) {
    return randomCurve(rng, h.trials().size(), 1 + rng.nextInt(20), h.direction());
  }

  /**
   * A decaying noisy curve up to step {@code last}: each step reported with probability 0.85 (so
   * some are skipped), a value NaN with probability 0.05, every value NaN in one trial of 20.
   */
  private static FrozenTrial randomCurve(RandomGenerator rng, int number, int last, Direction d) {
    double floor = rng.nextDouble();
    double speed = 0.05 + rng.nextDouble() * 0.5;
    boolean diverged = rng.nextDouble() < 0.05;
    FrozenTrial t = FrozenTrial.create(number, TrialState.RUNNING, Instant.EPOCH);
    for (int step = 1; step <= last; step++) {
      if (step < last && rng.nextDouble() < 0.15) {
        continue;
      }
      double loss = floor + Math.exp(-speed * step) + 0.05 * rng.nextGaussian();
      double v = diverged || rng.nextDouble() < 0.05 ? Double.NaN : d.toMinimized(loss);
      t = t.withIntermediate(step, v);
    }
    return t;
  }
}
