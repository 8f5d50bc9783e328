package dev.rung.samplers.tpe;

import dev.rung.study.TrialState;
import java.util.List;

/**
 * The observed trials of one suggestion, split into the good group and the rest.
 *
 * @param trials the observed trials, by number
 * @param below for each trial, whether it is in the good group
 * @param finished how many trials are COMPLETE or PRUNED (the running ones excluded)
 * @param multiObjective whether the study has several objectives
 */
record Observations(
    List<ObservedTrial> trials, boolean[] below, int finished, boolean multiObjective) {

  /** Splits {@code trials} with the good-group size {@code gamma(finished)}. */
  static Observations split(
      List<ObservedTrial> trials, boolean multiObjective, GammaFunction gamma) {
    int finished = 0;
    for (ObservedTrial t : trials) {
      if (t.state() != TrialState.RUNNING) {
        finished++;
      }
    }
    int nBelow = Math.max(0, Math.min(gamma.below(finished), finished));
    return new Observations(
        trials, HistorySplit.below(trials, nBelow, multiObjective), finished, multiObjective);
  }

  /**
   * The values of parameters {@code names} in the trials of one group that have all of them, in
   * trial-number order.
   */
  Columns columns(String[] names, boolean good) {
    int size = trials.size();
    // First the trials of the group that have every parameter (their positions), then the copy.
    int[] rows = new int[size];
    int[][] positions = new int[size][];
    int n = 0;
    ParamLayout lastLayout = null;
    int[] lastPos = null;
    for (int i = 0; i < size; i++) {
      if (below[i] != good) {
        continue;
      }
      ParamLayout layout = trials.get(i).layout();
      if (layout != lastLayout) {
        lastLayout = layout;
        lastPos = layout.positions(names);
      }
      if (lastPos != null) {
        rows[n] = i;
        positions[n++] = lastPos;
      }
    }
    double[][] values = new double[names.length][n];
    ObservedTrial[] used = new ObservedTrial[n];
    for (int j = 0; j < n; j++) {
      ObservedTrial t = trials.get(rows[j]);
      double[] v = t.values();
      int[] p = positions[j];
      for (int d = 0; d < names.length; d++) {
        values[d][j] = v[p[d]];
      }
      used[j] = t;
    }
    return new Columns(values, used);
  }

  static double[] ones(int n) {
    double[] w = new double[n];
    java.util.Arrays.fill(w, 1.0);
    return w;
  }

  /**
   * Observations of a group.
   *
   * @param values {@code values[d][i]}: parameter {@code d} of trial {@code i}
   * @param trials the trials, in trial-number order
   */
  record Columns(double[][] values, ObservedTrial[] trials) {
    int size() {
      return trials.length;
    }
  }
}
