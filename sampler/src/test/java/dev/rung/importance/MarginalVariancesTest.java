package dev.rung.importance;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.rung.distributions.CategoricalDistribution;
import dev.rung.distributions.Distribution;
import dev.rung.distributions.FloatDistribution;
import dev.rung.study.FrozenTrial;
import dev.rung.study.Seeds;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Exact functional-ANOVA variances of single trees grown on every trial once (no bootstrap), on
 * grids where the tree reproduces the target exactly, against the closed forms for a product of two
 * indicators: with {@code f = A B}, {@code P(A) = p}, {@code P(B) = r} independent, {@code Var f =
 * pr(1 - pr)}, the marginal of A has variance {@code r^2 p(1 - p)} and that of B {@code p^2 r(1 -
 * r)}.
 */
class MarginalVariancesTest {
  private static final Distribution UNIT = FloatDistribution.uniform(0, 1);

  @Test
  void numericThresholdsCutTheRangeIntoAtomsOfTheUniformMeasure() {
    // x0, x1 on the grid 0.05, 0.15, ..., 0.95; f = [x0 > 0.5] [x1 > 0.3]. The tree's thresholds
    // fall halfway between grid values (0.5 and 0.3): p = 0.5, r = 0.7.
    List<FrozenTrial> trials = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      for (int j = 0; j < 10; j++) {
        double x0 = 0.05 + 0.1 * i;
        double x1 = 0.05 + 0.1 * j;
        double f = x0 > 0.5 && x1 > 0.3 ? 1 : 0;
        trials.add(trial(trials.size(), f, Map.of("x0", x0, "x1", x1), UNIT));
      }
    }
    double[] v = fullTree(trials);
    double p = 0.5;
    double r = 0.7;
    assertEquals(p * r * (1 - p * r), v[2], 1e-12);
    assertEquals(r * r * p * (1 - p), v[0], 1e-12);
    assertEquals(p * p * r * (1 - r), v[1], 1e-12);
  }

  @Test
  void absentValuesWeighTheirShareOfTrialsAndCategoriesAreUniform() {
    // kind in {a, b, c, d}; z absent in 2 of every 6 trials (q = 1/3), else 0.1 .. 0.7;
    // f = [kind = b] [z absent]: p = 1/4, r = 1/3.
    Distribution kinds = CategoricalDistribution.of("a", "b", "c", "d");
    List<FrozenTrial> trials = new ArrayList<>();
    for (String kind : List.of("a", "b", "c", "d")) {
      for (double z : new double[] {Double.NaN, Double.NaN, 0.1, 0.3, 0.5, 0.7}) {
        Map<String, Object> params = new LinkedHashMap<>();
        Map<String, Distribution> dists = new LinkedHashMap<>();
        MixedSpace.put(params, dists, "kind", kind, kinds);
        if (!Double.isNaN(z)) {
          MixedSpace.put(params, dists, "z", z, UNIT);
        }
        double f = kind.equals("b") && Double.isNaN(z) ? 1 : 0;
        trials.add(KnownShares.complete(trials.size(), f, params, dists));
      }
    }
    double[] v = fullTree(trials);
    double p = 0.25;
    double r = 1.0 / 3;
    assertEquals(p * r * (1 - p * r), v[2], 1e-12);
    assertEquals(r * r * p * (1 - p), v[0], 1e-12);
    assertEquals(p * p * r * (1 - r), v[1], 1e-12);
  }

  /** The variances of one fully grown tree on every trial once: marginals of the two, total. */
  private static double[] fullTree(List<FrozenTrial> trials) {
    TrialTable table = TrialTable.of(trials, FrozenTrial::value);
    EncodedSpace space = new EncodedSpace(table);
    int[][] sorted = {space.sortedBy(0), space.sortedBy(1)};
    int[] once = new int[table.size()];
    Arrays.fill(once, 1);
    RegressionTree tree =
        new RegressionTree.Grower(space, table.target, sorted, once, 64, 2, Seeds.rng(1)).grow();
    return MarginalVariances.of(tree, space);
  }

  private static FrozenTrial trial(
      int number, double value, Map<String, Object> params, Distribution dist) {
    Map<String, Distribution> dists = new LinkedHashMap<>();
    params.keySet().stream().sorted().forEach(k -> dists.put(k, dist));
    Map<String, Object> ordered = new LinkedHashMap<>();
    dists.keySet().forEach(k -> ordered.put(k, params.get(k)));
    return KnownShares.complete(number, value, ordered, dists);
  }
}
