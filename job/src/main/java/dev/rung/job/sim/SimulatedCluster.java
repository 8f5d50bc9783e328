package dev.rung.job.sim;

import dev.rung.job.exec.DispatchEvent;
import dev.rung.job.exec.ExecutorOutcome;
import dev.rung.job.exec.SegmentResult;
import dev.rung.job.exec.SegmentTask;
import dev.rung.job.exec.WorkDispatcher;
import dev.rung.study.FrozenTrial;
import dev.rung.training.loop.EpochMetrics;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;

/**
 * A cluster of {@code slots} executors in simulated time, for testing the driver and measuring its
 * scheduling without Spark: each segment takes the time its {@link CurveModel} says, stops where
 * its pruner stops it (as a real executor's segment does), and the time the driver itself spends
 * between results is added to the simulated clock, so a slow driver shows up as idle executors.
 */
public final class SimulatedCluster implements WorkDispatcher {

  /** How a simulated trial learns and how long its epochs take. */
  public interface CurveModel {
    /** The metric after {@code epochs} epochs of a trial with these parameters. */
    double value(Map<String, Object> params, long seed, int epochs);

    /** Milliseconds one epoch takes. */
    long epochMillis(Map<String, Object> params, long seed, int epoch);

    /**
     * Other metrics the trial reports after {@code epochs} epochs, beside the objective (e.g. the
     * second objective of a multi-objective study); none by default.
     */
    default Map<String, Double> metrics(Map<String, Object> params, long seed, int epochs) {
      return Map.of();
    }

    /** Whether the trial fails in this epoch (a bug, an out-of-memory); none by default. */
    default boolean fails(Map<String, Object> params, long seed, int epoch) {
      return false;
    }
  }

  private record Pending(long at, long seq, DispatchEvent event, long busyMillis) {}

  private final int slots;
  private final CurveModel model;
  private final boolean countDriverTime;
  private final PriorityQueue<Pending> pending =
      new PriorityQueue<>(
          (a, b) -> a.at != b.at ? Long.compare(a.at, b.at) : Long.compare(a.seq, b.seq));
  private long now;
  private long seq;
  private long lastRealNanos = System.nanoTime();
  private long busyMillis;
  private final List<long[]> spans = new ArrayList<>();

  /** A cluster whose clock also advances by the driver's own time between results. */
  public SimulatedCluster(int slots, CurveModel model) {
    this(slots, model, true);
  }

  /**
   * A cluster of {@code slots} executors; with {@code countDriverTime} false the clock advances
   * only by the segments' simulated time, so the same driver gives the same run every time (what a
   * search-quality benchmark needs), however fast the machine is.
   */
  public SimulatedCluster(int slots, CurveModel model, boolean countDriverTime) {
    this.slots = slots;
    this.model = model;
    this.countDriverTime = countDriverTime;
  }

  @Override
  public String submit(List<SegmentTask> batch, String description) {
    advanceByDriverTime();
    for (SegmentTask t : batch) {
      long start = now;
      long elapsed = 0;
      List<EpochMetrics> epochs = new ArrayList<>();
      ExecutorOutcome outcome = ExecutorOutcome.FINISHED;
      String reason = null;
      FrozenTrial trial = t.trialAtStart();
      for (int e = t.epochFrom(); e < t.epochTo(); e++) {
        long ms = model.epochMillis(t.params(), t.seed(), e);
        elapsed += ms;
        if (model.fails(t.params(), t.seed(), e)) {
          outcome = ExecutorOutcome.FAILED;
          reason = "simulated failure in epoch " + e;
          break;
        }
        double v = model.value(t.params(), t.seed(), e + 1);
        Map<String, Double> reported =
            new LinkedHashMap<>(model.metrics(t.params(), t.seed(), e + 1));
        reported.put(t.objective(), v);
        epochs.add(new EpochMetrics(e, reported, ms / 1000.0, 0));
        trial = trial.withIntermediate(e + 1, v);
        if (t.prunes(trial)) {
          outcome = ExecutorOutcome.PRUNED;
          reason = "pruned by the sweep's pruner after epoch " + (e + 1);
          break;
        }
      }
      SegmentResult r =
          new SegmentResult(
              t.segmentId(),
              t.trial(),
              outcome,
              reason,
              epochs,
              "sim",
              "sim",
              null,
              0,
              start,
              start + elapsed,
              Map.of());
      pending.add(new Pending(start + elapsed, seq++, new DispatchEvent.Finished(r), elapsed));
      spans.add(new long[] {start, start + elapsed, t.epochFrom() == 0 ? 1 : 0});
    }
    if (pending.size() > slots) {
      throw new IllegalStateException(
          "the driver sent " + pending.size() + " segments to " + slots + " slots");
    }
    return "sim-" + seq;
  }

  @Override
  public DispatchEvent next(long timeoutMillis) {
    advanceByDriverTime();
    Pending p = pending.peek();
    if (p == null) {
      return null;
    }
    if (timeoutMillis == 0 && p.at > now) {
      return null;
    }
    pending.poll();
    now = Math.max(now, p.at);
    busyMillis += p.busyMillis;
    lastRealNanos = System.nanoTime();
    return p.event;
  }

  private void advanceByDriverTime() {
    long real = System.nanoTime();
    if (countDriverTime) {
      now += (real - lastRealNanos) / 1_000_000;
    }
    lastRealNanos = real;
  }

  @Override
  public void cancel(String handle) {}

  @Override
  public int slots() {
    return slots;
  }

  @Override
  public long nowMillis() {
    return now;
  }

  /**
   * Busy slot-time over available slot-time from the first start to the last start of any segment
   * (it includes part of the drain: the last promotions start while slots already empty).
   */
  public double utilizationUntilLastStart() {
    return utilizationUntil(false);
  }

  /**
   * Busy slot-time over available slot-time from the first start to the start of the last new
   * trial: the part of the run where the scheduler always has work to give (after it, only
   * promotions remain and slots empty as the last trials finish).
   */
  public double utilizationWhileStartingTrials() {
    return utilizationUntil(true);
  }

  private double utilizationUntil(boolean lastNewTrial) {
    if (spans.isEmpty()) {
      return Double.NaN;
    }
    long first = Long.MAX_VALUE;
    long lastStart = Long.MIN_VALUE;
    for (long[] s : spans) {
      first = Math.min(first, s[0]);
      if (!lastNewTrial || s[2] == 1) {
        lastStart = Math.max(lastStart, s[0]);
      }
    }
    long busy = 0;
    for (long[] s : spans) {
      busy += Math.max(0, Math.min(s[1], lastStart) - Math.max(s[0], first));
    }
    return busy / ((double) slots * Math.max(1, lastStart - first));
  }

  /** Busy slot-time over available slot-time from the first start to the last end. */
  public double utilization() {
    if (spans.isEmpty()) {
      return Double.NaN;
    }
    long first = Long.MAX_VALUE;
    long last = Long.MIN_VALUE;
    for (long[] s : spans) {
      first = Math.min(first, s[0]);
      last = Math.max(last, s[1]);
    }
    return busyMillis / ((double) slots * Math.max(1, last - first));
  }

  @Override
  public void close() {}
}
