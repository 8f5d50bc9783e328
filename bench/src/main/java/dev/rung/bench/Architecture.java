package dev.rung.bench;

import dev.rung.study.FrozenTrial;
import dev.rung.study.Trial;

/**
 * architecture: a network's training recipe with conditional parameters, the space of a typical
 * define-by-run objective.
 *
 * <ul>
 *   <li>{@code optimizer} in sgd, momentum, adam; {@code lr} log-uniform in [1e-5, 1] for all;
 *       {@code momentum} in [0, 0.99] only for momentum; {@code beta1} in [0.5, 0.999] only for
 *       adam. sgd: {@code 0.4 + (log10 lr + 1)^2}; momentum: {@code (log10(lr / (1 - momentum)) +
 *       1)^2 + 5 (momentum - 0.9)^2} (the effective step {@code lr / (1 - momentum)} is what
 *       counts); adam: {@code 0.1 + (log10 lr + 3)^2 + 10 (beta1 - 0.9)^2}.
 *   <li>{@code num_layers} in 1..4, then for each layer {@code i < num_layers}: {@code width_i} an
 *       int log-uniform in [8, 1024] and {@code dropout_i} in [0, 0.5]. Depth costs 0.5, 0.2, 0,
 *       0.1 for 1..4 layers; layer i adds {@code 0.1 log2(width_i / W_i)^2 + 2 (dropout_i - D_i)^2}
 *       with W = 256, 128, 64, 32 and D = 0.1, 0.2, 0.3, 0.3.
 * </ul>
 *
 * <p>The optimum 0 is momentum with lr 0.01 and momentum 0.9, three layers of widths 256, 128, 64
 * and dropouts 0.1, 0.2, 0.3. Near misses: adam (0.1) and four layers (0.1).
 */
final class Architecture {
  private static final double[] DEPTH_COST = {0.5, 0.2, 0, 0.1};
  private static final int[] BEST_WIDTH = {256, 128, 64, 32};
  private static final double[] BEST_DROPOUT = {0.1, 0.2, 0.3, 0.3};

  private Architecture() {}

  static Problem problem() {
    return new Problem("architecture", 0, Architecture::value, Architecture::hasBestShape);
  }

  /** Whether a trial chose the optimum's optimizer (momentum) and depth (three layers). */
  static boolean hasBestShape(FrozenTrial t) {
    return "momentum".equals(t.params().get("optimizer"))
        && t.params().get("num_layers") instanceof Integer n
        && n == 3;
  }

  static double value(Trial t) {
    return optimizer(t) + layers(t);
  }

  private static double optimizer(Trial t) {
    String optimizer = t.suggestCategorical("optimizer", "sgd", "momentum", "adam");
    double logLr = Math.log10(t.suggestFloat("lr", 1e-5, 1, true));
    switch (optimizer) {
      case "sgd" -> {
        return 0.4 + square(logLr + 1);
      }
      case "momentum" -> {
        double m = t.suggestFloat("momentum", 0, 0.99);
        return square(logLr - Math.log10(1 - m) + 1) + 5 * square(m - 0.9);
      }
      default -> {
        double beta1 = t.suggestFloat("beta1", 0.5, 0.999);
        return 0.1 + square(logLr + 3) + 10 * square(beta1 - 0.9);
      }
    }
  }

  private static double layers(Trial t) {
    int n = t.suggestInt("num_layers", 1, 4);
    double f = DEPTH_COST[n - 1];
    for (int i = 0; i < n; i++) {
      int width = t.suggestInt("width_" + i, 8, 1024, true);
      double dropout = t.suggestFloat("dropout_" + i, 0, 0.5);
      f += 0.1 * square(Math.log(width / (double) BEST_WIDTH[i]) / Math.log(2));
      f += 2 * square(dropout - BEST_DROPOUT[i]);
    }
    return f;
  }

  private static double square(double v) {
    return v * v;
  }
}
