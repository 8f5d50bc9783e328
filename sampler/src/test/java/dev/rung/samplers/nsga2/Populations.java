package dev.rung.samplers.nsga2;

import dev.rung.distributions.FloatDistribution;
import dev.rung.study.Direction;
import dev.rung.study.FrozenTrial;
import dev.rung.study.History;
import dev.rung.study.TrialState;
import java.util.ArrayList;
import java.util.List;

/** Hand-made trials for tests. */
final class Populations {
  static final List<Direction> MIN2 = List.of(Direction.MINIMIZE, Direction.MINIMIZE);
  static final FloatDistribution UNIT = FloatDistribution.uniform(0, 1);

  private Populations() {}

  /** A COMPLETE trial with two values and parameter x = number / 1000. */
  static FrozenTrial trial(int number, double f1, double f2) {
    return FrozenTrial.create(number, TrialState.RUNNING, null)
        .withParam("x", number / 1000.0, UNIT)
        .finish(TrialState.COMPLETE, List.of(f1, f2), null, null);
  }

  static FrozenTrial failed(int number) {
    return FrozenTrial.create(number, TrialState.RUNNING, null)
        .withParam("x", number / 1000.0, UNIT)
        .finish(TrialState.FAIL, List.of(), null, "broken");
  }

  static FrozenTrial running(int number) {
    return FrozenTrial.create(number, TrialState.RUNNING, null);
  }

  static History history(FrozenTrial... trials) {
    return new History("hand-made", MIN2, List.of(trials));
  }

  static List<Integer> numbers(List<FrozenTrial> trials) {
    List<Integer> out = new ArrayList<>();
    for (FrozenTrial t : trials) {
      out.add(t.number());
    }
    return out;
  }
}
