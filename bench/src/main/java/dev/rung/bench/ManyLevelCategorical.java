package dev.rung.bench;

import dev.rung.study.Trial;
import java.util.List;

/**
 * many-level-12: a categorical {@code level} with twelve levels, two of them good, and three
 * numerical parameters shared by all levels whose best values depend on the level.
 *
 * <p>{@code f = floor(level) + 16 ((x - x*)^2 + (y - y*)^2) + (log10 rate - r*)^2} with {@code x,
 * y} in [0, 1] and {@code rate} log-uniform in [1e-4, 1]; {@code x*, y*, r*} are the level's own
 * centre. Levels l3 and l8 have floor 0 (the optimum 0, at two far-apart centres); the ten others
 * have floors 0.2 to 0.7. A good level is better than a bad one only near its own centre, which no
 * other level's trials point to.
 */
final class ManyLevelCategorical {
  /** A level's floor and the best x, y and log10 rate at that level. */
  record Level(String name, double floor, double x, double y, double log10Rate) {}

  static final List<Level> LEVELS =
      List.of(
          new Level("l0", 0.55, 0.10, 0.90, -1.0),
          new Level("l1", 0.40, 0.30, 0.20, -3.5),
          new Level("l2", 0.70, 0.50, 0.50, -2.0),
          new Level("l3", 0.00, 0.80, 0.25, -3.0),
          new Level("l4", 0.30, 0.60, 0.80, -0.5),
          new Level("l5", 0.60, 0.20, 0.40, -2.5),
          new Level("l6", 0.45, 0.90, 0.60, -1.5),
          new Level("l7", 0.20, 0.40, 0.10, -1.0),
          new Level("l8", 0.00, 0.20, 0.75, -1.0),
          new Level("l9", 0.50, 0.70, 0.40, -3.5),
          new Level("l10", 0.65, 0.35, 0.95, -2.0),
          new Level("l11", 0.40, 0.95, 0.15, -0.5));

  private ManyLevelCategorical() {}

  static Problem problem() {
    return new Problem(
        "many-level-12",
        0,
        ManyLevelCategorical::value,
        t -> isGood((String) t.params().get("level")));
  }

  /** Whether {@code level} is one of the two levels whose floor is the optimum. */
  static boolean isGood(String level) {
    return level(level).floor() == 0;
  }

  static double value(Trial t) {
    Level level = level(t.suggestCategorical("level", LEVELS.stream().map(Level::name).toList()));
    double x = t.suggestFloat("x", 0, 1);
    double y = t.suggestFloat("y", 0, 1);
    double rate = t.suggestFloat("rate", 1e-4, 1, true);
    double dx = x - level.x();
    double dy = y - level.y();
    double dr = Math.log10(rate) - level.log10Rate();
    return level.floor() + 16 * (dx * dx + dy * dy) + dr * dr;
  }

  static Level level(String name) {
    return LEVELS.stream().filter(l -> l.name().equals(name)).findFirst().orElseThrow();
  }
}
