package dev.rung.importance;

import dev.rung.distributions.CategoricalDistribution;
import dev.rung.distributions.Distribution;
import dev.rung.study.FrozenTrial;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/**
 * PED-ANOVA (Watanabe, Bansal and Hutter, "PED-ANOVA: Efficiently Quantifying Hyperparameter
 * Importance in Arbitrary Subspaces", IJCAI 2023), with the defaults of Optuna's {@code
 * PedAnovaImportanceEvaluator}.
 *
 * <p>A parameter is important when the trials of the top {@code targetQuantile} (by default the
 * best 10 %, and at least 2 trials) chose its values differently from the trials of the region they
 * are compared with (the top {@code regionQuantile}, by default all usable trials). Its score is
 * the Pearson divergence {@code sum_x p_region(x) (p_top(x) / p_region(x) - 1)^2} between the two
 * sets' {@link GridParzen} estimates on the parameter's grid; with {@code evaluateOnLocal = false}
 * the region's estimate is replaced by the uniform distribution on the grid (importance in the
 * whole search space rather than where the study searched). Scores are scaled to sum to 1. Unlike
 * fANOVA it needs no model and costs O(trials + parameters x grid^2); it measures what separates
 * good trials from the others, so the direction matters: the target is minimized.
 *
 * <p><b>Conditional parameters</b> follow conditional PED-ANOVA (Optuna's current version): the
 * region's trials are split into regimes by the parameter's distribution, "absent" being a regime
 * of its own. Regime i contributes {@code alpha_i^2 / beta_i} times its Pearson divergence, where
 * {@code alpha_i} is its share of the top trials and {@code beta_i} its share of the region; the
 * absent regime has no divergence of its own but a parameter whose presence is over-represented
 * among the top trials is boosted through {@code alpha/beta}. Regimes of fewer than 2 trials are
 * left out.
 */
public final class PedAnovaEvaluator implements ImportanceEvaluator {
  private static final int MIN_TOP_TRIALS = 2;
  private static final int MIN_REGIME_TRIALS = 2;
  private static final double PRIOR_WEIGHT = 1.0;
  private static final double FLOOR = 1e-12;

  private final double targetQuantile;
  private final double regionQuantile;
  private final boolean evaluateOnLocal;

  /** The defaults: the top 10 % against all trials, on the region the study searched. */
  public PedAnovaEvaluator() {
    this(0.1, 1.0, true);
  }

  /**
   * @param targetQuantile the share of best trials whose choices are examined, in (0, 1)
   * @param regionQuantile the share of best trials they are compared with, in (targetQuantile, 1]
   * @param evaluateOnLocal compare with the region's trials (true) or with the uniform distribution
   *     over each parameter's range (false)
   */
  public PedAnovaEvaluator(double targetQuantile, double regionQuantile, boolean evaluateOnLocal) {
    if (!(0 < targetQuantile && targetQuantile < regionQuantile && regionQuantile <= 1)) {
      throw new IllegalArgumentException(
          "PED-ANOVA quantiles target "
              + targetQuantile
              + " and region "
              + regionQuantile
              + " are not allowed: need 0 < target < region <= 1");
    }
    this.targetQuantile = targetQuantile;
    this.regionQuantile = regionQuantile;
    this.evaluateOnLocal = evaluateOnLocal;
  }

  @Override
  public Map<String, Double> evaluate(
      List<FrozenTrial> trials, ToDoubleFunction<FrozenTrial> target) {
    TrialTable table = TrialTable.of(trials, target);
    boolean[] top = best(table.target, targetQuantile);
    boolean[] region = best(table.target, regionQuantile);
    int topCount = count(top);
    int regionCount = count(region);
    boolean[] varies = table.varies();
    double[] scores = new double[table.names.size()];
    for (int p = 0; p < scores.length; p++) {
      if (!varies[p]) {
        continue;
      }
      String name = table.names.get(p);
      for (Map.Entry<Distribution, int[]> regime : regimes(table, name, region).entrySet()) {
        Distribution dist = regime.getKey();
        int[] inRegion = regime.getValue();
        int[] inTop = Arrays.stream(inRegion).filter(i -> top[i]).toArray();
        if (dist == null || dist.isSingle() || inTop.length == 0) {
          continue;
        }
        double alpha = (double) inTop.length / topCount;
        double beta = (double) inRegion.length / regionCount;
        scores[p] += alpha * alpha / beta * divergence(dist, table.columns[p], inTop, inRegion);
      }
    }
    return Importances.ranked(table.names, scores, varies);
  }

  /** The Pearson divergence of the top trials' estimate from the region's (or uniform). */
  private double divergence(Distribution dist, double[] column, int[] inTop, int[] inRegion) {
    boolean categorical = dist instanceof CategoricalDistribution;
    double[] pTop =
        GridParzen.pdf(GridParzen.counts(dist, column, inTop), categorical, PRIOR_WEIGHT);
    double[] pRegion =
        evaluateOnLocal
            ? GridParzen.pdf(GridParzen.counts(dist, column, inRegion), categorical, PRIOR_WEIGHT)
            : null;
    double sum = 0;
    for (int k = 0; k < pTop.length; k++) {
      double q = (evaluateOnLocal ? pRegion[k] : 1.0 / pTop.length) + FLOOR;
      double r = (pTop[k] + FLOOR) / q - 1;
      sum += q * r * r;
    }
    return sum;
  }

  /** The region's trials grouped by parameter {@code name}'s distribution (null: absent). */
  private static Map<Distribution, int[]> regimes(TrialTable table, String name, boolean[] region) {
    Map<Distribution, List<Integer>> groups = new LinkedHashMap<>();
    for (int i = 0; i < table.size(); i++) {
      if (region[i]) {
        Distribution d = table.trials.get(i).distributions().get(name);
        groups.computeIfAbsent(d, k -> new ArrayList<>()).add(i);
      }
    }
    Map<Distribution, int[]> out = new LinkedHashMap<>();
    groups.forEach(
        (d, members) -> {
          if (members.size() >= MIN_REGIME_TRIALS) {
            out.put(d, members.stream().mapToInt(Integer::intValue).toArray());
          }
        });
    return out;
  }

  /**
   * The trials whose value is at most the {@code quantile}-th smallest (the value of rank {@code
   * ceil(quantile n)}, and at least of rank 2): ties at the cut are all kept.
   */
  private static boolean[] best(double[] values, double quantile) {
    int n = values.length;
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    int rank = Math.max((int) Math.ceil(quantile * n), Math.min(MIN_TOP_TRIALS, n));
    double cutoff = sorted[rank - 1];
    boolean[] keep = new boolean[n];
    for (int i = 0; i < n; i++) {
      keep[i] = values[i] <= cutoff;
    }
    return keep;
  }

  private static int count(boolean[] flags) {
    int c = 0;
    for (boolean f : flags) {
      c += f ? 1 : 0;
    }
    return c;
  }
}
