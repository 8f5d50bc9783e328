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
 * @param optimum the known minimum
 * @param objective the function, suggesting its parameters on the trial
 * @param rightLevel for categorical problems, whether a trial chose the optimum's level; else null
 */
record Problem(
    String name,
    double optimum,
    ToDoubleFunction<Trial> objective,
    Predicate<FrozenTrial> rightLevel) {}
