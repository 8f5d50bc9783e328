package dev.rung.multi;

import java.util.Map;
import java.util.TreeMap;

/**
 * The minimal points of a set in two coordinates, kept as a staircase: as the first coordinate
 * grows the second strictly falls. Answers "does some point of the set lie at or below-left of (a,
 * b)?" in O(log n) (Kung, Luccio and Preparata, J. ACM 22(4), 1975, for three objectives).
 */
final class Staircase {
  private final TreeMap<Double, Double> steps = new TreeMap<>();

  /** Whether some point (x, y) of the set has x <= a and y <= b. */
  boolean covers(double a, double b) {
    Map.Entry<Double, Double> e = steps.floorEntry(a + 0.0);
    return e != null && e.getValue() <= b;
  }

  /** Adds (a, b), which no point of the set covers, and drops the points it covers. */
  void add(double a, double b) {
    // + 0.0 turns -0.0 into 0.0: the map orders keys by Double.compareTo.
    double key = a + 0.0;
    steps.put(key, b);
    for (var e = steps.higherEntry(key);
        e != null && e.getValue() >= b;
        e = steps.higherEntry(key)) {
      steps.remove(e.getKey());
    }
  }
}
