package dev.rung.pruners;

import static dev.rung.pruners.Trials.paused;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.rung.study.Direction;
import dev.rung.study.FrozenTrial;
import dev.rung.study.History;
import dev.rung.study.TrialState;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The rung view a sampler models in a multi-objective study: a trial observed at a rung shows every
 * objective it had there (as the driver recorded them), never the first objective alone; one whose
 * objectives there are unknown shows as PRUNED without values.
 */
class SamplerViewObjectivesTest {
  private static final List<Direction> TWO = List.of(Direction.MAXIMIZE, Direction.MINIMIZE);

  @Test
  void onlyFullyTrainedTrialsShowTheirValues() {
    List<FrozenTrial> trials = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      trials.add(
          RungAttrs.withObjectivesAt(paused(i, 1, 0.1 * i), 1, new double[] {0.1 * i, 5 - i}));
    }
    for (int i = 6; i < 12; i++) {
      FrozenTrial full = paused(i, 3, 0.1, 0.2, 0.05 * i);
      trials.add(
          full.finish(TrialState.COMPLETE, List.of(0.05 * i, 12.0 - i), full.complete(), null));
    }
    History h = new History("mo", TWO, trials);
    History view = SamplerViews.highestRung(h, List.of(1, 3), Integer.MIN_VALUE, false, false);
    for (int i = 0; i < 6; i++) {
      FrozenTrial t = view.trials().get(i);
      assertEquals(TrialState.PRUNED, t.state(), "waiting at rung 1: " + t);
      assertEquals(List.of(), t.values());
    }
    for (int i = 6; i < 12; i++) {
      FrozenTrial t = view.trials().get(i);
      assertEquals(TrialState.COMPLETE, t.state());
      assertEquals(List.of(0.05 * i, 12.0 - i), t.values(), "both objectives, as reported");
    }
  }
}
