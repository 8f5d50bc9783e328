package dev.rung.pruners;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rung.samplers.RandomSampler;
import dev.rung.study.FrozenTrial;
import dev.rung.study.Study;
import dev.rung.study.TrialPrunedException;
import dev.rung.study.TrialState;
import org.junit.jupiter.api.Test;

/** Pruners inside a running study: where pruning must happen and where it must not. */
class StudyPruningTest {

  private static Study study(Pruner pruner) {
    return Study.builder().name("s").sampler(new RandomSampler(1)).pruner(pruner).build();
  }

  @Test
  void theDefaultPrunerIsTheMedianPruner() {
    Pruner p = Study.builder().build().pruner();
    assertEquals(PercentilePruner.median(), assertInstanceOf(PercentilePruner.class, p));
  }

  @Test
  void theMedianPrunerStopsBadCurvesAfterTheStartupTrialsAndNeverGoodOnes() {
    Study s = study(PercentilePruner.median());
    s.optimize(
        trial -> {
          double level = trial.number() % 2 == 1 ? 100 : 0;
          for (int step = 1; step <= 10; step++) {
            trial.report(level + 1.0 / step, step);
            if (trial.shouldPrune()) {
              throw new TrialPrunedException();
            }
          }
          return level;
        },
        20);
    for (FrozenTrial t : s.trials()) {
      boolean bad = t.number() % 2 == 1;
      TrialState expected = bad && t.number() >= 5 ? TrialState.PRUNED : TrialState.COMPLETE;
      assertEquals(expected, t.state(), "trial " + t.number());
      if (expected == TrialState.PRUNED) {
        assertEquals(1, t.lastStep().getAsInt(), "pruned at its first report");
      }
    }
  }

  @Test
  void nothingIsPrunedWithoutReportsOrWhenAllCurvesTie() {
    Study silent = study(PercentilePruner.median().withStartupTrials(0));
    silent.optimize(trial -> trial.suggestFloat("x", 0, 1), 10);
    assertEquals(10, silent.trials(TrialState.COMPLETE).size());

    Study ties = study(HyperbandPruner.of(1, 27, 3));
    ties.optimize(
        trial -> {
          for (int step = 1; step <= 27; step++) {
            trial.report(1.0, step);
            if (trial.shouldPrune()) {
              throw new TrialPrunedException();
            }
          }
          return 1.0;
        },
        30);
    assertEquals(30, ties.trials(TrialState.COMPLETE).size(), "ties always continue");
  }

  @Test
  void successiveHalvingStopsTrialsOutsideTheTopThird() {
    Study s = study(SuccessiveHalvingPruner.of(1, 3));
    s.optimize(
        trial -> {
          double x = trial.suggestFloat("x", 0, 1);
          for (int step = 1; step <= 9; step++) {
            trial.report(x + 1.0 / step, step);
            if (trial.shouldPrune()) {
              throw new TrialPrunedException();
            }
          }
          return x + 1.0 / 9;
        },
        40);
    int pruned = s.trials(TrialState.PRUNED).size();
    assertTrue(pruned >= 20, "most of 40 random trials must stop, " + pruned + " did");
    double bestX =
        s.trials().stream().mapToDouble(t -> (Double) t.params().get("x")).min().orElse(1);
    assertEquals(bestX, (Double) s.bestParams().get("x"), "the best trial is never stopped");
  }
}
