package dev.rung.importance;

import dev.rung.study.Direction;
import dev.rung.study.FrozenTrial;
import dev.rung.study.Seeds;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;
import java.util.random.RandomGenerator;

/**
 * Functional ANOVA on a random forest (Hutter, Hoos and Leyton-Brown, "An Efficient Approach for
 * Assessing Hyperparameter Importance", ICML 2014), with the defaults of Optuna's {@code
 * FanovaImportanceEvaluator}.
 *
 * <p>A forest of regression trees predicts the target from the parameters (64 trees, each grown on
 * a bootstrap sample of the usable trials to depth at most 64, splitting any node of 2 or more
 * distinct trials, every parameter considered at every split: see {@link RegressionTree}). For each
 * tree, a parameter's importance is the variance of the tree's prediction averaged over all other
 * parameters (its marginal), as a fraction of the prediction's total variance, both taken under the
 * uniform measure on the search space. The fractions are averaged over the trees with a nonzero
 * variance and scaled to sum to 1. Only the variance of the target matters, so the direction of
 * optimization is ignored (negating the target would change the forest only through rounding and
 * ties).
 *
 * <p>The space: numeric parameters are uniform on their range, log-scale ones in log space (Optuna
 * 3.1 up to its current version use the raw scale there, which gives a log-uniform learning rate
 * almost all its weight in its top decade), stepped and integer ones over the range widened by half
 * a step on each side. A categorical parameter is one feature with uniform weight on each choice,
 * split into two sets of choices; Optuna instead one-hot encodes it, splits the 0/1 columns and
 * integrates over all 2^C corners of them, most of which are no choice at all. A parameter with a
 * single possible value gets importance 0.
 *
 * <p><b>Conditional parameters.</b> A trial that lacks a parameter gives it an extra value,
 * "absent", that trees can split on like any other (Optuna instead drops every parameter that some
 * trial lacks). In the integration, "absent" weighs the fraction of usable trials without the
 * parameter, and the parameter's range the rest. The parameter's importance thus includes whether
 * it is present; when presence is decided by another parameter (say {@code layers >= 2} for {@code
 * width_2}), the forest credits that effect to whichever of the two it splits on. A numeric
 * parameter's "absent" sits just below its range, so when absence acts like small values the forest
 * prefers the conditional parameter (one threshold then groups both).
 *
 * @apiNote Deterministic for a seed: tree t draws its bootstrap sample and its feature orders from
 *     {@code Seeds.rng(seed, t)}. Growing a tree costs O(parameters x trials x depth); the
 *     importances of a tree cost O(parameters x leaves).
 */
public final class FanovaEvaluator implements ImportanceEvaluator {
  private final long seed;
  private final int trees;
  private final int maxDepth;

  /** The defaults: 64 trees of depth at most 64. */
  public FanovaEvaluator(long seed) {
    this(seed, 64, 64);
  }

  /**
   * @param seed the seed of the bootstrap samples and split orders
   * @param trees the number of trees, at least 1
   * @param maxDepth the maximum depth of a tree, at least 1
   */
  public FanovaEvaluator(long seed, int trees, int maxDepth) {
    if (trees < 1) {
      throw new IllegalArgumentException("fANOVA trees must be >= 1, got " + trees);
    }
    if (maxDepth < 1) {
      throw new IllegalArgumentException("fANOVA maxDepth must be >= 1, got " + maxDepth);
    }
    this.seed = seed;
    this.trees = trees;
    this.maxDepth = maxDepth;
  }

  /** The same as {@link #evaluate(List, ToDoubleFunction)}: variance has no direction. */
  @Override
  public Map<String, Double> evaluate(
      List<FrozenTrial> trials, ToDoubleFunction<FrozenTrial> target, Direction direction) {
    return evaluate(trials, target);
  }

  @Override
  public Map<String, Double> evaluate(
      List<FrozenTrial> trials, ToDoubleFunction<FrozenTrial> target) {
    TrialTable table = TrialTable.of(trials, target);
    EncodedSpace space = new EncodedSpace(table);
    int d = space.features();
    int[][] sorted = new int[d][];
    for (int f = 0; f < d; f++) {
      sorted[f] = space.sortedBy(f);
    }
    double[] fractionSums = new double[d];
    int counted = 0;
    for (int t = 0; t < trees; t++) {
      RandomGenerator rng = Seeds.rng(seed, t);
      int[] sample = RegressionTree.bootstrap(table.size(), rng);
      RegressionTree tree =
          new RegressionTree.Grower(space, table.target, sorted, sample, maxDepth, 2, rng).grow();
      double[] v = MarginalVariances.of(tree, space);
      if (v[d] > 0) {
        for (int f = 0; f < d; f++) {
          fractionSums[f] += v[f] / v[d];
        }
        counted++;
      }
    }
    if (counted == 0) {
      throw new IllegalArgumentException(
          "fANOVA found no variance to explain: every tree predicts a constant (the target is"
              + " the same in all "
              + table.size()
              + " usable trials, or each tree sampled a single distinct trial)");
    }
    double[] scores = new double[table.names.size()];
    for (int f = 0; f < d; f++) {
      scores[space.param[f]] = fractionSums[f] / counted;
    }
    return Importances.ranked(table.names, scores, table.varies());
  }
}
