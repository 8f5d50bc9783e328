package dev.rung.pruners;

import static dev.rung.pruners.Trials.complete;
import static dev.rung.pruners.Trials.history;
import static dev.rung.pruners.Trials.paused;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rung.pruners.AshaScheduler.NewTrial;
import dev.rung.pruners.AshaScheduler.Promotion;
import dev.rung.samplers.Sampler;
import dev.rung.study.Direction;
import dev.rung.study.FrozenTrial;
import dev.rung.study.History;
import dev.rung.study.TrialState;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class RungAgreementTest {
  private static final double EPS = 1e-12;

  @Test
  void spearmanAgainstHandWorkedExamples() {
    assertEquals(1.0, RungAgreement.spearman(new double[] {1, 2, 3}, new double[] {10, 20, 30}));
    assertEquals(-1.0, RungAgreement.spearman(new double[] {1, 2, 3}, new double[] {3, 2, 1}));
    // ranks x: 0 1 2 3, y: 1 0 3 2 -> d^2 = 1+1+1+1 = 4; 1 - 6*4/(4*15) = 0.6
    assertEquals(
        0.6, RungAgreement.spearman(new double[] {1, 2, 3, 4}, new double[] {2, 1, 4, 3}), EPS);
    // a monotone transform changes nothing
    assertEquals(
        0.6,
        RungAgreement.spearman(new double[] {1, 4, 9, 16}, new double[] {-5, -9, 7, 6.5}),
        EPS);
    // ties get their average rank: x ranks 0.5 0.5 2, y ranks 0 1 2
    // covariance (-0.5)(-1)+(-0.5)(0)+(1)(1) = 1.5; sxx = 0.25+0.25+1 = 1.5; syy = 2
    assertEquals(
        1.5 / Math.sqrt(1.5 * 2),
        RungAgreement.spearman(new double[] {5, 5, 7}, new double[] {1, 2, 3}),
        EPS);
    assertTrue(Double.isNaN(RungAgreement.spearman(new double[] {1}, new double[] {2})));
    assertTrue(
        Double.isNaN(RungAgreement.spearman(new double[] {1, 1, 1}, new double[] {1, 2, 3})));
  }

  @Test
  void measuresConsecutiveLevelsOverTrialsThatReachedTheUpperOne() {
    // Three complete trials over 3 steps: step 1 ranks them in reverse of step 3; steps 3 and 9
    // do not exist beyond step 3 here, so levels are 1, 3.
    History h =
        history(
            Direction.MAXIMIZE,
            complete(0, 0.9, 0.2, 0.1),
            complete(1, 0.5, 0.4, 0.5),
            complete(2, 0.1, 0.6, 0.9),
            // reached step 1 only: not in the pair's measure
            paused(3, 1, 0.95));
    List<RungAgreement.Pair> pairs = RungAgreement.measure(h, List.of(1, 3));
    assertEquals(1, pairs.size());
    assertEquals(new RungAgreement.Pair(1, 3, 3, -1.0), pairs.get(0));
  }

  @Test
  void aTrialSelectedAtARungIsLeftOutOfThatRungsMeasure() {
    FrozenTrial selected = complete(0, 0.9, 0.2, 0.1).withSystemAttr(RungAttrs.RANKED, "1");
    History h =
        history(
            Direction.MAXIMIZE,
            selected,
            complete(1, 0.5, 0.4, 0.5),
            complete(2, 0.1, 0.6, 0.9),
            complete(3, 0.7, 0.7, 0.8));
    RungAgreement.Pair p = RungAgreement.measure(h, List.of(1, 3)).get(0);
    assertEquals(3, p.trials());
    // trials 1..3: step 1 = 0.5 0.1 0.7 (ranks 1 0 2), step 3 = 0.5 0.9 0.8 (ranks 0 2 1)
    // covariance (0)(-1)+(-1)(1)+(1)(0) = -1; sxx = syy = 2 -> -0.5
    assertEquals(-0.5, p.correlation(), EPS);
    assertTrue(RungAttrs.rankedAt(selected, 1));
    assertFalse(RungAttrs.rankedAt(selected, 3));
  }

  @Test
  void trustNeedsEnoughTrialsAndCorrelation() {
    RungAgreement a = new RungAgreement(0.5, 4);
    assertTrue(a.trusts(new RungAgreement.Pair(1, 3, 3, -1.0)), "not measured yet: trusted");
    assertTrue(a.trusts(new RungAgreement.Pair(1, 3, 0, Double.NaN)), "not measured yet: trusted");
    assertTrue(a.trusts(new RungAgreement.Pair(1, 3, 4, 0.5)));
    assertFalse(a.trusts(new RungAgreement.Pair(1, 3, 10, 0.49)));
    assertFalse(a.trusts(new RungAgreement.Pair(1, 3, 10, Double.NaN)));
    assertThrows(IllegalArgumentException.class, () -> new RungAgreement(1.5, 4));
    assertThrows(IllegalArgumentException.class, () -> new RungAgreement(0.5, 2));
  }

  /**
   * {@code n} COMPLETE trials over 9 steps: steps 3 to 9 rise with the trial number, step 1 falls.
   */
  private static List<FrozenTrial> firstStepReversed(int n) {
    List<FrozenTrial> trials = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      double[] v = new double[9];
      for (int s = 0; s < 9; s++) {
        v[s] = s == 0 ? 1.0 - 0.1 * i : 0.1 * i + 0.01 * s;
      }
      trials.add(complete(i, v));
    }
    return trials;
  }

  @Test
  void theTrustedChainStopsAtTheFirstRungFromTheTopThatDisagrees() {
    // Levels 1, 3, 9. Steps 3 and 9 agree perfectly; step 1 is reversed against step 3.
    List<FrozenTrial> trials = firstStepReversed(5);
    History h = history(Direction.MAXIMIZE, trials);
    RungAgreement a = new RungAgreement(0.5, 5);
    assertEquals(3, a.lowestTrustedChain(h, List.of(1, 3, 9)));
    // Measured on too few trials to judge: every rung is trusted.
    assertEquals(1, new RungAgreement(0.5, 6).lowestTrustedChain(h, List.of(1, 3, 9)));
    assertEquals(1, new RungAgreement(-1, 5).lowestTrustedChain(h, List.of(1, 3, 9)));
  }

  @Test
  void anUntrustedRungPassesItsBestPausedTrialOnUnranked() {
    AshaScheduler asha = AshaScheduler.asha(1, 9, 3, 0, 0, new RungAgreement(0.5, 3));
    // Three trials passed step 1 unranked (started above it) with steps 1 and 3 reversed: rung 1
    // is measured and distrusted, so its one paused trial goes on.
    List<FrozenTrial> trials = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      trials.add(complete(i, 0.1 * i, 1 - 0.1 * i, 1 - 0.1 * i));
    }
    trials.add(paused(3, 1, 0.5));
    History h = history(Direction.MINIMIZE, trials);
    assertEquals(new Promotion(3, 0, 0, 1, 3, false), asha.next(h));
    // Measured on fewer trials than it needs, the same rung still ranks: with four values there,
    // the paused trial (0.5, worse than two of them) waits.
    AshaScheduler patient = AshaScheduler.asha(1, 9, 3, 0, 0, new RungAgreement(0.5, 4));
    assertInstanceOf(NewTrial.class, patient.next(h));
    // Without an agreement the rung ranks as well.
    assertInstanceOf(NewTrial.class, AshaScheduler.asha(1, 9, 3, 0, 0).next(h));
    // A promotion passed on unranked is not recorded as a selection at the rung.
    FrozenTrial t = RungAttrs.promoted(paused(3, 1, 0.5), new Promotion(3, 0, 0, 1, 3, false));
    assertFalse(RungAttrs.rankedAt(t, 1));
    FrozenTrial r = RungAttrs.promoted(t, new Promotion(3, 0, 1, 3, 9, true));
    assertTrue(RungAttrs.rankedAt(r, 3));
  }

  @Test
  void aRungThatAgreesRanksAsAsha() {
    AshaScheduler asha = AshaScheduler.asha(1, 9, 3, 0, 0, new RungAgreement(0.5, 3));
    List<FrozenTrial> trials = new ArrayList<>();
    // Three trials trained past step 3 unranked, whose steps 1 and 3 agree: rung 1 is trusted.
    for (int i = 0; i < 3; i++) {
      trials.add(
          complete(
              i, 0.1 * i, 0.1 * i, 0.1 * i, 0.1 * i, 0.1 * i, 0.1 * i, 0.1 * i, 0.1 * i, 0.1 * i));
    }
    // One paused trial at rung 1 that is worse (minimize) than every value there: not promoted.
    trials.add(paused(3, 1, 0.9));
    History h = history(Direction.MINIMIZE, trials);
    assertInstanceOf(NewTrial.class, asha.next(h));
    // The same trial with the rung untrusted (reversed values at step 3) goes on unranked.
    List<FrozenTrial> reversed = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      double[] v = new double[9];
      for (int s = 0; s < 9; s++) {
        v[s] = s == 0 ? 0.1 * i : 1 - 0.1 * i;
      }
      reversed.add(complete(i, v));
    }
    reversed.add(paused(3, 1, 0.9));
    assertEquals(
        new Promotion(3, 0, 0, 1, 3, false), asha.next(history(Direction.MINIMIZE, reversed)));
  }

  @Test
  void theTrustedViewFitsTheSamplerAboveAnUntrustedFirstRung() {
    // d = 0 parameters: a level needs 3 observations. Five trials reached step 9 unranked;
    // step 1 is reversed against step 3, steps 3 and 9 agree.
    List<FrozenTrial> trials = firstStepReversed(5);
    trials.add(paused(5, 1, 2.0));
    History h = history(Direction.MAXIMIZE, trials);
    HyperbandPruner hb =
        HyperbandPruner.of(1, 9, 3)
            .withView(SamplerView.TRUSTED_RUNG)
            .withAgreement(new RungAgreement(0.5, 5));
    History view = hb.samplerHistory(h, paused(6, 1, 0.0));
    // Fitted at step 9 (the highest level with 3 observations): the paused trial, best at the
    // untrusted step 1, appears RUNNING (bad group, no value), the others COMPLETE at step 9.
    assertEquals(6, view.trials().size());
    assertEquals(TrialState.RUNNING, view.trials().get(5).state());
    for (int i = 0; i < 5; i++) {
      assertEquals(TrialState.COMPLETE, view.trials().get(i).state());
    }
    assertEquals(List.of(0.4 + 0.08), view.trials().get(4).values());
    // Marked as stopped below the level, so that a sampler can tell it from a trial in flight.
    assertEquals(9, view.trials().get(5).systemAttrs().get(Sampler.STOPPED_BELOW_LEVEL));
    for (int i = 0; i < 5; i++) {
      assertFalse(view.trials().get(i).systemAttrs().containsKey(Sampler.STOPPED_BELOW_LEVEL));
    }
    // A trial in flight (its target step not reported yet) stays RUNNING and unmarked.
    List<FrozenTrial> withInFlight = new ArrayList<>(trials);
    withInFlight.add(paused(6, 3, 0.5));
    FrozenTrial inFlight =
        hb.samplerHistory(history(Direction.MAXIMIZE, withInFlight), paused(7, 1, 0.0))
            .trials()
            .get(6);
    assertEquals(TrialState.RUNNING, inFlight.state());
    assertFalse(inFlight.systemAttrs().containsKey(Sampler.STOPPED_BELOW_LEVEL));
    // The view says that a rung misleads; the study's own history does not.
    assertTrue(view.misleadingRungs());
    assertFalse(h.misleadingRungs());
    // Measured on too few trials to judge, or every rung agreeing: not marked.
    assertFalse(
        hb.withAgreement(new RungAgreement(0.5, 6))
            .samplerHistory(h, paused(6, 1, 0.0))
            .misleadingRungs());
    assertFalse(
        hb.withAgreement(new RungAgreement(-1, 5))
            .samplerHistory(h, paused(6, 1, 0.0))
            .misleadingRungs());
    // BOHB's view as it was (HIGHEST_RUNG) shows the paused trial PRUNED instead.
    History bohb = hb.withView(SamplerView.HIGHEST_RUNG).samplerHistory(h, paused(6, 1, 0.0));
    assertEquals(TrialState.PRUNED, bohb.trials().get(5).state());
    assertFalse(bohb.misleadingRungs());
    // The scheduler derived from the same pruner object follows the same agreement.
    assertEquals(new RungAgreement(0.5, 5), hb.scheduler().agreement());
  }
}
