package dev.rung.samplers.tpe;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import org.junit.jupiter.api.Test;

class HypervolumeWeightsTest {
  private static final double EPS = HistorySplit.EPS;

  @Test
  void frontMembersWeighTheirExclusiveContributionRelativeToTheLargest() {
    // Minimised: A(1,3), B(2,2), C(3,1) on the front, D(2.5,2.5) dominated by B, E(0,0) infeasible.
    // Reference from the feasible ones' worst (3,3): (3.3,3.3). Exclusive boxes: A [1,2]x[3,3.3] =
    // 0.3, B [2,3]x[2,3] = 1, C [3,3.3]x[1,2] = 0.3; relative to B's: 0.3, 1, 0.3.
    double[][] losses = {{1, 3}, {2, 2}, {3, 1}, {2.5, 2.5}, {0, 0}};
    boolean[] feasible = {true, true, true, true, false};
    assertArrayEquals(
        new double[] {0.3, 1, 0.3, EPS, EPS}, HypervolumeWeights.of(losses, feasible), 1e-12);
  }

  @Test
  void withOneFeasibleTrialItWeighsOneAndTheOthersAlmostNothing() {
    double[][] losses = {{1, 3}, {0, 0}, {}};
    boolean[] feasible = {true, false, false};
    assertArrayEquals(new double[] {1, EPS, EPS}, HypervolumeWeights.of(losses, feasible), 0);
  }

  @Test
  void trialsWithoutValuesCountAsInfeasible() {
    ParamLayout layout = new ParamLayout(java.util.Map.of());
    ObservedTrial a = trial(0, new double[] {1, 2}, 0, layout);
    ObservedTrial b = trial(1, new double[] {2, 1}, 0, layout);
    ObservedTrial pruned = trial(2, new double[0], 0, layout);
    ObservedTrial infeasible = trial(3, new double[] {0, 0}, 0.5, layout);
    // a and b: equal exclusive contributions, so both weigh 1.
    assertArrayEquals(
        new double[] {1, 1, EPS, EPS},
        HypervolumeWeights.of(new ObservedTrial[] {a, b, pruned, infeasible}),
        1e-12);
  }

  private static ObservedTrial trial(int n, double[] loss, double violation, ParamLayout layout) {
    return new ObservedTrial(
        null,
        n,
        loss.length > 0 ? dev.rung.study.TrialState.COMPLETE : dev.rung.study.TrialState.PRUNED,
        loss,
        1,
        0,
        violation,
        layout,
        new double[0]);
  }
}
