package dev.rung.study;

/** A single-objective function to optimize: suggests parameters on the trial, returns the value. */
@FunctionalInterface
public interface Objective {
  double evaluate(Trial trial) throws Exception;
}
