package dev.rung.bench;

import dev.rung.study.FrozenTrial;
import dev.rung.study.Trial;
import java.util.function.Predicate;
import java.util.function.ToDoubleFunction;

/**
 * A benchmark problem: an objective to minimise over a define-by-run search space, its known
 * optimum, and for problems with a categorical choice, whether a trial picked the right level.
 *
 * @param name the name used on the command line
 * @param optimum the known minimum (of the noise-free function for a noisy problem)
 * @param objective the function, suggesting its parameters on the trial; what the sampler observes
 * @param rightLevel for categorical problems, whether a trial chose the optimum's level; else null
 * @param noiseFree for a noisy objective, the noise-free value at a finished trial's parameters,
 *     which regret is measured on; null when the objective is observed without noise
 */
record Problem(
    String name,
    double optimum,
    ToDoubleFunction<Trial> objective,
    Predicate<FrozenTrial> rightLevel,
    ToDoubleFunction<FrozenTrial> noiseFree) {

  /** A problem observed without noise. */
  Problem(
      String name,
      double optimum,
      ToDoubleFunction<Trial> objective,
      Predicate<FrozenTrial> rightLevel) {
    this(name, optimum, objective, rightLevel, null);
  }

  /** The value that regret is measured on: the noise-free value, or the observed one. */
  double trueValue(FrozenTrial trial) {
    return noiseFree == null ? trial.value() : noiseFree.applyAsDouble(trial);
  }
}
