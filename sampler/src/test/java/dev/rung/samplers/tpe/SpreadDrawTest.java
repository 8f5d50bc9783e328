package dev.rung.samplers.tpe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rung.distributions.CategoricalDistribution;
import dev.rung.distributions.FloatDistribution;
import dev.rung.distributions.IntDistribution;
import dev.rung.pruners.Pruner;
import dev.rung.study.FrozenTrial;
import dev.rung.study.History;
import dev.rung.study.Study;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The trials of TPE's random fraction, each the farthest of a few uniform draws from the bad ones.
 */
class SpreadDrawTest {

  @Test
  void theCandidateWhoseNearestTrialIsFarthestIsKept() {
    // Trials at (0, 0) and (1, 1). Nearest squared distances: (0.1, 0.1) 0.02, (0.5, 0.5) 0.5,
    // (0.9, 0.2) min(0.85, 0.65) = 0.65.
    double[][] candidates = {{0.1, 0.1}, {0.5, 0.5}, {0.9, 0.2}};
    double[][] tried = {{0, 0}, {1, 1}};
    boolean[] numerical = {false, false};
    assertEquals(2, SpreadDraw.farthest(candidates, tried, 2, numerical));
    // only the first trial counted: (0.9, 0.2) 0.85 is still farthest; none: the first candidate
    assertEquals(2, SpreadDraw.farthest(candidates, tried, 1, numerical));
    assertEquals(0, SpreadDraw.farthest(candidates, tried, 0, numerical));
    // a category differs by 1 whatever its index: (c 0, 0.5) is 1.25 from (c 1, 0), (c 2, 0.9) is
    // 1.01 from it
    double[][] mixed = {{0, 0.5}, {2, 0.9}};
    assertEquals(
        0, SpreadDraw.farthest(mixed, new double[][] {{1, 1}}, 1, new boolean[] {true, false}));
  }

  @Test
  void coordinatesAreTheKernelsUnitRange() {
    KernelSpace log = KernelSpace.of(new FloatDistribution(1e-4, 1e-1, true, 0));
    assertEquals(0.5, SpreadDraw.unit(log, Math.pow(10, -2.5)), 1e-12);
    // ints are widened by half a step: 1..8 spans 0.5..8.5
    KernelSpace ints = KernelSpace.of(new IntDistribution(1, 8, false, 1));
    assertEquals(0.0625, SpreadDraw.unit(ints, 1), 1e-12);
    assertEquals(0.5, SpreadDraw.unit(ints, 4.5), 1e-12);
    KernelSpace cat = KernelSpace.of(new CategoricalDistribution(List.<Object>of("a", "b", "c")));
    assertEquals(2, SpreadDraw.unit(cat, 2), 0);
  }

  /**
   * With every trial drawn at random, 16 candidates kept away from the trials TPE counts as bad (on
   * x + y, all but the good group of the lowest) spread 60 trials on a square further apart than
   * single uniform draws: the mean distance from each trial after the tenth to its nearest earlier
   * trial is at least 1.2 times larger on each of 10 seeds fixed in advance. Each mean averages 50
   * distances; on these seeds the ratios are 1.34 to 1.50, and a maximin choice among 16 makes
   * nearest distances smaller than uniform draws only by chance, so a seed below 1.2 points at a
   * broken draw rather than bad luck.
   */
  @Test
  void spreadDrawsKeepFurtherFromTheTrialsTried() {
    for (long seed = 1; seed <= 10; seed++) {
      double spread = meanNearest(seed, 16);
      double uniform = meanNearest(seed, 1);
      assertTrue(spread > 1.2 * uniform, "seed " + seed + ": " + spread + " vs " + uniform);
    }
  }

