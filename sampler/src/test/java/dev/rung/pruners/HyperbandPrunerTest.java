package dev.rung.pruners;

import static dev.rung.pruners.Trials.complete;
import static dev.rung.pruners.Trials.history;
import static dev.rung.pruners.Trials.running;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rung.distributions.FloatDistribution;
import dev.rung.study.Direction;
import dev.rung.study.FrozenTrial;
import dev.rung.study.History;
import dev.rung.study.TrialState;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class HyperbandPrunerTest extends PrunerContract {
  private static final Brackets NINE = new Brackets(1, 9, 3); // rungs 1, 3 / 3 / none below 9

  @Override
  protected Pruner pruner() {
    return HyperbandPruner.of(1, 30, 3);
  }

  /** The first {@code n} trial numbers of "test-study" that hash to {@code bracket}. */
  private static List<Integer> numbersIn(Brackets b, int bracket, int n) {
    List<Integer> out = new ArrayList<>();
    for (int i = 0; out.size() < n; i++) {
      if (b.bracketOf("test-study", i) == bracket) {
        out.add(i);
      }
    }
    return out;
  }

  /** Bracket-0 trials worth 1.0 at step 1, bracket-1 trials worth 0.0 there. */
  private static List<FrozenTrial> twoBrackets() {
    List<FrozenTrial> trials = new ArrayList<>();
    for (int n : numbersIn(NINE, 0, 6)) {
      trials.add(complete(n, 1.0, 1.0, 1.0));
    }
    for (int n : numbersIn(NINE, 1, 6)) {
      trials.add(complete(n, 0.0, 0.0, 0.0));
    }
    trials.sort((a, b) -> Integer.compare(a.number(), b.number()));
    return trials;
  }

  @Test
  void comparesOnlyTrialsOfTheSameBracket() {
    History h = history(Direction.MINIMIZE, twoBrackets());
    int next = numbersIn(NINE, 0, 7).get(6);
    FrozenTrial t = running(next, 0.9);
    assertFalse(HyperbandPruner.of(1, 9, 3).prune(h, t), "best of its bracket");
    assertTrue(
        SuccessiveHalvingPruner.of(1, 3).prune(h, t), "against all brackets it would be pruned");
  }

  @Test
  void aRecordedBracketOverridesTheHash() {
    History h = history(Direction.MINIMIZE, twoBrackets());
    int next = numbersIn(NINE, 0, 7).get(6);
    FrozenTrial moved = running(next, 0.9, 0.9, 0.9).withSystemAttr(RungAttrs.BRACKET, 1);
    // in bracket 1 the first rung is at step 3, where the six have 0.0
    assertTrue(HyperbandPruner.of(1, 9, 3).prune(h, moved));
  }

  @Test
  void autoMaxResourceWaitsForACompletedTrial() {
    HyperbandPruner hb = HyperbandPruner.defaults();
    assertTrue(hb.brackets(history(Direction.MINIMIZE, running(0, 1))).isEmpty());
    assertFalse(hb.prune(history(Direction.MINIMIZE, running(0, 1)), running(1, 99)));
    History h = history(Direction.MINIMIZE, complete(0, Trials.flat(80, 0.1)));
    assertEquals(81, hb.brackets(h).get().maxResource());
    assertEquals(5, hb.brackets(h).get().count());
  }

  @Test
  void bracketViewShowsOnlyTheTrialsBracket() {
    History h = history(Direction.MINIMIZE, twoBrackets());
    int next = numbersIn(NINE, 1, 7).get(6);
    FrozenTrial t = running(next);
    History view = HyperbandPruner.of(1, 9, 3).withView(SamplerView.BRACKET).samplerHistory(h, t);
    assertEquals(6, view.trials().size());
    for (FrozenTrial v : view.trials()) {
      assertEquals(1, NINE.bracketOf("test-study", v.number()));
    }
    assertEquals(12, HyperbandPruner.of(1, 9, 3).samplerHistory(h, t).trials().size());
  }

  @Test
  void pausedTrialsAppearPrunedToTheSampler() {
    FrozenTrial paused = Trials.paused(0, 3, 0.5, 0.4, 0.3);
    FrozenTrial inFlight = Trials.paused(1, 9, 0.5, 0.4, 0.3);
    History h = history(Direction.MINIMIZE, paused, inFlight);
    History view = HyperbandPruner.of(1, 9, 3).samplerHistory(h, running(2));
    assertEquals(TrialState.PRUNED, view.trials().get(0).state());
    assertEquals(0.3, view.trials().get(0).value());
    assertEquals(TrialState.RUNNING, view.trials().get(1).state());
  }

  @Test
  void highestRungViewModelsTheHighestLevelWithEnoughObservations() {
    // two parameters: BOHB needs d + 3 = 5 observations at a level
    List<FrozenTrial> trials = new ArrayList<>();
    FloatDistribution u = FloatDistribution.uniform(0, 1);
    for (int i = 0; i < 8; i++) {
      int steps = i < 2 ? 9 : i < 6 ? 3 : 1;
      double[] curve = new double[steps];
      for (int s = 0; s < steps; s++) {
        curve[s] = 10 * i + s;
      }
      FrozenTrial t = steps == 9 ? complete(i, curve) : Trials.pruned(i, curve);
      trials.add(t.withParam("x", 0.1 * i, u).withParam("y", 0.5, u));
    }
    History h = history(Direction.MINIMIZE, trials);
    History view =
        HyperbandPruner.of(1, 9, 3)
            .withView(SamplerView.HIGHEST_RUNG)
            .samplerHistory(h, running(8));
    // level 9 has 2 observations, level 3 has 6: trials 0..5 COMPLETE with their step-3 value
    for (int i = 0; i < 6; i++) {
      assertEquals(TrialState.COMPLETE, view.trials().get(i).state(), "trial " + i);
      assertEquals(10 * i + 2, view.trials().get(i).value(), "trial " + i);
    }
    assertEquals(TrialState.PRUNED, view.trials().get(6).state());
    assertEquals(TrialState.PRUNED, view.trials().get(7).state());
  }
}
