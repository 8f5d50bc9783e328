package dev.rung.bench;

import dev.rung.study.Trial;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The search-quality problems. The first ten are those of Optuna's reference figures, defined as in
 * its reference module (checked by ReferenceDefinitionsTest): eight standard test functions and two
 * that model hyperparameter spaces (mixed-4, conditional-3x3). Three more are our own, of the kinds
 * of space where TPE struggles: many-level-12, architecture and hartmann6-noisy. Definitions are in
 * docs/benchmarks-sampler.md.
 */
final class Problems {
  /**
   * Styblinski-Tang's minimum per coordinate, at the smallest root of 4x^3 - 32x + 5 (x =
   * -2.9035340277711783), as the reference computes it.
   */
  private static final double ST_MIN_PER_COORDINATE = -39.16616570377141;

  private Problems() {}

  static Map<String, Problem> all() {
    Map<String, Problem> p = new LinkedHashMap<>();
    add(p, new Problem("branin", 5 / (4 * Math.PI), Problems::branin, null));
    add(
        p,
        new Problem(
            "hartmann3", Hartmann.THREE_MINIMUM, t -> Hartmann.three(floats(t, 3, 0, 1)), null));
    add(
        p,
        new Problem(
            "hartmann6", Hartmann.SIX_MINIMUM, t -> Hartmann.six(floats(t, 6, 0, 1), 0), null));
    add(p, new Problem("rosenbrock4", 0, Problems::rosenbrock4, null));
    add(
        p,
        new Problem(
            "styblinski_tang8", 8 * ST_MIN_PER_COORDINATE, Problems::styblinskiTang8, null));
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
    add(p, ManyLevelCategorical.problem());
    add(p, Architecture.problem());
    add(p, NoisyHartmann.problem());
    return p;
  }

  private static void add(Map<String, Problem> map, Problem p) {
    map.put(p.name(), p);
  }

  static double[] floats(Trial t, int n, double low, double high) {
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

  /** Best log10 learning rate at batch 128 and the fixed penalty of one optimizer of mixed-4. */
  private record OptimizerShape(double bestLog10Lr, double penalty) {}

  private static final Map<String, OptimizerShape> MIXED_OPTIMIZERS = new LinkedHashMap<>();

  static {
    MIXED_OPTIMIZERS.put("sgd", new OptimizerShape(-1.0, 0.6));
    MIXED_OPTIMIZERS.put("momentum", new OptimizerShape(-1.5, 0.3));
    MIXED_OPTIMIZERS.put("adam", new OptimizerShape(-3.0, 0));
    MIXED_OPTIMIZERS.put("rmsprop", new OptimizerShape(-2.5, 0.15));
  }

  /**
   * A training-loss surrogate: log learning rate, log weight decay, batch size (16..512, step 16)
   * and one of four optimizers, each with its own best learning rate and a fixed penalty. The best
   * learning rate grows by half a decade per tenfold batch (the linear-scaling rule); learning rate
   * and weight decay interact. Adam at learning rate 1e-3, weight decay 1e-4 and batch 128 gives 0.
   */
  static double mixed4(Trial t) {
    double lr = t.suggestFloat("lr", 1e-5, 1, true);
    double wd = t.suggestFloat("weight_decay", 1e-6, 1e-1, true);
    int batch = t.suggestInt("batch_size", 16, 512, 16);
    String opt = t.suggestCategorical("optimizer", List.copyOf(MIXED_OPTIMIZERS.keySet()));
    OptimizerShape shape = MIXED_OPTIMIZERS.get(opt);
    double u = Math.log10(lr) - (shape.bestLog10Lr() + 0.5 * Math.log10(batch / 128.0));
    double v = Math.log10(wd) + 4;
    double db = Math.log(batch / 128.0) / Math.log(2);
    // [[1, .15], [.15, .5]] is positive definite: the (u, v) part is >= 0, and 0 only at u = v = 0.
    return shape.penalty() + u * u + 0.3 * u * v + 0.5 * v * v + 0.25 * db * db;
  }

  /** Each branch's floor and the centre of its sphere. */
  private static final double[] FLOORS = {0.5, 0.0, 1.0};

  private static final double[][] CENTRES = {{-2.0, 3.0, 1.0}, {1.5, -2.5, 3.5}, {3.0, 0.5, -1.5}};

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
      double d = x - CENTRES[k][i];
      f += d * d;
    }
    return f;
  }
}
