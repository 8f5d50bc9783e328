package dev.rung.bench.fidelity;

/** A learning curve: the value (to minimize) after training {@code epoch} epochs, from 1. */
@FunctionalInterface
public interface Curve {
  double at(int epoch);
}
