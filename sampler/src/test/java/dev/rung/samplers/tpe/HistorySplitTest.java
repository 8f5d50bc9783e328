package dev.rung.samplers.tpe;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.rung.study.Direction;
import dev.rung.study.FrozenTrial;
import dev.rung.study.TrialState;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class HistorySplitTest {
  private static final ParamLayout EMPTY = new ParamLayout(Map.of());

  private static FrozenTrial trial(int number, TrialState state, List<Double> values) {
    return new FrozenTrial(
        number,
        state,
        values,
        Map.of(),
        Map.of(),
        new TreeMap<>(),
        Map.of(),
        Map.of(),
        List.of(),
        null,
        null,
        null);
  }

  private static ObservedTrial complete(int n, double value, List<Direction> dirs) {
    return ObservedTrial.of(trial(n, TrialState.COMPLETE, List.of(value)), dirs, EMPTY);
  }

  private static ObservedTrial pruned(int n, Map<Integer, Double> steps, List<Direction> dirs) {
    FrozenTrial t = trial(n, TrialState.PRUNED, List.of());
    for (var e : steps.entrySet()) {
      t = t.withIntermediate(e.getKey(), e.getValue());
    }
    return ObservedTrial.of(t, dirs, EMPTY);
  }

  private static int[] below(List<ObservedTrial> trials, int n, boolean mo) {
    boolean[] b = HistorySplit.below(trials, n, mo);
    List<Integer> out = new ArrayList<>();
    for (int i = 0; i < b.length; i++) {
      if (b[i]) {
        out.add(trials.get(i).number());
      }
    }
    return out.stream().mapToInt(Integer::intValue).toArray();
  }

  @Test
  void bestCompleteFirstThenPrunedByStepThenValueThenInfeasible() {
    List<Direction> min = List.of(Direction.MINIMIZE);
    List<ObservedTrial> trials = new ArrayList<>();
    trials.add(complete(0, 5.0, min));
    trials.add(complete(1, 1.0, min));
    trials.add(pruned(2, Map.of(0, 9.0, 3, 0.5), min)); // reached step 3, value 0.5
    trials.add(pruned(3, Map.of(0, 0.1, 5, 7.0), min)); // reached step 5: ranks first
    trials.add(pruned(4, Map.of(3, 0.2), min)); // step 3, value 0.2 beats trial 2
    trials.add(pruned(5, Map.of(), min)); // never reported: last among pruned
    trials.add(pruned(6, Map.of(5, Double.NaN), min)); // NaN at step 5: after trial 3
    trials.add(
        ObservedTrial.of(
            trial(7, TrialState.COMPLETE, List.of(-100.0)).withConstraints(List.of(2.0)),
            min,
            EMPTY));
    trials.add(
        ObservedTrial.of(
            trial(8, TrialState.COMPLETE, List.of(-50.0)).withConstraints(List.of(0.5)),
            min,
            EMPTY));
    trials.add(ObservedTrial.of(trial(9, TrialState.RUNNING, List.of()), min, EMPTY));
    trials.add(complete(10, 3.0, min));

    // Order of entry: complete 1 (1.0), 10 (3.0), 0 (5.0); pruned 3, 6, 4, 2, 5; infeasible 8, 7.
    assertArrayEquals(new int[] {1}, below(trials, 1, false));
    assertArrayEquals(new int[] {0, 1, 10}, below(trials, 3, false));
    assertArrayEquals(new int[] {0, 1, 3, 10}, below(trials, 4, false));
    assertArrayEquals(new int[] {0, 1, 3, 6, 10}, below(trials, 5, false));
    assertArrayEquals(new int[] {0, 1, 3, 4, 6, 10}, below(trials, 6, false));
    assertArrayEquals(new int[] {0, 1, 2, 3, 4, 5, 6, 10}, below(trials, 8, false));
    assertArrayEquals(new int[] {0, 1, 2, 3, 4, 5, 6, 8, 10}, below(trials, 9, false));
    // Running trials are never good, whatever the size asked for.
    assertArrayEquals(new int[] {0, 1, 2, 3, 4, 5, 6, 7, 8, 10}, below(trials, 20, false));
  }

  @Test
  void maximizeFlipsValuesAndPrunedValues() {
    List<Direction> max = List.of(Direction.MAXIMIZE);
    List<ObservedTrial> trials = new ArrayList<>();
    trials.add(complete(0, 5.0, max));
    trials.add(complete(1, 1.0, max));
    trials.add(pruned(2, Map.of(2, 0.5), max));
    trials.add(pruned(3, Map.of(2, 0.9), max));
    assertArrayEquals(new int[] {0}, below(trials, 1, false));
    assertArrayEquals(new int[] {0, 1, 3}, below(trials, 3, false));
  }

  @Test
  void tiesGoToTheLowerTrialNumber() {
    List<Direction> min = List.of(Direction.MINIMIZE);
    List<ObservedTrial> trials =
        List.of(complete(0, 2.0, min), complete(1, 1.0, min), complete(2, 1.0, min));
    assertArrayEquals(new int[] {1}, below(trials, 1, false));
  }

  @Test
  void multiObjectiveTakesWholeRanksThenHypervolume() {
    List<Direction> dirs = List.of(Direction.MINIMIZE, Direction.MINIMIZE);
    List<ObservedTrial> trials = new ArrayList<>();
    double[][] pts = {
      {1, 5}, {2, 2}, {5, 1}, // rank 0
      {3, 6}, {4, 3}, {6, 2.5}, // rank 1
      {9, 9}
    };
    for (int i = 0; i < pts.length; i++) {
      FrozenTrial t = trial(i, TrialState.COMPLETE, List.of(pts[i][0], pts[i][1]));
      trials.add(ObservedTrial.of(t, dirs, EMPTY));
    }
    assertArrayEquals(new int[] {0, 1, 2}, below(trials, 3, true));
    // One more from rank 1, chosen by hypervolume with reference max(1.1 w, 0.9 w) of the rank:
    // w = (6, 6) -> (6.6, 6.6). Contributions: (3,6): 3.6*0.6=2.16, (4,3): 2.6*3.6=9.36,
    // (6,2.5): 0.6*4.1=2.46. Trial 4 wins.
    assertArrayEquals(new int[] {0, 1, 2, 4}, below(trials, 4, true));
    assertEquals(6, below(trials, 6, true).length);
    assertArrayEquals(
        new double[] {6.6, 6.6},
        HistorySplit.referencePoint(new double[][] {{3, 6}, {4, 3}, {6, 2.5}}),
        1e-12);
    assertArrayEquals(
        new double[] {-0.9, HistorySplit.EPS},
        HistorySplit.referencePoint(new double[][] {{-1, 0}}),
        1e-15);
  }
}
