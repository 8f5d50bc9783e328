package dev.rung.samplers.nsga2;

import dev.rung.multi.ConstrainedDominance;
import dev.rung.multi.CrowdingDistance;
import dev.rung.multi.ParetoFront;
import dev.rung.study.Direction;
import dev.rung.study.FrozenTrial;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * NSGA-II's survivor selection (Deb et al., IEEE TEC 6(2), 2002, section III-C): whole fronts of
 * the constrained non-dominated sort while they fit, then the members of the next front with the
 * largest crowding distance.
 */
public final class EliteSelection {
  private EliteSelection() {}

  /**
   * The {@code size} best of {@code population} (all COMPLETE), in rank order; within the front
   * that is cut, by decreasing crowding distance, ties by trial number. The whole population when
   * it has at most {@code size} trials.
   */
  public static List<FrozenTrial> select(
      List<FrozenTrial> population, List<Direction> directions, int size) {
    if (size < 0) {
      throw new IllegalArgumentException("elite size must be >= 0, got " + size);
    }
    int[] rank = ConstrainedDominance.ranks(population, directions);
    List<List<FrozenTrial>> fronts = new ArrayList<>();
    for (int f = ParetoFront.frontCount(rank); f > 0; f--) {
      fronts.add(new ArrayList<>());
    }
    for (int i = 0; i < rank.length; i++) {
      fronts.get(rank[i]).add(population.get(i));
    }
    List<FrozenTrial> elite = new ArrayList<>(size);
    for (List<FrozenTrial> front : fronts) {
      int room = size - elite.size();
      if (room <= 0) {
        break;
      }
      if (front.size() <= room) {
        elite.addAll(front);
      } else {
        elite.addAll(mostSpreadOut(front, directions, room));
      }
    }
    return elite;
  }

  /** The {@code k} members of one front with the largest crowding distance. */
  static List<FrozenTrial> mostSpreadOut(
      List<FrozenTrial> front, List<Direction> directions, int k) {
    double[][] points = new double[front.size()][];
    for (int i = 0; i < points.length; i++) {
      points[i] = ParetoFront.minimized(front.get(i).values(), directions);
    }
    double[] distance = CrowdingDistance.of(points);
    List<Integer> order = new ArrayList<>();
    for (int i = 0; i < points.length; i++) {
      order.add(i);
    }
    order.sort(
        Comparator.comparingDouble((Integer i) -> -distance[i])
            .thenComparingInt(i -> front.get(i).number()));
    List<FrozenTrial> out = new ArrayList<>(k);
    for (int i = 0; i < k; i++) {
      out.add(front.get(order.get(i)));
    }
    return out;
  }
}
