package dev.rung.pruners;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rung.study.Direction;
import dev.rung.study.FrozenTrial;
import dev.rung.study.History;
import dev.rung.study.Seeds;
import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;

/**
 * What every pruner promises: no decision without a report, the same decision for the same input,
 * and (for pruners that rank trials) monotonicity: a trial whose values are at least as good at
 * every step is never pruned when the worse one is not.
 *
 * <p>Published in the sampler module's test jar ({@code rung-sampler}, classifier {@code tests}): a
 * pruner's test extends this class and says how to build the pruner (and, for a pruner that does
 * not rank values by the direction, that monotonicity does not apply).
 */
public abstract class PrunerContract {
  static final int SCENARIOS = 300;

  /** The pruner under test. */
  protected abstract Pruner pruner();

  /** Whether the pruner ranks values by the direction (so monotonicity applies). */
  protected boolean monotone() {
    return true;
  }

  @Test
  void neverPrunesATrialWithoutReports() {
    for (long seed = 0; seed < 50; seed++) {
      History h = randomHistory(seed);
      FrozenTrial fresh = Trials.running(h.trials().size());
      assertFalse(pruner().prune(h, fresh), "scenario " + seed);
    }
  }

  @Test
  void sameInputSameDecision() {
    int pruned = 0;
    for (long seed = 0; seed < SCENARIOS; seed++) {
      History h = randomHistory(seed);
      FrozenTrial t = randomTrial(seed, h);
      boolean first = pruner().prune(h, t);
      assertEquals(first, pruner().prune(h, t), "scenario " + seed);
      assertEquals(first, pruner().prune(copy(h), t), "scenario " + seed + " (copied history)");
      pruned += first ? 1 : 0;
    }
    assertTrue(pruned > 0, "the scenarios must exercise pruning, none was pruned");
    assertTrue(pruned < SCENARIOS, "the scenarios must exercise continuing, all were pruned");
  }

  @Test
  void betterValuesAreNeverPrunedWhenWorseAreNot() {
    if (!monotone()) {
      return;
    }
    for (long seed = 0; seed < SCENARIOS; seed++) {
      History h = randomHistory(seed);
      FrozenTrial worse = randomTrial(seed, h);
      RandomGenerator rng = Seeds.rng(seed, 7);
      Direction d = h.direction();
      FrozenTrial better = Trials.running(worse.number());
      for (var e : worse.intermediateValues().entrySet()) {
        double gain = rng.nextDouble() < 0.5 ? 0 : rng.nextDouble() * 0.3;
        double v = e.getValue() + (d == Direction.MINIMIZE ? -gain : gain);
        better = better.withIntermediate(e.getKey(), v);
      }
      if (pruner().prune(h, better)) {
        assertTrue(
            pruner().prune(h, worse),
            "scenario " + seed + ": better values pruned while worse ones continue");
      }
    }
  }

  /**
   * A history of 4 to 24 trials, COMPLETE (30 steps) or PRUNED (fewer), with decaying noisy curves,
   * in a random direction.
   */
  static History randomHistory(long seed) {
    RandomGenerator rng = Seeds.rng(seed, 1);
    Direction d = rng.nextBoolean() ? Direction.MINIMIZE : Direction.MAXIMIZE;
    int n = 4 + rng.nextInt(21);
    List<FrozenTrial> trials = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      int steps = rng.nextDouble() < 0.6 ? 30 : 1 + rng.nextInt(29);
      double[] curve = curve(rng, steps, d);
      trials.add(steps == 30 ? Trials.complete(i, curve) : Trials.pruned(i, curve));
    }
    return Trials.history(d, trials);
  }

  /** A RUNNING trial (the next number) with a random curve of 1 to 30 steps. */
  static FrozenTrial randomTrial(long seed, History h) {
    RandomGenerator rng = Seeds.rng(seed, 2);
    return Trials.running(h.trials().size(), curve(rng, 1 + rng.nextInt(30), h.direction()));
  }

  private static double[] curve(RandomGenerator rng, int steps, Direction d) {
    double floor = rng.nextDouble();
    double speed = 0.05 + rng.nextDouble() * 0.5;
    double[] v = new double[steps];
    for (int i = 0; i < steps; i++) {
      double loss = floor + Math.exp(-speed * (i + 1)) + 0.05 * rng.nextGaussian();
      v[i] = d == Direction.MINIMIZE ? loss : -loss;
    }
    return v;
  }

  private static History copy(History h) {
    return new History(h.studyName(), h.directions(), new ArrayList<>(h.trials()));
  }
}
