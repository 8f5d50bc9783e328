package dev.rung.job.driver;

import dev.rung.job.config.Constraint;
import dev.rung.job.config.Settings;
import dev.rung.job.config.SweepConfig;
import dev.rung.job.exec.SegmentResult;
import dev.rung.pruners.AshaScheduler;
import dev.rung.pruners.FrozenPruner;
import dev.rung.pruners.HyperbandPruner;
import dev.rung.pruners.NopPruner;
import dev.rung.pruners.Pruner;
import dev.rung.pruners.SuccessiveHalvingPruner;
import dev.rung.study.Budget;
import dev.rung.study.History;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

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
 * @param segmentPruner the pruner that stops trials inside their segment (median, percentile,
 *     threshold, patient), or null when rungs decide or nothing prunes
 * @param constraints the constraints on reported metrics ({@code rung.study.constraints})
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
    Pruner segmentPruner,
    List<Constraint> constraints) {

  public SweepPolicy {
    metrics = List.copyOf(metrics);
    constraints = List.copyOf(constraints);
  }

  /** A policy without constraints. */
  public SweepPolicy(
      AshaScheduler scheduler,
      int maxResource,
      int maxTrials,
      long maxEpochs,
      long maxMillis,
      int retries,
      long segmentTimeoutMillis,
      List<String> metrics,
      Pruner segmentPruner) {
    this(
        scheduler,
        maxResource,
        maxTrials,
        maxEpochs,
        maxMillis,
        retries,
        segmentTimeoutMillis,
        metrics,
        segmentPruner,
        List.of());
  }

  /**
   * The policy a sweep definition describes, from the sweep's one pruner object ({@link
   * StudyFactory#pruner}, the study's own): a rung pruner gives the scheduler, any other pruner
   * prunes inside segments.
   */
  public static SweepPolicy of(SweepConfig c, Pruner pruner) {
    SweepConfig.PrunerSettings p = c.pruner();
    AshaScheduler scheduler = null;
    if (pruner instanceof HyperbandPruner h) {
      scheduler = h.scheduler();
    } else if (pruner instanceof SuccessiveHalvingPruner s) {
      scheduler = s.scheduler(p.maxResource());
    }
    Pruner inSegments = scheduler != null || pruner instanceof NopPruner ? null : pruner;
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
        inSegments,
        c.constraints());
  }

  /** The sweep's budget: trials, epochs and time, 0 where there is no limit. */
  public Budget budget() {
    return new Budget(maxTrials, maxEpochs, maxMillis);
  }

  /**
   * The trial's constraint values from the metrics an epoch {@code reported}, one per constraint
   * (positive when violated), or null when it has no constraint or did not report every metric they
   * name.
   */
  public List<Double> constraintValues(Map<String, Double> reported) {
    if (constraints.isEmpty()) {
      return null;
    }
    List<Double> out = new ArrayList<>();
    for (Constraint c : constraints) {
      Double v = c.valueIn(reported);
      if (v == null) {
        return null;
      }
      out.add(v);
    }
    return out;
  }

  /**
   * Why a trial that reported {@code reported} cannot become feasible by training longer (a
   * constraint on a metric fixed by the architecture is violated), or null when it can.
   */
  public String provenInfeasible(Map<String, Double> reported) {
    for (Constraint c : constraints) {
      Double v = c.valueIn(reported);
      if (c.fixedByArchitecture() && v != null && v > 0) {
        return "infeasible: "
            + c.metric()
            + " = "
            + reported.get(c.metric())
            + " violates the constraint "
            + c
            + " ("
            + Settings.CONSTRAINTS.key()
            + ")";
      }
    }
    return null;
  }

  /**
   * What an executor prunes a segment sent now with: the segment pruner frozen against {@code
   * history} (a percentile pruner's thresholds are those of the trials COMPLETE now), or null
   * without one.
   */
  public FrozenPruner frozenPruner(History history) {
    return segmentPruner == null ? null : segmentPruner.frozen(history);
  }

  /** The objective values of a trial whose last segment produced {@code r}. */
  public double[] finalValues(SegmentResult r) {
    double[] v = new double[metrics.size()];
    for (int i = 0; i < v.length; i++) {
      Double measured = r.objectives().get(metrics.get(i));
      if (measured == null && !r.epochs().isEmpty()) {
        measured = r.epochs().get(r.epochs().size() - 1).values().get(metrics.get(i));
      }
      v[i] = measured == null ? Double.NaN : measured;
    }
    return v;
  }
}
