package dev.rung.samplers.tpe;

import dev.rung.distributions.Distribution;
import dev.rung.samplers.RandomSampler;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.random.RandomGenerator;

/**
 * A trial drawn at random that keeps away from given trials (in TPE, those that did badly): of
 * {@code n} uniform draws of the space, the one whose nearest such trial is farthest (maximin over
 * a few random candidates). With one draw it is a plain uniform draw.
 *
 * <p>Distances are Euclidean in the unit cube of the kernels' coordinates (each numerical parameter
 * scaled to its range, on a log scale where the parameter has one, widened by half a step where it
 * is stepped); two categories differ by 1 and equal ones by 0.
 */
final class SpreadDraw {
  private SpreadDraw() {}

  /**
   * The draw of {@code n} uniform ones of {@code space} farthest from {@code away}: each of those
   * trials that has every parameter of the space counts, the others are ignored.
   */
  static Map<String, Double> draw(
      Map<String, Distribution> space, List<ObservedTrial> away, int n, RandomGenerator rng) {
    String[] names = space.keySet().stream().sorted().toArray(String[]::new);
    KernelSpace[] dims = new KernelSpace[names.length];
    for (int d = 0; d < names.length; d++) {
      dims[d] = KernelSpace.of(space.get(names[d]));
    }
    double[][] drawn = new double[n][names.length];
    double[][] candidates = new double[n][names.length];
    for (int j = 0; j < n; j++) {
      for (int d = 0; d < names.length; d++) {
        drawn[j][d] = RandomSampler.sample(space.get(names[d]), rng);
        candidates[j][d] = unit(dims[d], drawn[j][d]);
      }
    }
    double[][] points = new double[away.size()][];
    int m = 0;
    for (ObservedTrial t : away) {
      int[] positions = t.layout().positions(names);
      if (positions == null) {
        continue;
      }
      double[] p = new double[names.length];
      for (int d = 0; d < names.length; d++) {
        p[d] = unit(dims[d], t.values()[positions[d]]);
      }
      points[m++] = p;
    }
    int best = farthest(candidates, points, m, categorical(dims));
    Map<String, Double> out = new LinkedHashMap<>();
    for (int d = 0; d < names.length; d++) {
      out.put(names[d], drawn[best][d]);
    }
    return out;
  }

  /**
   * The index of the candidate whose nearest point (of the first {@code m} of {@code points}) is
   * farthest; the first of equals; 0 without points.
   */
  static int farthest(double[][] candidates, double[][] points, int m, boolean[] categorical) {
    int best = 0;
    double bestNearest = -1;
    for (int j = 0; j < candidates.length; j++) {
      double nearest = Double.POSITIVE_INFINITY;
      for (int i = 0; i < m && nearest > bestNearest; i++) {
        nearest = Math.min(nearest, squaredDistance(candidates[j], points[i], categorical));
      }
      if (nearest > bestNearest) {
        bestNearest = nearest;
        best = j;
      }
    }
    return best;
  }

  static double squaredDistance(double[] a, double[] b, boolean[] categorical) {
    double s = 0;
    for (int d = 0; d < a.length; d++) {
      double diff = categorical[d] ? (a[d] == b[d] ? 0 : 1) : a[d] - b[d];
      s += diff * diff;
    }
    return s;
  }

  /** A value's coordinate: its category index, or its place in the kernels' range, 0 to 1. */
  static double unit(KernelSpace k, double value) {
    if (k.isCategorical()) {
      return value;
    }
    double range = k.range();
    return range > 0 ? (k.transform(value) - k.kernelLow()) / range : 0;
  }

  private static boolean[] categorical(KernelSpace[] dims) {
    boolean[] c = new boolean[dims.length];
    for (int d = 0; d < dims.length; d++) {
      c[d] = dims[d].isCategorical();
    }
    return c;
  }
}
