package dev.rung.pruners;

import dev.rung.multi.CrowdingDistance;
import dev.rung.multi.ParetoFront;
import dev.rung.study.Direction;
import dev.rung.study.FrozenTrial;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Successive halving's rule for several objectives (MO-ASHA, Schmucker et al., 2021): the trials at
 * a rung are ordered by non-domination rank (the rung's Pareto front first), ties within a front by
 * crowding distance (the ends of a front and points with room around them first), and a paused
 * trial is promoted when it is within the first {@code floor(n / eta)} of that order.
 *
 * <p>A trial's point at a rung is its objectives at the rung's step as the driver recorded them
 * ({@link RungAttrs#objectivesAt}). A point with a NaN (a metric not reported, a diverged value)
 * ranks after every point without one.
 */
public final class ParetoPromotion {
  private ParetoPromotion() {}

  /**
   * The trials of {@code points} in promotion order: by non-domination rank, then by crowding
   * distance within the rank (larger first), then by index; points holding NaN last.
   *
   * @param points each trial's objectives at the rung, in the study's directions
   * @return indices into {@code points}
   */
  public static List<Integer> order(List<double[]> points, List<Direction> directions) {
    List<Integer> finite = new ArrayList<>();
    List<Integer> broken = new ArrayList<>();
    for (int i = 0; i < points.size(); i++) {
      boolean ok = points.get(i).length == directions.size();
      for (double v : points.get(i)) {
        ok &= Double.isFinite(v);
      }
      (ok ? finite : broken).add(i);
    }
    double[][] minimized = new double[finite.size()][];
    for (int j = 0; j < minimized.length; j++) {
      double[] p = points.get(finite.get(j));
      minimized[j] = new double[p.length];
      for (int k = 0; k < p.length; k++) {
        minimized[j][k] = directions.get(k).toMinimized(p[k]);
      }
    }
    int[] rank = ParetoFront.ranks(minimized);
    double[] crowding = new double[minimized.length];
    for (int r = 0; r < ParetoFront.frontCount(rank); r++) {
      List<Integer> members = new ArrayList<>();
      for (int j = 0; j < rank.length; j++) {
        if (rank[j] == r) {
          members.add(j);
        }
      }
      double[][] front = new double[members.size()][];
      for (int m = 0; m < front.length; m++) {
        front[m] = minimized[members.get(m)];
      }
      double[] d = CrowdingDistance.of(front);
      for (int m = 0; m < front.length; m++) {
        crowding[members.get(m)] = d[m];
      }
    }
    List<Integer> byOrder = new ArrayList<>();
    for (int j = 0; j < minimized.length; j++) {
      byOrder.add(j);
    }
    byOrder.sort(
        Comparator.<Integer>comparingInt(j -> rank[j])
            .thenComparing(j -> -crowding[j])
            .thenComparingInt(j -> j));
    List<Integer> out = new ArrayList<>();
    for (int j : byOrder) {
      out.add(finite.get(j));
    }
    out.addAll(broken);
    return out;
  }

  /**
   * The paused trial to promote at {@code step}, or null: the first paused trial in promotion order
   * when it is within the first {@code floor(n / eta)} of the {@code n} trials that reached the
   * rung.
   *
   * @param bracket the trials of one bracket
   * @param pausedAt per trial, the step it is paused at, or -1
   * @param ranks false when the rung is not trusted to rank: the first paused trial in order goes
   *     on
   */
  static FrozenTrial promotable(
      List<FrozenTrial> bracket,
      int[] pausedAt,
      int step,
      List<Direction> directions,
      int reductionFactor,
      int bootstrapCount,
      boolean ranks) {
    List<double[]> points = new ArrayList<>();
    List<Integer> who = new ArrayList<>();
    for (int i = 0; i < bracket.size(); i++) {
      FrozenTrial t = bracket.get(i);
      if (PromotionRule.valueAt(t, step) == null) {
        continue;
      }
      points.add(RungAttrs.objectivesAt(t, step, directions.size()));
      who.add(i);
    }
    List<Integer> order = order(points, directions);
    int n = points.size();
    int count = ranks ? n / reductionFactor : n;
    if (ranks && (n <= bootstrapCount || count <= 0)) {
      return null;
    }
    for (int position = 0; position < order.size(); position++) {
      int i = who.get(order.get(position));
      if (pausedAt[i] == step) {
        boolean finite = true;
        for (double v : points.get(order.get(position))) {
          finite &= Double.isFinite(v);
        }
        return finite && position < count ? bracket.get(i) : null;
      }
    }
    return null;
  }
}
