package dev.rung.multi;

import dev.rung.study.Direction;
import dev.rung.study.FrozenTrial;
import java.util.Arrays;
import java.util.List;

/**
 * Constrained domination between COMPLETE trials (Deb et al., IEEE TEC 6(2), 2002, section V): a
 * feasible trial beats an infeasible one; of two infeasible trials the one with the smaller total
 * violation wins; two feasible trials compare by ordinary Pareto domination.
 *
 * <p>A trial is feasible when every constraint value it reported is &lt;= 0; its violation is the
 * sum of its positive constraint values ({@link FrozenTrial#violation()}). A trial that reported no
 * constraints counts as feasible, as in {@code Study.bestTrials()}. (Optuna's NSGA-II instead lets
 * such a trial lose to every trial with constraints; its constraints come from a function called on
 * every trial, ours from what the objective reports.)
 */
public final class ConstrainedDominance {
  private ConstrainedDominance() {}

  /** Whether {@code a} constrained-dominates {@code b}. */
  public static boolean dominates(FrozenTrial a, FrozenTrial b, List<Direction> directions) {
    boolean feasibleA = a.isFeasible();
    boolean feasibleB = b.isFeasible();
    if (feasibleA && feasibleB) {
      return ParetoFront.dominates(
          ParetoFront.minimized(a.values(), directions),
          ParetoFront.minimized(b.values(), directions));
    }
    if (feasibleA != feasibleB) {
      return feasibleA;
    }
    return a.violation() < b.violation();
  }

  /**
   * The rank of each trial under constrained domination: the Pareto ranks of the feasible trials
   * come first (0, 1, ...); after the last of them, infeasible trials are ranked by total
   * violation, equal violations sharing a rank.
   */
  public static int[] ranks(List<FrozenTrial> trials, List<Direction> directions) {
    int n = trials.size();
    int[] rank = new int[n];
    int feasibleCount = 0;
    for (FrozenTrial t : trials) {
      if (t.isFeasible()) {
        feasibleCount++;
      }
    }
    double[][] feasiblePoints = new double[feasibleCount][];
    double[] violations = new double[n - feasibleCount];
    int f = 0;
    int v = 0;
    for (FrozenTrial t : trials) {
      if (t.isFeasible()) {
        feasiblePoints[f++] = ParetoFront.minimized(t.values(), directions);
      } else {
        violations[v++] = t.violation();
      }
    }
    int[] feasibleRanks = ParetoFront.ranks(feasiblePoints);
    int offset = ParetoFront.frontCount(feasibleRanks);
    double[] distinct = Arrays.stream(violations).sorted().distinct().toArray();
    f = 0;
    v = 0;
    for (int i = 0; i < n; i++) {
      if (trials.get(i).isFeasible()) {
        rank[i] = feasibleRanks[f++];
      } else {
        rank[i] = offset + Arrays.binarySearch(distinct, violations[v++]);
      }
    }
    return rank;
  }
}
