package dev.rung.samplers.tpe;

/**
 * How many of {@code n} finished trials form the "good" group that the density {@code l(x)} is
 * fitted to (Bergstra et al., NeurIPS 2011; Watanabe 2023 studies the choice).
 */
@FunctionalInterface
public interface GammaFunction {

  /** The size of the good group for {@code n} finished (COMPLETE or PRUNED) trials. */
  int below(int n);

  /** Optuna's single-objective default: {@code min(ceil(0.1 n), 25)}. */
  static GammaFunction optuna() {
    return n -> Math.min((int) Math.ceil(0.1 * n), 25);
  }

  /** Optuna's multi-objective default: {@code ceil(0.1 n)}. */
  static GammaFunction multiObjective() {
    return n -> (int) Math.ceil(0.1 * n);
  }

  /** Hyperopt's default: {@code min(ceil(0.25 sqrt(n)), 25)}. */
  static GammaFunction hyperopt() {
    return n -> Math.min((int) Math.ceil(0.25 * Math.sqrt(n)), 25);
  }
}
