package dev.rung.samplers.tpe;

import dev.rung.study.TrialState;
import java.util.Arrays;
import java.util.List;

/**
 * The observed trials of one suggestion, split into the good group and the rest.
 *
 * @param trials the observed trials, by number
 * @param below for each trial, whether it is in the good group
 * @param finished how many trials are COMPLETE or PRUNED (the running ones excluded)
 * @param multiObjective whether the study has several objectives
 * @param inFlight how many other trials are in flight (observed by the liar or not)
 */
record Observations(
    List<ObservedTrial> trials,
    boolean[] below,
    int finished,
    boolean multiObjective,
    int inFlight) {

  /** Splits {@code trials} with the good-group size {@code gamma(finished)}. */
  static Observations split(
      List<ObservedTrial> trials, int inFlight, boolean multiObjective, GammaFunction gamma) {
    int finished = 0;
    for (ObservedTrial t : trials) {
      if (t.state() != TrialState.RUNNING) {
        finished++;
      }
    }
    int nBelow = Math.max(0, Math.min(gamma.below(finished), finished));
    return new Observations(
        trials,
        HistorySplit.below(trials, nBelow, multiObjective),
        finished,
        multiObjective,
        inFlight);
  }

  /**
   * The values of parameters {@code names} in the trials of one group that have all of them, in
   * trial-number order.
   */
  Columns columns(String[] names, boolean good) {
    Members g = members(names, good);
    int n = g.size();
    double[][] values = new double[names.length][n];
    for (int j = 0; j < n; j++) {
      ObservedTrial t = g.trials()[j];
      double[] v = t.values();
      int[] p = g.positions(t);
      for (int d = 0; d < names.length; d++) {
        values[d][j] = v[p[d]];
      }
    }
    return new Columns(values, Arrays.copyOf(g.trials(), n));
  }

  /** The trials of one group that have every parameter of {@code names}, in trial-number order. */
  Members members(String[] names, boolean good) {
    int size = trials.size();
    ObservedTrial[] used = new ObservedTrial[size];
    int n = 0;
    ParamLayout lastLayout = null;
    boolean lastHas = false;
    for (int i = 0; i < size; i++) {
      if (below[i] != good) {
        continue;
      }
      ObservedTrial t = trials.get(i);
      ParamLayout layout = t.layout();
      if (layout != lastLayout) {
        lastLayout = layout;
        lastHas = layout.positions(names) != null;
      }
      if (lastHas) {
        used[n++] = t;
      }
    }
    return new Members(used, n, names);
  }

  /**
   * The trials of a group that have a set of parameters: the first {@code size} entries of {@code
   * trials}, in trial-number order.
   */
  static final class Members {
    private final ObservedTrial[] trials;
    private final int size;
    private final String[] names;
    private ParamLayout lastLayout;
    private int[] lastPositions;

    Members(ObservedTrial[] trials, int size, String[] names) {
      this.trials = trials;
      this.size = size;
      this.names = names;
    }

    ObservedTrial[] trials() {
      return trials;
    }

    int size() {
      return size;
    }

    /** Where the parameters sit in {@code t}'s values (t one of these trials). */
    int[] positions(ObservedTrial t) {
      if (t.layout() != lastLayout) {
        lastLayout = t.layout();
        lastPositions = lastLayout.positions(names);
      }
      return lastPositions;
    }
  }

  static double[] ones(int n) {
    double[] w = new double[n];
    Arrays.fill(w, 1.0);
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
