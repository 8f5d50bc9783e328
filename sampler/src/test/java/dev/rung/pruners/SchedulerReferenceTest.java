package dev.rung.pruners;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rung.pruners.AshaScheduler.Decision;
import dev.rung.pruners.AshaScheduler.NewTrial;
import dev.rung.pruners.AshaScheduler.Promotion;
import dev.rung.study.Direction;
import dev.rung.study.FrozenTrial;
import dev.rung.study.History;
import dev.rung.study.Seeds;
import dev.rung.study.TrialState;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;

/**
 * The scheduler and the rule, which count instead of sort, against a direct reading of the
 * definition (sort a rung's values, take the {@code floor(n / eta)}-th best as the threshold, scan
 * every paused trial) on random histories with ties, NaN, both directions, bootstrap counts and
 * several brackets.
 */
class SchedulerReferenceTest {

  @Test
  void inTopMatchesTheSortedThreshold() {
    for (long seed = 0; seed < 2_000; seed++) {
      RandomGenerator rng = Seeds.rng(seed);
      int n = rng.nextInt(12);
      List<Double> values = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        values.add(randomValue(rng));
      }
      double value = rng.nextBoolean() && n > 0 ? values.get(rng.nextInt(n)) : randomValue(rng);
      int count = rng.nextInt(n + 3) - 1;
      for (Direction d : Direction.values()) {
        assertEquals(
            referenceInTop(value, values, count, d),
            PromotionRule.inTop(value, values, count, d),
            "seed " + seed + " " + d + " value " + value + " of " + values + " count " + count);
      }
    }
  }

  @Test
  void nextMatchesTheReferenceScheduler() {
    int promotions = 0;
    for (long seed = 0; seed < 600; seed++) {
      RandomGenerator rng = Seeds.rng(seed);
      int eta = 2 + rng.nextInt(3);
      int bootstrap = rng.nextInt(4) == 0 ? rng.nextInt(4) : 0;
      boolean hyperband = rng.nextBoolean();
      int max = eta * eta * eta;
      AshaScheduler scheduler =
          hyperband
              ? AshaScheduler.hyperband(1, max, eta, bootstrap)
              : AshaScheduler.asha(1, max, eta, rng.nextInt(2), bootstrap);
      List<FrozenTrial> trials = randomTrials(rng, scheduler, 1 + rng.nextInt(60));
      for (Direction d : Direction.values()) {
        History h = Trials.history(d, trials);
        Decision expected = reference(scheduler, eta, bootstrap, h);
        assertEquals(expected, scheduler.next(h), "seed " + seed + " " + d);
        if (expected instanceof Promotion) {
          promotions++;
        }
      }
    }
    // the comparison must cover promotions, not only new trials (a fixed property of the seeds)
    assertTrue(promotions > 200, "promotions compared: " + promotions);
  }

  private static double randomValue(RandomGenerator rng) {
    double u = rng.nextDouble();
    if (u < 0.1) {
      return Double.NaN;
    }
    return u < 0.2 ? 0.0 : Math.floor(rng.nextDouble() * 8) / 2; // many ties
  }

  /** Trials in every state, paused at their rung or in flight, with or without a bracket. */
  private static List<FrozenTrial> randomTrials(
      RandomGenerator rng, AshaScheduler scheduler, int n) {
    List<FrozenTrial> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      int bracket = rng.nextInt(scheduler.bracketCount());
      List<Integer> targets = scheduler.targets(bracket);
      int reached = rng.nextInt(targets.size());
      int step = targets.get(reached);
      boolean inFlight = rng.nextInt(5) == 0;
      int reported = inFlight ? Math.max(0, step - 1 - rng.nextInt(step)) : step;
      FrozenTrial t = FrozenTrial.create(i, TrialState.RUNNING, Instant.EPOCH);
      for (int s = 1; s <= reported; s++) {
        t = t.withIntermediate(s, randomValue(rng));
      }
      if (rng.nextInt(4) > 0 || scheduler.bracketCount() == 1) {
        t = t.withSystemAttr(RungAttrs.BRACKET, bracket);
      }
      t = t.withSystemAttr(RungAttrs.TARGET_STEP, step);
      int state = rng.nextInt(10);
      if (state == 0 && reported > 0) {
        t = t.finish(TrialState.PRUNED, List.of(t.lastIntermediateValue()), Instant.EPOCH, null);
      } else if (state == 1 && reported > 0 && !Double.isNaN(t.lastIntermediateValue())) {
        t = t.finish(TrialState.COMPLETE, List.of(t.lastIntermediateValue()), Instant.EPOCH, null);
      } else if (state == 2) {
        t = FrozenTrial.create(i, TrialState.WAITING, Instant.EPOCH);
      }
      out.add(t);
    }
    return out;
  }

  private static boolean referenceInTop(
      double value, List<Double> values, int count, Direction direction) {
    if (count <= 0 || Double.isNaN(value)) {
      return false;
    }
    double[] sorted = new double[values.size()];
    for (int i = 0; i < sorted.length; i++) {
      sorted[i] = direction.toMinimized(values.get(i));
    }
    Arrays.sort(sorted); // NaN last
    if (count > sorted.length) {
      return true;
    }
    double threshold = sorted[count - 1];
    return Double.isNaN(threshold) || direction.toMinimized(value) <= threshold;
  }

  /** The definition, rung by rung from the top: sort, threshold, best promotable paused trial. */
  private static Decision reference(
      AshaScheduler scheduler, int eta, int bootstrap, History history) {
    Direction direction = history.direction();
    List<int[]> rungs = new ArrayList<>();
    for (int b = 0; b < scheduler.bracketCount(); b++) {
      List<Integer> targets = scheduler.targets(b);
      for (int k = 0; k < targets.size() - 1; k++) {
        rungs.add(new int[] {b, k, targets.get(k)});
      }
    }
    rungs.sort(Comparator.<int[]>comparingInt(r -> -r[2]).thenComparingInt(r -> r[0]));
    for (int[] r : rungs) {
      List<FrozenTrial> members = new ArrayList<>();
      for (FrozenTrial t : history.trials()) {
        if (t.state() != TrialState.WAITING && scheduler.bracketOf("test-study", t) == r[0]) {
          members.add(t);
        }
      }
      List<Double> values = new ArrayList<>();
      for (FrozenTrial t : members) {
        Double v = PromotionRule.valueAt(t, r[2]);
        if (v != null) {
          values.add(v);
        }
      }
      if (values.size() <= bootstrap) {
        continue;
      }
      FrozenTrial best = null;
      double bestValue = Double.NaN;
      for (FrozenTrial t : members) {
        if (!RungAttrs.isPaused(t) || RungAttrs.targetStep(t).getAsInt() != r[2]) {
          continue;
        }
        double v = PromotionRule.valueAt(t, r[2]);
        if (referenceInTop(v, values, values.size() / eta, direction)
            && (best == null || direction.better(v, bestValue))) {
          best = t;
          bestValue = v;
        }
      }
      if (best != null) {
        return new Promotion(
            best.number(), r[0], r[1], r[2], scheduler.targets(r[0]).get(r[1] + 1));
      }
    }
    int b =
        scheduler.bracketCount() == 1
            ? 0
            : new Brackets(1, scheduler.maxResource(), eta)
                .bracketOf("test-study", history.trials().size());
    return new NewTrial(b, scheduler.targets(b).get(0));
  }
}
