package dev.rung.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rung.bench.ManyLevelCategorical.Level;
import dev.rung.distributions.CategoricalDistribution;
import dev.rung.distributions.FloatDistribution;
import dev.rung.study.FrozenTrial;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ManyLevelCategoricalTest {
  private final Problem problem = Problems.all().get("many-level-12");

  private double at(Level level, Level centre) {
    return at(level.name(), centre.x(), centre.y(), Math.pow(10, centre.log10Rate()));
  }

  private double at(String level, double x, double y, double rate) {
    return FixedParams.evaluate(problem, Map.of("level", level, "x", x, "y", y, "rate", rate))
        .value();
  }

  @Test
  void bothGoodLevelsReachTheOptimumAtTheirOwnCentre() {
    assertEquals(0, problem.optimum());
    assertEquals(0, at("l3", 0.8, 0.25, 1e-3), 1e-12);
    assertEquals(0, at("l8", 0.2, 0.75, 0.1), 1e-12);
  }

  @Test
  void twoOfTwelveLevelsAreGoodAndTheOthersHaveFloorsFrom0_2() {
    List<Level> levels = ManyLevelCategorical.LEVELS;
    assertEquals(12, levels.size());
    assertEquals(
        List.of("l3", "l8"), levels.stream().filter(l -> l.floor() == 0).map(Level::name).toList());
    for (Level l : levels) {
      assertTrue(l.floor() == 0 || (l.floor() >= 0.2 && l.floor() <= 0.7), l.toString());
      assertEquals(l.floor(), at(l, l), 1e-12, "a level's floor is at its own centre: " + l);
      assertEquals(l.floor() == 0, ManyLevelCategorical.isGood(l.name()));
    }
  }

  @Test
  void theBestNumbersDependOnTheLevel() {
    // At any other level's centre a level is at least 0.5 above its floor: no level's good trials
    // show where another level is good.
    for (Level a : ManyLevelCategorical.LEVELS) {
      for (Level b : ManyLevelCategorical.LEVELS) {
        if (a != b) {
          assertTrue(at(a, b) >= a.floor() + 0.5, a.name() + " at the centre of " + b.name());
        }
      }
    }
  }

  @Test
  void searchSpaceIsOneTwelveLevelCategoricalAndThreeSharedNumbers() {
    FrozenTrial t =
        FixedParams.evaluate(problem, Map.of("level", "l5", "x", 0.5, "y", 0.5, "rate", 0.01));
    assertEquals(List.of("level", "x", "y", "rate"), List.copyOf(t.params().keySet()));
    assertEquals(
        new CategoricalDistribution(
            List.of("l0", "l1", "l2", "l3", "l4", "l5", "l6", "l7", "l8", "l9", "l10", "l11")),
        t.distributions().get("level"));
    assertEquals(new FloatDistribution(0, 1, false, 0), t.distributions().get("x"));
    assertEquals(new FloatDistribution(0, 1, false, 0), t.distributions().get("y"));
    assertEquals(new FloatDistribution(1e-4, 1, true, 0), t.distributions().get("rate"));
  }

  @Test
  void noRandomPointGoesBelowTheOptimum() {
    assertTrue(FixedParams.randomMinimum(problem, 2000) >= problem.optimum());
  }
}
