package dev.rung.pruners;

import static dev.rung.pruners.Trials.complete;
import static dev.rung.pruners.Trials.history;
import static dev.rung.pruners.Trials.paused;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
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
import java.util.List;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;

class AshaSchedulerTest {
  /** One bracket, rungs at steps 1 and 3, full resource 9. */
  private static final AshaScheduler ASHA = AshaScheduler.asha(1, 9, 3, 0, 0);

  @Test
  void targetsAreTheRungsThenTheFullResource() {
    assertEquals(List.of(1, 3, 9), ASHA.targets(0));
    assertEquals(List.of(2, 6, 10), AshaScheduler.asha(2, 10, 3, 0, 0).targets(0));
    AshaScheduler hb = AshaScheduler.hyperband(1, 9, 3, 0);
    assertEquals(3, hb.bracketCount());
    assertEquals(List.of(3, 9), hb.targets(1));
    assertEquals(List.of(9), hb.targets(2));
  }

  @Test
  void anEmptyStudyStartsATrialAtTheBottomRung() {
    assertEquals(new NewTrial(0, 1), ASHA.next(history(Direction.MINIMIZE)));
  }

  @Test
  void promotesTheBestOnceARungHoldsEtaTrials() {
    History two = history(Direction.MINIMIZE, paused(0, 1, 0.5), paused(1, 1, 0.3));
    assertInstanceOf(NewTrial.class, ASHA.next(two), "floor(2/3) = 0: nobody yet");
    History three =
        history(Direction.MINIMIZE, paused(0, 1, 0.5), paused(1, 1, 0.3), paused(2, 1, 0.9));
    assertEquals(new Promotion(1, 0, 0, 1, 3), ASHA.next(three));
  }

  @Test
  void aPromotedTrialIsNotPromotedAgainFromTheSameRung() {
    // trial 1 was promoted to 3 and is training (in flight): the others are not in the top 1
    History h =
        history(Direction.MINIMIZE, paused(0, 1, 0.5), paused(1, 3, 0.3), paused(2, 1, 0.9));
    assertInstanceOf(NewTrial.class, ASHA.next(h));
    // six at rung 1: top 2 = trials 1 (promoted) and 3 (0.4) -> trial 3
    History six =
        history(
            Direction.MINIMIZE,
            paused(0, 1, 0.5),
            paused(1, 3, 0.3),
            paused(2, 1, 0.9),
            paused(3, 1, 0.4),
            paused(4, 1, 0.8),
            paused(5, 1, 0.7));
    assertEquals(new Promotion(3, 0, 0, 1, 3), ASHA.next(six));
  }

  @Test
  void scansRungsFromTheTop() {
    List<FrozenTrial> trials = new ArrayList<>();
    // rung 0 (step 1): 3 paused trials, 0.1 is promotable
    trials.add(paused(0, 1, 0.1));
    trials.add(paused(1, 1, 0.5));
    trials.add(paused(2, 1, 0.6));
    // rung 1 (step 3): 3 trials paused there, 0.2 is promotable
    trials.add(paused(3, 3, 0.4, 0.3, 0.2));
    trials.add(paused(4, 3, 0.4, 0.3, 0.25));
    trials.add(paused(5, 3, 0.4, 0.3, 0.3));
    assertEquals(new Promotion(3, 0, 1, 3, 9), ASHA.next(history(Direction.MINIMIZE, trials)));
  }

  @Test
  void maximizeMirrors() {
    History h =
        history(Direction.MAXIMIZE, paused(0, 1, 0.5), paused(1, 1, 0.3), paused(2, 1, 0.9));
    assertEquals(new Promotion(2, 0, 0, 1, 3), ASHA.next(h));
  }

  @Test
  void finishedTrialsCountAsCompetitorsButAreNeverPromoted() {
    History h =
        history(
            Direction.MINIMIZE,
            complete(0, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1),
            Trials.pruned(1, 0.2),
            paused(2, 1, 0.3));
    assertInstanceOf(NewTrial.class, ASHA.next(h), "0.3 is not in the top 1 of 3");
    List<FrozenTrial> nine = new ArrayList<>();
    nine.add(complete(0, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1));
    nine.add(Trials.pruned(1, 0.05));
    nine.add(paused(2, 1, 0.3));
    for (int i = 3; i < 9; i++) {
      nine.add(Trials.pruned(i, 0.9));
    }
    // top 3 of 9: 0.05 (PRUNED), 0.1 (COMPLETE), 0.3: only the paused one can go
    assertEquals(new Promotion(2, 0, 0, 1, 3), ASHA.next(history(Direction.MINIMIZE, nine)));
  }

  @Test
  void bootstrapHoldsPromotionsUntilARungHasMoreTrials() {
    AshaScheduler boot = AshaScheduler.asha(1, 9, 3, 0, 3);
    History three =
        history(Direction.MINIMIZE, paused(0, 1, 0.5), paused(1, 1, 0.3), paused(2, 1, 0.9));
    assertInstanceOf(NewTrial.class, boot.next(three));
    History four =
        history(
            Direction.MINIMIZE,
            paused(0, 1, 0.5),
            paused(1, 1, 0.3),
            paused(2, 1, 0.9),
            paused(3, 1, 0.8));
    assertEquals(new Promotion(1, 0, 0, 1, 3), boot.next(four));
  }

