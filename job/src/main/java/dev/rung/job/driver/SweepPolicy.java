package dev.rung.job.driver;

import dev.rung.job.config.SweepConfig;
import dev.rung.job.exec.PruningStats;
import dev.rung.job.exec.SegmentResult;
import dev.rung.pruners.AshaScheduler;
import dev.rung.pruners.HyperbandPruner;
import dev.rung.pruners.Pruner;
import dev.rung.pruners.SuccessiveHalvingPruner;
import dev.rung.study.Direction;
import dev.rung.study.FrozenTrial;
import dev.rung.study.History;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The rules a sweep runs by: rungs (or none), budget, retries, time limits, and what a finished
 * trial's objective values are.
 *
 * @param scheduler the ASHA/Hyperband scheduler, or null when trials run in one segment
 * @param maxResource epochs of a fully trained trial
 * @param maxTrials no new trial after this many (0 = no limit)
 * @param maxEpochs no new work past this many epochs in all (0 = no limit)
 * @param maxMillis no new work after this long (0 = no limit)
 * @param retries times a failing segment is tried again
 * @param segmentTimeoutMillis a segment's time limit (0 = none)
 * @param metrics the study's metrics, the first one reported per epoch
 * @param median median/percentile pruning inside segments, or null
 */
public record SweepPolicy(
    AshaScheduler scheduler,
    int maxResource,
    int maxTrials,
    long maxEpochs,
    long maxMillis,
    int retries,
    long segmentTimeoutMillis,
    List<String> metrics,
    MedianRule median) {

  /**
   * Median (percentile) pruning inside segments: the percentile of COMPLETE trials' values at each
   * step, once {@code startupTrials} trials are COMPLETE.
   */
  public record MedianRule(
      double percentile,
      int startupTrials,
      int warmupSteps,
      int intervalSteps,
      Direction direction) {}

  /**
   * The policy a sweep definition describes, with the rung scheduler of {@code pruner}, the sweep's
   * one pruner object ({@link StudyFactory#pruner}, the study's own).
   */
  public static SweepPolicy of(SweepConfig c, Pruner pruner) {
    SweepConfig.PrunerSettings p = c.pruner();
    AshaScheduler scheduler = null;
    if (pruner instanceof HyperbandPruner h) {
      scheduler = h.scheduler();
    } else if (pruner instanceof SuccessiveHalvingPruner s) {
      scheduler = s.scheduler(p.maxResource());
    }
    MedianRule median =
        p.type().equals("median") || p.type().equals("percentile")
            ? new MedianRule(
                p.type().equals("median") ? 50 : p.percentile(),
                p.startupTrials(),
                p.warmupSteps(),
                p.intervalSteps(),
                c.directions().get(0))
            : null;
    int maxResource = scheduler != null ? p.maxResource() : c.epochs();
    return new SweepPolicy(
        scheduler,
        maxResource,
        c.budget().trials(),
        c.budget().epochs(),
        c.budget().time() == null ? 0 : c.budget().time().toMillis(),
        c.execution().retries(),
        c.execution().segmentTimeout() == null ? 0 : c.execution().segmentTimeout().toMillis(),
        c.metrics(),
        median);
  }

  /** What the executor needs to prune inside a segment now, or null without median pruning. */
  public PruningStats pruningStats(History history) {
    if (median == null) {
      return null;
    }
    List<FrozenTrial> complete = history.completed();
    if (complete.size() < Math.max(1, median.startupTrials())) {
      return null;
    }
    Map<Integer, List<Double>> byStep = new TreeMap<>();
    for (FrozenTrial t : complete) {
      t.intermediateValues()
          .forEach(
              (step, v) -> {
                if (!Double.isNaN(v)) {
                  byStep.computeIfAbsent(step, s -> new ArrayList<>()).add(v);
                }
              });
    }
    boolean maximize = median.direction() == Direction.MAXIMIZE;
    Map<Integer, Double> thresholds = new HashMap<>();
    byStep.forEach(
        (step, values) ->
            thresholds.put(
                step,
                percentile(values, maximize ? 100 - median.percentile() : median.percentile())));
    return new PruningStats(thresholds, maximize, median.warmupSteps(), median.intervalSteps());
  }

  /** The q-th percentile with linear interpolation between order statistics. */
  static double percentile(List<Double> values, double q) {
    List<Double> sorted = new ArrayList<>(values);
    sorted.sort(null);
    double pos = q / 100 * (sorted.size() - 1);
    int lo = (int) Math.floor(pos);
    int hi = (int) Math.ceil(pos);
    return sorted.get(lo) + (sorted.get(hi) - sorted.get(lo)) * (pos - lo);
  }

  /** The objective values of a trial whose last segment produced {@code r}. */
  public double[] finalValues(SegmentResult r) {
    double[] v = new double[metrics.size()];
    for (int i = 0; i < v.length; i++) {
      Double measured = r.objectives().get(metrics.get(i));
      if (measured == null && i == 0 && !r.epochs().isEmpty()) {
        measured = r.epochs().get(r.epochs().size() - 1).value();
      }
      v[i] = measured == null ? Double.NaN : measured;
    }
    return v;
  }
}
