package dev.rung.multi;

import java.util.Arrays;

/**
 * Crowding distance of the points of one front (Deb, Pratap, Agarwal and Meyarivan, "A fast and
 * elitist multiobjective genetic algorithm: NSGA-II", IEEE Transactions on Evolutionary Computation
 * 6(2), 2002): how much room a point has around it, to keep a front spread out.
 *
 * <p>For each objective the points are sorted by that objective (ties by index); the first and the
 * last get an infinite distance, every other point adds the gap between its two neighbours divided
 * by the objective's range. An objective on which all points are equal adds nothing.
 */
public final class CrowdingDistance {
  private CrowdingDistance() {}

  /**
   * The crowding distance of each point (objectives in any direction: only differences matter).
   *
   * @throws IllegalArgumentException if the points differ in length or hold a non-finite value
   */
  public static double[] of(double[][] points) {
    int n = points.length;
    double[] distance = new double[n];
    if (n == 0) {
      return distance;
    }
    int d = points[0].length;
    for (int i = 0; i < n; i++) {
      if (points[i].length != d) {
        throw new IllegalArgumentException(
            "point " + i + " has " + points[i].length + " objectives but point 0 has " + d);
      }
      for (int k = 0; k < d; k++) {
        if (!Double.isFinite(points[i][k])) {
          throw new IllegalArgumentException(
              "point "
                  + i
                  + " has "
                  + points[i][k]
                  + " in objective "
                  + k
                  + ": values must be finite");
        }
      }
    }
    Integer[] order = new Integer[n];
    for (int k = 0; k < d; k++) {
      final int objective = k;
      for (int i = 0; i < n; i++) {
        order[i] = i;
      }
      Arrays.sort(order, (a, b) -> Double.compare(points[a][objective], points[b][objective]));
      double low = points[order[0]][k];
      double high = points[order[n - 1]][k];
      double range = high - low;
      if (!(range > 0)) {
        continue;
      }
      distance[order[0]] = Double.POSITIVE_INFINITY;
      distance[order[n - 1]] = Double.POSITIVE_INFINITY;
      for (int j = 1; j < n - 1; j++) {
        distance[order[j]] += (points[order[j + 1]][k] - points[order[j - 1]][k]) / range;
      }
    }
    return distance;
  }
}
