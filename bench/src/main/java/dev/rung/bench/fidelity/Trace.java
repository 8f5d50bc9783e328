package dev.rung.bench.fidelity;

import java.util.ArrayList;
import java.util.List;

/**
 * The anytime record of one run against the resource (epochs trained) spent so far: the incumbent
 * is the COMPLETE trial with the best observed full-budget value, scored by its noise-free value
 * (so that a method is not rewarded for drawing lucky noise on many full trainings).
 */
public final class Trace {
  private final List<long[]> points = new ArrayList<>();
  private final List<Double> bests = new ArrayList<>();
  private double bestObserved = Double.POSITIVE_INFINITY;
  private long spent;
  private int trials;

  void spend(long epochs) {
    spent += epochs;
  }

  void trialStarted() {
    trials++;
  }

  void completed(double observed, double expected) {
    if (observed < bestObserved) {
      bestObserved = observed;
      points.add(new long[] {spent});
      bests.add(expected);
    }
  }

  /** Epochs trained in all. */
  public long spent() {
    return spent;
  }

  /** Trials started. */
  public int trials() {
    return trials;
  }

  /** The incumbent's noise-free value once {@code resource} epochs were spent; +infinity before. */
  public double bestAt(long resource) {
    double b = Double.POSITIVE_INFINITY;
    for (int i = 0; i < points.size() && points.get(i)[0] <= resource; i++) {
      b = bests.get(i);
    }
    return b;
  }

  /** The resource spent when the incumbent first reached {@code target}, or -1 if never. */
  public long resourceToReach(double target) {
    for (int i = 0; i < points.size(); i++) {
      if (bests.get(i) <= target) {
        return points.get(i)[0];
      }
    }
    return -1;
  }
}
