package dev.rung.bench.multi;

import dev.rung.study.Direction;
import dev.rung.study.MultiObjective;
import java.util.List;

/**
 * A multi-objective test problem: its objective, directions, the reference point its hypervolume is
 * measured from (in the minimized objectives) and the hypervolume of its true Pareto front (NaN
 * when not known in closed form).
 */
record MultiObjectiveProblem(
    String name,
    MultiObjective objective,
    List<Direction> directions,
    double[] reference,
    double optimalHypervolume) {}