  @Test
  void hyperbandStartsNewTrialsInTheHashedBracketAndPromotesWithinBrackets() {
    AshaScheduler hb = AshaScheduler.hyperband(1, 9, 3, 0);
    Brackets b = new Brackets(1, 9, 3);
    for (int n = 0; n < 30; n++) {
      List<FrozenTrial> trials = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        trials.add(FrozenTrial.create(i, TrialState.FAIL, Instant.EPOCH));
      }
      NewTrial d = (NewTrial) hb.next(history(Direction.MINIMIZE, trials));
      assertEquals(b.bracketOf("test-study", n), d.bracket());
      assertEquals(hb.targets(d.bracket()).get(0), d.toStep());
    }
    // three bracket-0 trials at step 1 and three bracket-1 ones paused at step 3
    History h =
        history(
            Direction.MINIMIZE,
            paused(0, 1, 0.5).withSystemAttr(RungAttrs.BRACKET, 0),
            paused(1, 1, 0.3).withSystemAttr(RungAttrs.BRACKET, 0),
            paused(2, 1, 0.2).withSystemAttr(RungAttrs.BRACKET, 1),
            paused(3, 3, 0.9, 0.9, 0.7).withSystemAttr(RungAttrs.BRACKET, 1),
            paused(4, 3, 0.9, 0.9, 0.8).withSystemAttr(RungAttrs.BRACKET, 1),
            paused(5, 3, 0.9, 0.9, 0.6).withSystemAttr(RungAttrs.BRACKET, 1));
    // trial 2 has a step-1 value but bracket 1 has no rung at step 1; bracket 0 holds 2 trials
    assertEquals(new Promotion(5, 1, 0, 3, 9), hb.next(h));
  }

  @Test
  void promotionImpliesContinuationUnderTheSameRule() {
    // one rule, two readings: whatever the scheduler may promote, the pruner lets continue
    for (long seed = 0; seed < 500; seed++) {
      RandomGenerator rng = Seeds.rng(seed);
      int n = 1 + rng.nextInt(20);
      int eta = 2 + rng.nextInt(4);
      List<Double> values = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        values.add(rng.nextDouble() < 0.1 ? Double.NaN : Math.floor(rng.nextDouble() * 10));
      }
      for (Direction d : Direction.values()) {
        for (double v : values) {
          if (PromotionRule.promotable(v, values, eta, d)) {
            assertTrue(PromotionRule.continues(v, values, eta, d), "seed " + seed);
          }
        }
        long promotable =
            values.stream().filter(v -> PromotionRule.promotable(v, values, eta, d)).count();
        assertTrue(promotable >= n / eta || values.stream().anyMatch(v -> v.isNaN()));
      }
    }
  }

  /**
   * A driver loop over a fixed set of curves: the scheduler must use far less resource than full
   * training and still train the configuration with the best final value to the full resource.
   */
  @Test
  void aDriverLoopResumesPromotedTrialsAndFinishesTheBest() {
    AshaScheduler asha = AshaScheduler.asha(1, 27, 3, 0, 0);
    int configs = 81;
    List<FrozenTrial> trials = new ArrayList<>();
    long spent = 0;
    int decisions = 0;
    boolean[] started = new boolean[configs];
    while (decisions++ < 10_000) {
      History h = history(Direction.MINIMIZE, trials);
      Decision d = asha.next(h);
      int number;
      int from;
      int to;
      if (d instanceof NewTrial nt) {
        if (trials.size() == configs) {
          break;
        }
        number = trials.size();
        started[number] = true;
        trials.add(
            RungAttrs.started(FrozenTrial.create(number, TrialState.RUNNING, Instant.EPOCH), nt));
        from = 0;
        to = nt.toStep();
      } else {
        Promotion p = (Promotion) d;
        number = p.trial();
        assertEquals(p.fromStep(), trials.get(number).lastStep().getAsInt(), "resumes");
        trials.set(number, RungAttrs.promoted(trials.get(number), p));
        from = p.fromStep();
        to = p.toStep();
      }
      FrozenTrial t = trials.get(number);
      for (int step = from + 1; step <= to; step++) {
        t = t.withIntermediate(step, curve(number, step));
      }
      spent += to - from;
      if (to == asha.maxResource()) {
        t = t.finish(TrialState.COMPLETE, List.of(curve(number, to)), Instant.EPOCH, null);
      }
      trials.set(number, t);
    }
    int best = 0;
    for (int i = 0; i < configs; i++) {
      best = curve(i, 27) < curve(best, 27) ? i : best;
    }
    assertEquals(TrialState.COMPLETE, trials.get(best).state(), "the best config reached 27");
    assertTrue(spent < configs * 27 / 3, "spent " + spent + " of " + configs * 27);
    assertFalse(trials.stream().anyMatch(t -> t.lastStep().orElse(0) > 27));
  }

  /** Smooth curves whose ranking is stable across steps (what successive halving assumes). */
  private static double curve(int config, int step) {
    double quality = ((config * 37) % 81) / 81.0;
    return quality + 1.0 / step;
  }
}
