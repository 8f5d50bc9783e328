package dev.rung.bench.fidelity;

import java.util.ArrayList;
import java.util.List;

/**
 * The anytime record of one run: the best full-budget value found so far against the resource
 * (epochs trained) spent so far.
 */
public final class Trace {
  private final List<long[]> points = new ArrayList<>();
  private final List<Double> bests = new ArrayList<>();
  private double best = Double.POSITIVE_INFINITY;
  private long spent;
  private int trials;

  void spend(long epochs) {
    spent += epochs;
  }

  void trialStarted() {
    trials++;
  }

  void completed(double value) {
    if (value < best) {
      best = value;
      points.add(new long[] {spent});
      bests.add(value);
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

  /** The best full-budget value once {@code resource} epochs were spent; +infinity before any. */
  public double bestAt(long resource) {
    double b = Double.POSITIVE_INFINITY;
    for (int i = 0; i < points.size() && points.get(i)[0] <= resource; i++) {
      b = bests.get(i);
    }
    return b;
  }

  /** The resource spent when the best value first reached {@code target}, or -1 if never. */
  public long resourceToReach(double target) {
    for (int i = 0; i < points.size(); i++) {
      if (bests.get(i) <= target) {
        return points.get(i)[0];
      }
    }
    return -1;
  }
}
