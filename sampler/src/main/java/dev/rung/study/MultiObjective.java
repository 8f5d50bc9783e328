package dev.rung.study;

/** A multi-objective function: returns one value per direction of the study. */
@FunctionalInterface
public interface MultiObjective {
  double[] evaluate(Trial trial) throws Exception;
}
