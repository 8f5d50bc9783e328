package dev.rung.job.exec;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeoutException;

/**
 * Runs each segment of another runner in a {@link ChildJvm}, so that a trial fails alone whatever
 * it does to its process: {@code System.exit}, a native crash, a thread that never ends, a hang
 * that ignores interrupts. The executor reports such a segment FAILED (or TIMEOUT) with what
 * happened, starts a fresh child for the next segment, and goes on; Spark never sees an executor
 * lost for it.
 *
 * <p>Inside the child the segment runs under a {@link GuardedRunner} as it would in the executor,
 * so its time limit, out-of-memory handling and results are the same; the executor kills the child
 * when a segment with a time limit has not answered {@link #KILL_AFTER_MILLIS} after the child's
 * own guard would have given up. Children are reused from one segment to the next.
 *
 * <p>A child sees only the GPUs of the segment's task ({@link ChildJvm#acquire(int, String)}), so a
 * trial given several GPUs can train one replica on each of them, and a trial given one allocates
 * nothing on the others.
 */
public final class IsolatedRunner implements SweepRunner {
  private static final long serialVersionUID = 1L;

  /** How long past its own guard's deadline a child is given before it is killed. */
  static final long KILL_AFTER_MILLIS = 15_000;

  private final SweepRunner delegate;
  private final int threads;

  /** Runs {@code delegate}'s work in child JVMs started for {@code threads} threads each. */
  public IsolatedRunner(SweepRunner delegate, int threads) {
    this.delegate = delegate;
    this.threads = threads;
  }

  @Override
  public SegmentResult run(SegmentTask task, TaskPlacement placement) {
    long start = System.currentTimeMillis();
    long limit = task.timeLimitMillis();
    long wait =
        limit <= 0
            ? 0
            : limit
                + GuardedRunner.graceMillis(limit)
                + GuardedRunner.STOP_WAIT_MILLIS
                + KILL_AFTER_MILLIS;
    ChildJvm child;
    try {
      child = ChildJvm.acquire(threads, placement.gpu());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start a JVM for the trial's work", e);
    }
    TaskPlacement inChild = ChildJvm.restrictsDevices() ? placement.seenAlone() : placement;
    try {
      SegmentResult r = child.call(new Segment(delegate, task, inChild), wait);
      if (r.outcome() == ExecutorOutcome.TIMEOUT) {
        // The segment may have left its thread running in the child: the child goes with it.
        child.close();
        return r.withReason(
            r.reason().replace(" but did not stop: its thread is left running", "")
                + "; its JVM was stopped");
      }
      child.release();
      return r;
    } catch (ChildJvm.DiedException e) {
      return GuardedRunner.failed(task, placement, start, ExecutorOutcome.FAILED, e.getMessage());
    } catch (TimeoutException e) {
      return GuardedRunner.failed(
          task,
          placement,
          start,
          ExecutorOutcome.TIMEOUT,
          "segment time limit of " + limit + " ms passed: " + e.getMessage());
    } catch (ChildJvm.CallFailedException e) {
      child.release();
      throw new IllegalStateException("the segment's runner failed: " + e.getMessage());
    } catch (IOException e) {
      child.close();
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public String backend() {
    return delegate.backend();
  }

  @Override
  public Map<String, Double> testAndExport(
      Map<String, Object> params,
      String checkpoint,
      Map<String, Double> tuningMetrics,
      String exportDir,
      long seed,
      int trial) {
    ChildJvm child;
    try {
      child = ChildJvm.acquire(threads);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start a JVM for the test evaluation", e);
    }
    try {
      LinkedHashMap<String, Double> out =
          child.call(
              new TestAndExport(
                  delegate,
                  new LinkedHashMap<>(params),
                  checkpoint,
                  new LinkedHashMap<>(tuningMetrics),
                  exportDir,
                  seed,
                  trial),
              0);
      child.release();
      return out;
    } catch (ChildJvm.DiedException e) {
      throw new IllegalStateException(
          "the test evaluation of trial " + trial + ": " + e.getMessage());
    } catch (ChildJvm.CallFailedException e) {
      child.release();
      throw new IllegalStateException(
          "the test evaluation of trial " + trial + " failed: " + e.getMessage());
    } catch (TimeoutException | IOException e) {
      child.close();
      throw new IllegalStateException("the test evaluation of trial " + trial + ": " + e);
    }
  }

  @Override
  public String exported(String exportDir) {
    return delegate.exported(exportDir);
  }

  /** One segment, run in the child as the executor would run it. */
  private record Segment(SegmentRunner runner, SegmentTask task, TaskPlacement placement)
      implements ChildCall<SegmentResult> {
    @Override
    public SegmentResult call() {
      return new GuardedRunner(runner).run(task, placement);
    }
  }

  /** The best trial's test evaluation and export, in the child. */
  private record TestAndExport(
      SweepRunner runner,
      LinkedHashMap<String, Object> params,
      String checkpoint,
      LinkedHashMap<String, Double> tuning,
      String exportDir,
      long seed,
      int trial)
      implements ChildCall<LinkedHashMap<String, Double>> {
    @Override
    public LinkedHashMap<String, Double> call() {
      return new LinkedHashMap<>(
          runner.testAndExport(params, checkpoint, tuning, exportDir, seed, trial));
    }
  }
}