  private static double meanNearest(long seed, int randomCandidates) {
    Study study =
        Study.builder()
            .sampler(
                TpeSampler.builder()
                    .seed(seed)
                    .randomFraction(1)
                    .randomCandidates(randomCandidates)
                    .build())
            .build();
    study.optimize(t -> t.suggestFloat("x", 0, 1) + t.suggestFloat("y", 0, 1), 60);
    List<FrozenTrial> trials = study.trials();
    double sum = 0;
    for (int i = 10; i < trials.size(); i++) {
      double nearest = Double.POSITIVE_INFINITY;
      Map<String, Object> p = trials.get(i).params();
      for (int j = 0; j < i; j++) {
        Map<String, Object> q = trials.get(j).params();
        double dx = (Double) p.get("x") - (Double) q.get("x");
        double dy = (Double) p.get("y") - (Double) q.get("y");
        nearest = Math.min(nearest, Math.hypot(dx, dy));
      }
      sum += nearest;
    }
    return sum / (trials.size() - 10);
  }

  @Test
  void theSameSeedGivesTheSameDraws() {
    assertEquals(draws(5, 16), draws(5, 16));
    // and the spread draws are in use: the same seed with uniform draws draws otherwise
    assertNotEquals(draws(5, 16), draws(5, 1));
  }

  private static List<Map<String, Object>> draws(long seed, int randomCandidates) {
    return draws(
        TpeSampler.builder().seed(seed).randomFraction(0.5).randomCandidates(randomCandidates),
        false);
  }

  /**
   * By default a random trial is one uniform draw, and the farthest of 16 while the history a
   * pruner's view shows is marked as having misleading rungs; a count set on the builder holds
   * either way.
   */
  @Test
  void theDefaultSpreadsTheRandomTrialsOnlyWhileTheRungsMislead() {
    TpeSampler.Builder byDefault = TpeSampler.builder().seed(5).randomFraction(0.5);
    List<Map<String, Object>> plain = draws(byDefault, false);
    List<Map<String, Object>> misled = draws(byDefault, true);
    assertEquals(
        draws(TpeSampler.builder().seed(5).randomFraction(0.5).randomCandidates(1), false), plain);
    assertEquals(
        draws(TpeSampler.builder().seed(5).randomFraction(0.5).randomCandidates(16), false),
        misled);
    assertNotEquals(plain, misled);
    assertEquals(
        plain, draws(TpeSampler.builder().seed(5).randomFraction(0.5).randomCandidates(1), true));
    assertEquals(
        draws(TpeSampler.builder().seed(5).randomFraction(0.5).randomCandidates(1, 4), true),
        draws(TpeSampler.builder().seed(5).randomFraction(0.5).randomCandidates(4), false));
  }

  /**
   * A log-scaled float, an int and a float over 40 trials, the sampler's history marked as {@code
   * misled} by a pruner's view.
   */
  private static List<Map<String, Object>> draws(TpeSampler.Builder sampler, boolean misled) {
    Pruner marking =
        new Pruner() {
          @Override
          public boolean prune(History history, FrozenTrial trial) {
            return false;
          }

          @Override
          public History samplerHistory(History history, FrozenTrial trial) {
            return history.withMisleadingRungs(misled);
          }
        };
    Study study = Study.builder().sampler(sampler.build()).pruner(marking).build();
    study.optimize(
        t ->
            t.suggestFloat("x", 1e-3, 1, true)
                + t.suggestInt("n", 1, 9)
                + t.suggestFloat("y", 0, 1),
        40);
    return study.trials().stream().map(FrozenTrial::params).toList();
  }

  @Test
  void fewerThanOneCandidateIsRejected() {
    var e =
        assertThrows(
            IllegalArgumentException.class, () -> TpeSampler.builder().randomCandidates(0));
    assertTrue(e.getMessage().contains("randomCandidates is 0: it must be >= 1"), e.getMessage());
    var mislead =
        assertThrows(
            IllegalArgumentException.class, () -> TpeSampler.builder().randomCandidates(1, 0));
    assertTrue(mislead.getMessage().contains("randomCandidates is 0"), mislead.getMessage());
  }
}
