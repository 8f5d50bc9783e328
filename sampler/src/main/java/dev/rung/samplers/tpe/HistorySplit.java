package dev.rung.samplers.tpe;

import dev.rung.multi.Hypervolume;
import dev.rung.multi.ParetoFront;
import dev.rung.study.TrialState;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Splits observed trials into the good group ("below", fitted by {@code l(x)}) and the rest
 * ("above", fitted by {@code g(x)}), as in Bergstra et al. (NeurIPS 2011) with Optuna's
 * refinements.
 *
 * <p>RUNNING trials (the constant liar) are always above. The good group is filled, in order, with
 * the best feasible COMPLETE trials; then PRUNED trials, the ones that reached a later step first
 * and among equal steps the better last value; then infeasible trials by total violation. With
 * several objectives, COMPLETE trials enter by whole non-domination ranks while they fit, and the
 * next rank is cut by greedy hypervolume subset selection (Ozaki et al., GECCO 2020).
 */
final class HistorySplit {
  /** Reference-point coordinates that would be 0 become this, as in Optuna. */
  static final double EPS = 1e-12;

  private HistorySplit() {}

  /**
   * For each trial (in the given order), whether it is in the good group of size {@code nBelow}
   * (capped by the number of non-running trials).
   */
  static boolean[] below(List<ObservedTrial> trials, int nBelow, boolean multiObjective) {
    int n = trials.size();
    boolean[] below = new boolean[n];
    // Positions by kind, in trial order, as primitive arrays: this runs on every suggestion.
    int[] complete = new int[n];
    int[] pruned = new int[n];
    int[] infeasible = new int[n];
    int nc = 0;
    int np = 0;
    int ni = 0;
    for (int i = 0; i < n; i++) {
      ObservedTrial t = trials.get(i);
      if (t.state() == TrialState.RUNNING) {
        continue;
      }
      if (!t.isFeasible()) {
        infeasible[ni++] = i;
      } else if (t.state() == TrialState.COMPLETE && t.loss().length > 0) {
        complete[nc++] = i;
      } else {
        pruned[np++] = i;
      }
    }
    int left = nBelow;
    int[] chosen =
        multiObjective
            ? bestByRankAndHypervolume(trials, boxed(complete, nc), left)
            : bestSingle(trials, complete, nc, left);
    for (int i : chosen) {
      below[i] = true;
    }
    left -= chosen.length;
    if (left > 0 && np > 0) {
      List<Integer> order = boxed(pruned, np);
      order.sort(
          Comparator.<Integer>comparingDouble(i -> trials.get(i).prunedStep())
              .thenComparingDouble(i -> multiObjective ? 0 : trials.get(i).prunedLoss())
              .thenComparingInt(i -> trials.get(i).number()));
      for (int k = 0; k < order.size() && left > 0; k++, left--) {
        below[order.get(k)] = true;
      }
    }
    if (left > 0 && ni > 0) {
      List<Integer> order = boxed(infeasible, ni);
      order.sort(
          Comparator.<Integer>comparingDouble(i -> trials.get(i).violation())
              .thenComparingInt(i -> trials.get(i).number()));
      for (int k = 0; k < order.size() && left > 0; k++, left--) {
        below[order.get(k)] = true;
      }
    }
    return below;
  }

  private static List<Integer> boxed(int[] values, int n) {
    List<Integer> out = new ArrayList<>(n);
    for (int k = 0; k < n; k++) {
      out.add(values[k]);
    }
    return out;
  }

  /**
   * Positions (into {@code trials}) of the {@code k} COMPLETE trials with the smallest loss, ties
   * to the lower trial number: a bounded insertion, O(n k) at worst and O(n) typically.
   */
  static int[] bestSingle(List<ObservedTrial> trials, int[] complete, int count, int k) {
    k = Math.max(0, Math.min(k, count));
    int[] best = new int[k];
    double[] keys = new double[k];
    int size = 0;
    for (int c = 0; c < count; c++) {
      int i = complete[c];
      double v = trials.get(i).loss()[0];
      if (size == k && !(v < keys[k - 1])) {
        continue;
      }
      int pos = size == k ? k - 1 : size++;
      while (pos > 0 && v < keys[pos - 1]) {
        keys[pos] = keys[pos - 1];
        best[pos] = best[pos - 1];
        pos--;
      }
      keys[pos] = v;
      best[pos] = i;
    }
    return best;
  }

  /** Whole non-domination ranks while they fit, the next rank cut by greedy hypervolume. */
  static int[] bestByRankAndHypervolume(List<ObservedTrial> trials, List<Integer> complete, int k) {
    k = Math.max(0, Math.min(k, complete.size()));
    List<Integer> remaining = new ArrayList<>(complete);
    List<Integer> chosen = new ArrayList<>();
    while (chosen.size() < k) {
      double[][] points = new double[remaining.size()][];
      for (int j = 0; j < points.length; j++) {
        points[j] = trials.get(remaining.get(j)).loss();
      }
      boolean[] front = ParetoFront.nonDominated(points);
      List<Integer> rank = new ArrayList<>();
      List<Integer> rest = new ArrayList<>();
      for (int j = 0; j < points.length; j++) {
        (front[j] ? rank : rest).add(remaining.get(j));
      }
      if (chosen.size() + rank.size() <= k) {
        chosen.addAll(rank);
        remaining = rest;
        continue;
      }
      double[][] rankPoints = new double[rank.size()][];
      for (int j = 0; j < rankPoints.length; j++) {
        rankPoints[j] = trials.get(rank.get(j)).loss();
      }
      int[] subset =
          Hypervolume.greedySubset(rankPoints, referencePoint(rankPoints), k - chosen.size());
      for (int j : subset) {
        chosen.add(rank.get(j));
      }
    }
    return chosen.stream().mapToInt(Integer::intValue).toArray();
  }

  /** Per objective {@code max(1.1 w, 0.9 w)} of the worst value {@code w}; zeros become EPS. */
  static double[] referencePoint(double[][] points) {
    int m = points[0].length;
    double[] ref = new double[m];
    for (int o = 0; o < m; o++) {
      double worst = Double.NEGATIVE_INFINITY;
      for (double[] p : points) {
        worst = Math.max(worst, p[o]);
      }
      ref[o] = Math.max(1.1 * worst, 0.9 * worst);
      if (ref[o] == 0) {
        ref[o] = EPS;
      }
    }
    return ref;
  }
}
