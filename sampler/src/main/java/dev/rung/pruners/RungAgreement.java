package dev.rung.pruners;

import dev.rung.study.FrozenTrial;
import dev.rung.study.History;
import dev.rung.study.TrialState;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Whether a rung's ranking can be trusted: how well the values at one rung agree with the values
 * the same trials reach at the next rung, measured as the sweep goes.
 *
 * <p>The first rungs of a real sweep can mislead: an untrained network, a warm-up, a learning rate
 * that needs epochs to show. On the LCBench learning curves the rank correlation between epoch 1
 * and epoch 3 is below 0.45 on 27 of 28 tasks (negative on 6), while between epochs 3 and 9 it is
 * at least 0.76 (docs/pruning.md). A rung whose ranking does not predict the next one should
 * neither stop trials nor teach the sampler.
 *
 * <p>Agreement of rung {@code k} (step {@code L_k}) is Spearman's rank correlation between the
 * values at {@code L_k} and at the next level {@code L_{k+1}} over the trials that reached {@code
 * L_{k+1}} without being <em>selected</em> at {@code L_k}: a trial promoted by its ranking at a
 * rung is left out of that rung's measure ({@link RungAttrs#RANKED}), because among the top {@code
 * 1/eta} the correlation is attenuated by the selection itself. Trials that passed a rung unranked
 * are those that started above it (a higher bracket, a full-budget trial) or that were promoted
 * while the rung was not yet trusted.
 *
 * <p>A rung ranks trials until it has been measured on at least {@link #minTrials} such trials, and
 * from then on only while their correlation is at least {@link #threshold}; a rung that does not
 * ranks nobody: every trial paused there continues ({@link AshaScheduler}) and the sampler does not
 * learn from it ({@link SamplerView#TRUSTED_RUNG}). The unranked trials come from Hyperband's
 * higher brackets, which start above the lowest rungs, and, once a rung is distrusted, from every
 * trial it passes on, so a distrusted rung keeps being measured on trials it did not select. A rung
 * with no bracket starting above it (the top rung) is never measured and always ranks.
 *
 * <p>Measured on the development suite (docs/defaults.md): trusting rungs until they are measured
 * costs nothing where low fidelities rank well (Hartmann-6, the digits curves), while the LCBench
 * curves, whose first epoch is the untrained network, have their first rung distrusted after a few
 * trials of the higher brackets.
 *
 * @param threshold the correlation a rung needs, in [-1, 1]
 * @param minTrials the unranked trials a rung's measure needs, at least 3
 */
public record RungAgreement(double threshold, int minTrials) {
  /** The default: correlation 0.5 over at least 5 trials (docs/pruning.md has the figures). */
  public static final RungAgreement DEFAULT = new RungAgreement(0.5, 8);

  public RungAgreement {
    if (!(threshold >= -1 && threshold <= 1)) {
      throw new IllegalArgumentException(
          "rung agreement threshold must be in [-1, 1], got " + threshold);
    }
    if (minTrials < 3) {
      throw new IllegalArgumentException(
          "rung agreement needs at least 3 trials per rung, got " + minTrials);
    }
  }

  /**
   * The measure between one level and the next.
   *
   * @param lower the rung's step
   * @param upper the next level's step
   * @param trials how many unranked trials reached {@code upper}
   * @param correlation their Spearman correlation, NaN when fewer than 2 or all tied
   */
  public record Pair(int lower, int upper, int trials, double correlation) {}

  /** The measure of every level below the top, lowest first; {@code levels} ascending. */
  public static List<Pair> measure(History history, List<Integer> levels) {
    List<Pair> out = new ArrayList<>();
    for (int k = 0; k + 1 < levels.size(); k++) {
      int lower = levels.get(k);
      int upper = levels.get(k + 1);
      List<double[]> xy = new ArrayList<>();
      for (FrozenTrial t : history.trials()) {
        if (t.state() == TrialState.WAITING || t.state() == TrialState.FAIL) {
          continue;
        }
        if (t.lastStep().orElse(-1) < upper || RungAttrs.rankedAt(t, lower)) {
          continue;
        }
        Double a = PromotionRule.valueAt(t, lower);
        Double b = PromotionRule.valueAt(t, upper);
        if (a != null && b != null && !a.isNaN() && !b.isNaN()) {
          xy.add(new double[] {a, b});
        }
      }
      double[] x = new double[xy.size()];
      double[] y = new double[xy.size()];
      for (int i = 0; i < x.length; i++) {
        x[i] = xy.get(i)[0];
        y[i] = xy.get(i)[1];
      }
      out.add(new Pair(lower, upper, x.length, spearman(x, y)));
    }
    return out;
  }

  /**
   * Whether this pair's rung is trusted: until it has been measured on {@link #minTrials} unranked
   * trials it is; then while its correlation is at least {@link #threshold}.
   */
  public boolean trusts(Pair p) {
    return p.trials() < minTrials || p.correlation() >= threshold;
  }

  /**
   * The lowest level from which every rung up to the top is trusted ({@code levels} ascending): the
   * sampler may learn from it and the levels above it. The top level when no rung below it is.
   */
  public int lowestTrustedChain(History history, List<Integer> levels) {
    List<Pair> pairs = measure(history, levels);
    int k = levels.size() - 1;
    while (k > 0 && trusts(pairs.get(k - 1))) {
      k--;
    }
    return levels.get(k);
  }

  /** Spearman's rank correlation (ties get their average rank); NaN when undefined. */
  public static double spearman(double[] x, double[] y) {
    if (x.length != y.length) {
      throw new IllegalArgumentException("x and y differ in length");
    }
    if (x.length < 2) {
      return Double.NaN;
    }
    double[] rx = ranks(x);
    double[] ry = ranks(y);
    double mean = (x.length - 1) / 2.0;
    double sxy = 0;
    double sxx = 0;
    double syy = 0;
    for (int i = 0; i < x.length; i++) {
      double dx = rx[i] - mean;
      double dy = ry[i] - mean;
      sxy += dx * dy;
      sxx += dx * dx;
      syy += dy * dy;
    }
    return sxx == 0 || syy == 0 ? Double.NaN : sxy / Math.sqrt(sxx * syy);
  }

  /** 0-based ranks, ties averaged. */
  static double[] ranks(double[] v) {
    Integer[] order = new Integer[v.length];
    for (int i = 0; i < v.length; i++) {
      order[i] = i;
    }
    Arrays.sort(order, (a, b) -> Double.compare(v[a], v[b]));
    double[] r = new double[v.length];
    int i = 0;
    while (i < v.length) {
      int j = i;
      while (j + 1 < v.length && v[order[j + 1]] == v[order[i]]) {
        j++;
      }
      double avg = (i + j) / 2.0;
      for (int k = i; k <= j; k++) {
        r[order[k]] = avg;
      }
      i = j + 1;
    }
    return r;
  }
}
