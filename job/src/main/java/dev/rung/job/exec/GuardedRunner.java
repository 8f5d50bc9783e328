package dev.rung.job.exec;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Runs each segment of another runner under its time limit and turns an out-of-memory error into
 * the trial's failure.
 *
 * <p>A segment with a time limit runs on a thread of its own while the Spark task's thread waits
 * for it. The runner itself checks the limit between epochs; when a segment hangs inside an epoch
 * and the limit plus a grace ({@link #graceMillis}) passes, its thread is interrupted and the task
 * returns a TIMEOUT result for that segment alone at once, so its task slot is free for the next
 * segment and the other segments of its batch go on. Code that ignores the interrupt (a native
 * kernel, a busy loop) keeps its thread, and the memory it holds, until it ends by itself: the
 * thread is a daemon, so it does not keep the executor from exiting, and the result says that it
 * was left running. It writes no table row; at worst it saves the segment's output checkpoint
 * later, atomically, with the same epochs of the same trial.
 *
 * <p>When Spark kills the task (its job was cancelled), the segment's thread is interrupted too.
 */
public final class GuardedRunner implements SegmentRunner {
  private static final long serialVersionUID = 1L;

  /** How long a timed-out segment's thread is given to stop after the interrupt. */
  static final long STOP_WAIT_MILLIS = 2_000;

  private final SegmentRunner delegate;

  /** Guards {@code delegate}'s segments. */
  public GuardedRunner(SegmentRunner delegate) {
    this.delegate = delegate;
  }

  /**
   * {@code runner} under a guard: itself when it guards its segments already (a {@link
   * GuardedRunner}, or an {@link IsolatedRunner}, which guards them in their own JVMs).
   */
  public static SegmentRunner guard(SegmentRunner runner) {
    return runner instanceof GuardedRunner || runner instanceof IsolatedRunner
        ? runner
        : new GuardedRunner(runner);
  }

  /** The runner guarded. */
  public SegmentRunner delegate() {
    return delegate;
  }

  /**
   * How long past its limit a segment may run before it is interrupted: a tenth of the limit,
   * between 1 s and 1 min (the runner's own check after an epoch comes first when it can).
   */
  public static long graceMillis(long limitMillis) {
    return Math.max(1_000, Math.min(limitMillis / 10, 60_000));
  }

  @Override
  public SegmentResult run(SegmentTask task, TaskPlacement placement) {
    long start = System.currentTimeMillis();
    if (task.timeLimitMillis() <= 0) {
      try {
        return delegate.run(task, placement);
      } catch (OutOfMemoryError e) {
        return failed(task, placement, start, ExecutorOutcome.FAILED, outOfMemory(e));
      }
    }
    FutureTask<SegmentResult> work = new FutureTask<>(() -> delegate.run(task, placement));
    Thread thread = new Thread(work, "rung-segment-" + task.segmentId());
    thread.setDaemon(true);
    thread.start();
    long wait = task.timeLimitMillis() + graceMillis(task.timeLimitMillis());
    try {
      return work.get(wait, TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      thread.interrupt();
      boolean stopped = join(thread);
      return failed(
          task,
          placement,
          start,
          ExecutorOutcome.TIMEOUT,
          "segment time limit of "
              + task.timeLimitMillis()
              + " ms passed inside an epoch (no result after "
              + (System.currentTimeMillis() - start)
              + " ms); it was interrupted"
              + (stopped ? " and stopped" : " but did not stop: its thread is left running"));
    } catch (InterruptedException e) {
      thread.interrupt();
      Thread.currentThread().interrupt();
      throw new CancellationException("segment " + task.segmentId() + " was cancelled");
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof OutOfMemoryError oom) {
        return failed(task, placement, start, ExecutorOutcome.FAILED, outOfMemory(oom));
      }
      if (cause instanceof RuntimeException r) {
        throw r;
      }
      if (cause instanceof Error err) {
        throw err;
      }
      throw new IllegalStateException(cause);
    }
  }

  private static boolean join(Thread thread) {
    try {
      thread.join(STOP_WAIT_MILLIS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return !thread.isAlive();
  }

  private static String outOfMemory(OutOfMemoryError e) {
    return "out of memory: " + e.getMessage();
  }

  /** A result without epochs: the segment ended with {@code outcome} for {@code reason}. */
  static SegmentResult failed(
      SegmentTask task,
      TaskPlacement placement,
      long start,
      ExecutorOutcome outcome,
      String reason) {
    return SegmentResult.of(task, placement, outcome, reason, List.of(), start, Map.of());
  }
}
