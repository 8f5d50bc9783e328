package dev.rung.bench;

import dev.rung.study.Trial;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The ten search-quality problems: eight standard test functions and two that model hyperparameter
 * spaces (mixed-4, conditional-3x3). Definitions are in docs/benchmarks-sampler.md.
 */
final class Problems {
  private Problems() {}

  static Map<String, Problem> all() {
    Map<String, Problem> p = new LinkedHashMap<>();
    add(p, new Problem("branin", 0.397887357729738, Problems::branin, null));
    add(
        p,
        new Problem(
            "hartmann3", -3.862779787332663, t -> Hartmann.three(floats(t, 3, 0, 1)), null));
    add(
        p,
        new Problem(
            "hartmann6", -3.322368011415515, t -> Hartmann.six(floats(t, 6, 0, 1), 0), null));
    add(p, new Problem("rosenbrock4", 0, Problems::rosenbrock4, null));
    add(
        p,
        new Problem("styblinski_tang8", -39.16616570377142 * 8, Problems::styblinskiTang8, null));
    add(p, new Problem("ackley5", 0, Problems::ackley5, null));
    add(p, new Problem("levy6", 0, Problems::levy6, null));
    add(p, new Problem("griewank8", 0, Problems::griewank8, null));
    add(
        p,
        new Problem(
            "mixed-4", 0, Problems::mixed4, t -> "adam".equals(t.params().get("optimizer"))));
    add(
        p,
        new Problem(
            "conditional-3x3",
            0,
            Problems::conditional3x3,
            t -> "b".equals(t.params().get("branch"))));
    return p;
  }

  private static void add(Map<String, Problem> map, Problem p) {
    map.put(p.name(), p);
  }

  private static double[] floats(Trial t, int n, double low, double high) {
    double[] x = new double[n];
    for (int i = 0; i < n; i++) {
      x[i] = t.suggestFloat("x" + i, low, high);
    }
    return x;
  }

  static double branin(Trial t) {
    double x1 = t.suggestFloat("x0", -5, 10);
    double x2 = t.suggestFloat("x1", 0, 15);
    double b = 5.1 / (4 * Math.PI * Math.PI);
    double c = 5 / Math.PI;
    double r = x2 - b * x1 * x1 + c * x1 - 6;
    return r * r + 10 * (1 - 1 / (8 * Math.PI)) * Math.cos(x1) + 10;
  }

  static double rosenbrock4(Trial t) {
    double[] x = floats(t, 4, -5, 10);
    double f = 0;
    for (int i = 0; i < 3; i++) {
      double a = x[i + 1] - x[i] * x[i];
      double b = 1 - x[i];
      f += 100 * a * a + b * b;
    }
    return f;
  }

  static double styblinskiTang8(Trial t) {
    double[] x = floats(t, 8, -5, 5);
    double f = 0;
    for (double v : x) {
      f += v * v * v * v - 16 * v * v + 5 * v;
    }
    return f / 2;
  }

  static double ackley5(Trial t) {
    double[] x = floats(t, 5, -32.768, 32.768);
    double sq = 0;
    double cos = 0;
    for (double v : x) {
      sq += v * v;
      cos += Math.cos(2 * Math.PI * v);
    }
    int n = x.length;
    return -20 * Math.exp(-0.2 * Math.sqrt(sq / n)) - Math.exp(cos / n) + 20 + Math.E;
  }

  static double levy6(Trial t) {
    double[] x = floats(t, 6, -10, 10);
    int n = x.length;
    double[] w = new double[n];
    for (int i = 0; i < n; i++) {
      w[i] = 1 + (x[i] - 1) / 4;
    }
    double s0 = Math.sin(Math.PI * w[0]);
    double f = s0 * s0;
    for (int i = 0; i < n - 1; i++) {
      double s = Math.sin(Math.PI * w[i] + 1);
      f += (w[i] - 1) * (w[i] - 1) * (1 + 10 * s * s);
    }
    double sl = Math.sin(2 * Math.PI * w[n - 1]);
    f += (w[n - 1] - 1) * (w[n - 1] - 1) * (1 + sl * sl);
    return f;
  }

  static double griewank8(Trial t) {
    double[] x = floats(t, 8, -600, 600);
    double sum = 0;
    double prod = 1;
    for (int i = 0; i < x.length; i++) {
      sum += x[i] * x[i] / 4000;
      prod *= Math.cos(x[i] / Math.sqrt(i + 1));
    }
    return 1 + sum - prod;
  }

  /**
   * A training-loss surrogate: log learning rate, log weight decay, batch size (step 16) and one of
   * four optimizers. The best learning rate depends on the optimizer and grows with the square root
   * of the batch size; Adam at its best learning rate, weight decay 1e-4 and batch 64 gives 0.
   */
  static double mixed4(Trial t) {
    String opt = t.suggestCategorical("optimizer", "sgd", "momentum", "adam", "rmsprop");
    double lr = t.suggestFloat("lr", 1e-5, 1, true);
    double wd = t.suggestFloat("weight_decay", 1e-6, 1e-1, true);
    int batch = t.suggestInt("batch_size", 16, 256, 16);
    double base;
    double penalty;
    switch (opt) {
      case "sgd" -> {
        base = -1.0;
        penalty = 0.3;
      }
      case "momentum" -> {
        base = -1.7;
        penalty = 0.15;
      }
      case "adam" -> {
        base = -3.0;
        penalty = 0;
      }
      default -> {
        base = -2.6;
        penalty = 0.1;
      }
    }
    double bestLr = base + 0.5 * Math.log10(batch / 64.0);
    double dl = Math.log10(lr) - bestLr;
    double dw = Math.log10(wd) + 4;
    double db = Math.log(batch / 64.0) / Math.log(2);
    return penalty + 2.0 * dl * dl + 0.4 * dw * dw + 0.08 * db * db;
  }

  private static final double[][] SHIFTS = {{1.0, -2.0, 0.5}, {-1.5, 2.5, 1.0}, {3.0, 0.0, -3.0}};
  private static final double[] FLOORS = {0.5, 0.0, 1.0};

  /**
   * A conditional space: branch a, b or c switches on three of nine floats in [-5, 5] (a_x0..2,
   * b_x0..2, c_x0..2); each branch is a shifted sphere with floor 0.5, 0 and 1.0.
   */
  static double conditional3x3(Trial t) {
    String branch = t.suggestCategorical("branch", "a", "b", "c");
    int k = branch.charAt(0) - 'a';
    double f = FLOORS[k];
    for (int i = 0; i < 3; i++) {
      double x = t.suggestFloat(branch + "_x" + i, -5, 5);
      double d = x - SHIFTS[k][i];
      f += d * d;
    }
    return f;
  }
}
