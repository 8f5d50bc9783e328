package dev.rung.samplers.tpe;

import dev.rung.multi.Hypervolume;
import dev.rung.multi.ParetoFront;

/**
 * Kernel weights of the good group in multi-objective TPE (MOTPE, Ozaki et al., GECCO 2020; as
 * Optuna's current TPESampler): a trial on the group's Pareto front weighs its exclusive
 * hypervolume contribution relative to the largest one; the group's other trials, infeasible ones
 * and ones without values (pruned) weigh {@link HistorySplit#EPS}. The reference point is {@link
 * HistorySplit#referencePoint} of the group's feasible trials.
 */
final class HypervolumeWeights {
  private HypervolumeWeights() {}

  /** One weight per good trial. */
  static double[] of(ObservedTrial[] trials) {
    double[][] losses = new double[trials.length][];
    boolean[] feasible = new boolean[trials.length];
    for (int i = 0; i < trials.length; i++) {
      losses[i] = trials[i].loss();
      feasible[i] = trials[i].loss().length > 0 && trials[i].isFeasible();
    }
    return of(losses, feasible);
  }

  /** One weight per good trial, given their losses (to minimise) and feasibility. */
  static double[] of(double[][] losses, boolean[] feasible) {
    int n = losses.length;
    double[] w = new double[n];
    int nFeasible = 0;
    for (int i = 0; i < n; i++) {
      w[i] = feasible[i] ? 1.0 : HistorySplit.EPS;
      nFeasible += feasible[i] ? 1 : 0;
    }
    if (nFeasible <= 1) {
      return w;
    }
    int[] idx = new int[nFeasible];
    double[][] pts = new double[nFeasible][];
    for (int i = 0, j = 0; i < n; i++) {
      if (feasible[i]) {
        idx[j] = i;
        pts[j++] = losses[i];
      }
    }
    double[] ref = HistorySplit.referencePoint(pts);
    boolean[] onFront = ParetoFront.nonDominated(pts);
    int frontSize = 0;
    for (boolean b : onFront) {
      frontSize += b ? 1 : 0;
    }
    double[][] front = new double[frontSize][];
    int[] frontIdx = new int[frontSize];
    for (int j = 0, f = 0; j < nFeasible; j++) {
      if (onFront[j]) {
        frontIdx[f] = j;
        front[f++] = pts[j];
      }
    }
    double hv = Hypervolume.of(front, ref);
    if (Double.isInfinite(hv)) {
      return w;
    }
    double[] contrib = new double[nFeasible];
    double maxContrib = 0;
    for (int f = 0; f < frontSize; f++) {
      double[][] others = new double[frontSize - 1][];
      for (int g = 0, o = 0; g < frontSize; g++) {
        if (g != f) {
          others[o++] = front[g];
        }
      }
      contrib[frontIdx[f]] = hv - Hypervolume.of(others, ref);
      maxContrib = Math.max(maxContrib, contrib[frontIdx[f]]);
    }
    double scale = Math.max(maxContrib, HistorySplit.EPS);
    for (int j = 0; j < nFeasible; j++) {
      w[idx[j]] = Math.max(contrib[j] / scale, HistorySplit.EPS);
    }
    return w;
  }
}
