package dev.rung.study;

import dev.rung.distributions.Distribution;
import dev.rung.multi.ParetoFront;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Seeding a study from the trials of an earlier one (a warm start, as Optuna's {@code
 * enqueue_trial} of the best earlier configurations): which earlier trials to evaluate first, and
 * their parameters as the current search space holds them. The sampler learns from the earlier
 * trials through its own option ({@link dev.rung.samplers.tpe.TpeSampler.Builder#earlierTrials}).
 */
public final class WarmStart {
  /** User attribute of an enqueued trial: {@value #ENQUEUED}. */
  public static final String ATTR = "warm_start";

  /** The value of {@link #ATTR} on a trial enqueued from an earlier study. */
  public static final String ENQUEUED = "enqueued";

  /** User attribute of an enqueued trial: the earlier trial's number. */
  public static final String FROM_TRIAL = "warm_start_trial";

  private WarmStart() {}

  /**
   * The parameters of {@code earlier} that the current {@code space} has, or null when one of them
   * lies outside its distribution there (a narrowed range, a removed category, another type).
   * Parameters the space no longer has are left out; parameters the earlier trial lacks are not
   * given, so the objective samples them.
   */
  public static Map<String, Object> paramsIn(FrozenTrial earlier, Map<String, Distribution> space) {
    Map<String, Object> out = new LinkedHashMap<>();
    for (var e : earlier.params().entrySet()) {
      Distribution now = space.get(e.getKey());
      if (now == null) {
        continue;
      }
      try {
        if (!now.contains(now.toInternal(e.getValue()))) {
          return null;
        }
      } catch (RuntimeException wrongType) {
        return null;
      }
      out.put(e.getKey(), e.getValue());
    }
    return out;
  }

  /**
   * Up to {@code n} COMPLETE earlier trials whose parameters fit {@code space}, best first: by
   * value for one objective (the lower number among equals), by non-domination rank and then number
   * for several. Trials whose parameters are the same in the current space count once.
   */
  public static List<FrozenTrial> best(
      List<FrozenTrial> earlier,
      List<Direction> directions,
      int n,
      Map<String, Distribution> space) {
    List<FrozenTrial> complete = new ArrayList<>();
    for (FrozenTrial t : earlier) {
      if (t.state() == TrialState.COMPLETE
          && t.values().size() == directions.size()
          && t.values().stream().allMatch(Double::isFinite)
          && paramsIn(t, space) != null) {
        complete.add(t);
      }
    }
    double[][] points = new double[complete.size()][];
    for (int i = 0; i < points.length; i++) {
      points[i] = ParetoFront.minimized(complete.get(i).values(), directions);
    }
    int[] ranks = directions.size() > 1 ? ParetoFront.ranks(points) : new int[points.length];
    List<Integer> order = new ArrayList<>();
    for (int i = 0; i < points.length; i++) {
      order.add(i);
    }
    Comparator<Integer> byRank = Comparator.comparingInt(i -> ranks[i]);
    if (directions.size() == 1) {
      byRank = byRank.thenComparingDouble(i -> points[i][0]);
    }
    order.sort(byRank.thenComparingInt(i -> complete.get(i).number()));
    List<FrozenTrial> out = new ArrayList<>();
    List<Map<String, Object>> seen = new ArrayList<>();
    for (int i : order) {
      if (out.size() >= n) {
        break;
      }
      Map<String, Object> params = paramsIn(complete.get(i), space);
      if (!seen.contains(params)) {
        seen.add(params);
        out.add(complete.get(i));
      }
    }
    return out;
  }

  /**
   * Enqueues the {@code n} {@link #best} earlier trials in {@code study}, marked with {@link #ATTR}
   * = {@link #ENQUEUED} and {@link #FROM_TRIAL}; a configuration the study already holds is not
   * enqueued again (so a resumed study does not repeat them).
   *
   * @return how many were enqueued
   */
  public static int enqueueBest(
      Study study, List<FrozenTrial> earlier, int n, Map<String, Distribution> space) {
    int before = study.trials().size();
    for (FrozenTrial t : best(earlier, study.directions(), n, space)) {
      study.enqueueTrial(paramsIn(t, space), Map.of(ATTR, ENQUEUED, FROM_TRIAL, t.number()), true);
    }
    return study.trials().size() - before;
  }
}
