package dev.rung.bench.multi;

import dev.rung.study.Direction;
import dev.rung.study.Trial;
import java.util.List;

/**
 * Two-objective test problems.
 *
 * <ul>
 *   <li>ZDT1 and ZDT2 (Zitzler, Deb and Thiele, "Comparison of multiobjective evolutionary
 *       algorithms: empirical results", Evolutionary Computation 8(2), 2000): {@code n} variables
 *       in [0, 1]; f1 = x1, g = 1 + 9 * mean(x2..xn), f2 = g * (1 - sqrt(f1 / g)) (ZDT1, convex
 *       front) or g * (1 - (f1 / g)^2) (ZDT2, concave front), both minimized. The true front has g
 *       = 1. Every point has f1 <= 1 and f2 <= 10, so the reference point (1.1, 11) counts every
 *       trial.
 *   <li>Binh and Korn (1997), constrained: x in [0, 5], y in [0, 3]; minimize f1 = 4x² + 4y² and f2
 *       = (x - 5)² + (y - 5)² subject to (x - 5)² + y² <= 25 and (x - 8)² + (y + 3)² >= 7.7,
 *       reported as constraint values c1 = (x - 5)² + y² - 25 and c2 = 7.7 - (x - 8)² - (y + 3)²
 *       (feasible iff both <= 0). Reference point (140, 50): f1 <= 136 and f2 <= 50 everywhere.
 * </ul>
 */
final class MultiObjectiveProblems {
  private MultiObjectiveProblems() {}

  private static final List<Direction> MIN2 = List.of(Direction.MINIMIZE, Direction.MINIMIZE);

  static MultiObjectiveProblem zdt1(int n) {
    // Area under the true front f2 = 1 - sqrt(f1) on [0, 1] is 1/3.
    return new MultiObjectiveProblem(
        "ZDT1 (n=" + n + ")",
        t -> zdt(t, n, false),
        MIN2,
        new double[] {1.1, 11},
        1.1 * 11 - 1.0 / 3);
  }

  static MultiObjectiveProblem zdt2(int n) {
    // Area under the true front f2 = 1 - f1^2 on [0, 1] is 2/3.
    return new MultiObjectiveProblem(
        "ZDT2 (n=" + n + ")",
        t -> zdt(t, n, true),
        MIN2,
        new double[] {1.1, 11},
        1.1 * 11 - 2.0 / 3);
  }

  static MultiObjectiveProblem binhKorn() {
    return new MultiObjectiveProblem(
        "Binh-Korn (constrained)",
        MultiObjectiveProblems::binhKorn,
        MIN2,
        new double[] {140, 50},
        Double.NaN);
  }

  private static double[] zdt(Trial t, int n, boolean concave) {
    double f1 = t.suggestFloat("x0", 0, 1);
    double sum = 0;
    for (int i = 1; i < n; i++) {
      sum += t.suggestFloat("x" + i, 0, 1);
    }
    double g = 1 + 9 * sum / (n - 1);
    double ratio = f1 / g;
    double f2 = g * (1 - (concave ? ratio * ratio : Math.sqrt(ratio)));
    return new double[] {f1, f2};
  }

  private static double[] binhKorn(Trial t) {
    double x = t.suggestFloat("x", 0, 5);
    double y = t.suggestFloat("y", 0, 3);
    t.setConstraints((x - 5) * (x - 5) + y * y - 25, 7.7 - (x - 8) * (x - 8) - (y + 3) * (y + 3));
    return new double[] {4 * x * x + 4 * y * y, (x - 5) * (x - 5) + (y - 5) * (y - 5)};
  }
}
