package dev.rung.job.exec;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntSupplier;

/**
 * Runs segments on threads of the driver's JVM, for Spark's local mode: there the executor is the
 * driver's JVM anyway, and a Spark job per segment only adds its scheduling, the serialization of
 * the task and its runner, and the result's way back through Spark's scheduler (milliseconds per
 * segment on a machine whose cores the trials share).
 *
 * <p>It behaves as {@link SparkDispatcher} on a local master: as many segments run at once as the
 * master has task slots (and no more than the sweep's slots), the others wait in order; each
 * segment runs under a {@link GuardedRunner} (or in a child JVM, {@link IsolatedRunner}); a runner
 * that throws is tried again up to the master's task failures ({@code local[N,F]}: F, else once, as
 * Spark's local scheduler does) and then reported {@link DispatchEvent.Lost}; cancelling a segment
 * reports it lost at once and interrupts its thread, or drops it before it starts. The runner is
 * shared by the threads instead of deserialized for each task: runners hold only immutable settings
 * ({@link SegmentRunner}).
 */
public final class LocalDispatcher extends SlotDispatcher {
  private static final System.Logger LOG = System.getLogger(LocalDispatcher.class.getName());
  private final SegmentRunner runner;
  private final int maxFailures;
  private final String where;
  private final ExecutorService threads;
  // Per batch handle: its segments not yet reported.
  private final Map<String, Map<String, Segment>> inFlight = new ConcurrentHashMap<>();

  /**
   * A dispatcher for {@code slots} segments at once on a local master with {@code master} task
   * slots and {@code maxFailures} tries per task; {@code queue} false when {@code slots} is below
   * the master's task slots, as for {@link SparkDispatcher} (see {@link #capacity}).
   */
  public LocalDispatcher(SegmentRunner runner, int slots, boolean queue, LocalMaster master) {
    super(slots, queue);
    this.runner = GuardedRunner.guard(runner);
    this.maxFailures = master.maxFailures();
    this.where = "on the driver (local mode)";
    int running = Math.max(1, Math.min(slots, master.taskSlots()));
    this.threads =
        new ThreadPoolExecutor(
            running,
            running,
            0,
            TimeUnit.MILLISECONDS,
            new LinkedBlockingQueue<>(),
            threadFactory(Thread.currentThread().getContextClassLoader()));
  }

  /**
   * A dispatcher whose segments run on the driver's threads whatever the master, as many at once as
   * {@code slots} says at each moment (counted again as executors come and go), each tried up to
   * {@code maxFailures} times: for trials whose epochs the runner fits across executors from the
   * driver ({@code training.executors-per-trial}), where a segment is the driver's work and its
   * Spark jobs the executors'. No segment queues behind the slots.
   */
  public LocalDispatcher(SegmentRunner runner, IntSupplier slots, int maxFailures) {
    super(slots, false);
    if (maxFailures < 1) {
      throw new IllegalArgumentException("maxFailures " + maxFailures + " must be at least 1");
    }
    this.runner = GuardedRunner.guard(runner);
    this.maxFailures = maxFailures;
    this.where = "on the driver";
    // The driver keeps no more segments outstanding than the slots: a thread for each.
    this.threads =
        Executors.newCachedThreadPool(
            threadFactory(Thread.currentThread().getContextClassLoader()));
  }

  /**
   * Daemon threads that load classes as the thread that made the dispatcher does: a user's trainer
   * given to spark-submit with {@code --jars} is on the driver's class loader in local mode.
   */
  private static ThreadFactory threadFactory(ClassLoader loader) {
    AtomicInteger count = new AtomicInteger();
    return r -> {
      Thread t = new Thread(r, "rung-local-slot-" + count.incrementAndGet());
      t.setDaemon(true);
      t.setContextClassLoader(loader);
      return t;
    };
  }

  @Override
  public String submit(List<SegmentTask> batch, String description) {
    String handle = handle(batch);
    Map<String, Segment> segments = new ConcurrentHashMap<>();
    List<Segment> inOrder = new ArrayList<>();
    for (SegmentTask task : batch) {
      Segment s = new Segment(task, handle);
      segments.put(task.segmentId(), s);
      inOrder.add(s);
    }
    // All of the batch is in place before any of it runs: a segment that ends at once must not
    // find its batch's map empty and drop it while the others are still being sent.
    inFlight.put(handle, segments);
    for (Segment s : inOrder) {
      s.future = threads.submit(s::run);
    }
    return handle;
  }

  @Override
  public void cancel(String handle) {
    Map<String, Segment> segments = inFlight.get(handle);
    if (segments != null) {
      segments.values().forEach(s -> s.cancel("its batch " + handle + " was cancelled"));
    }
  }

  /** Stops the one segment: the other segments of its batch go on. */
  @Override
  public void cancel(String handle, String segmentId) {
    Map<String, Segment> segments = inFlight.get(handle);
    Segment s = segments == null ? null : segments.get(segmentId);
    if (s != null) {
      s.cancel("segment " + segmentId + " was cancelled");
    }
  }

  /** Delivers nothing more and stops the segments still running or waiting. */
  @Override
  public void close() {
    inFlight.values().forEach(m -> m.values().forEach(s -> s.reported.set(true)));
    threads.shutdownNow();
    events.clear();
  }

  /** One segment sent: reported once, by whichever of its end and its cancellation comes first. */
  private final class Segment {
    private final SegmentTask task;
    private final String handle;
    private final AtomicBoolean reported = new AtomicBoolean();
    private volatile Future<?> future;

    Segment(SegmentTask task, String handle) {
      this.task = task;
      this.handle = handle;
    }

    void run() {
      TaskPlacement here = TaskPlacement.current();
      Throwable failure = null;
      for (int attempt = 0; attempt < maxFailures && !reported.get(); attempt++) {
        TaskPlacement placement =
            new TaskPlacement(here.executorId(), here.host(), here.gpu(), attempt);
        try {
          SegmentResult result = runner.run(task, placement);
          report(new DispatchEvent.Finished(result));
          return;
        } catch (RuntimeException | Error e) {
          failure = e;
          if (!reported.get()) {
            // As Spark's executor logs a task's exception: the reason recorded is one line.
            LOG.log(
                System.Logger.Level.ERROR,
                "segment " + task.segmentId() + " failed (try " + (attempt + 1) + ")",
                e);
          }
        }
      }
      if (failure != null) {
        report(
            new DispatchEvent.Lost(
                task,
                "segment "
                    + task.segmentId()
                    + " failed "
                    + maxFailures
                    + " time(s) "
                    + where
                    + ", most recent failure: "
                    + failure));
      }
    }

    void cancel(String reason) {
      if (report(new DispatchEvent.Lost(task, reason))) {
        Future<?> f = future;
        if (f != null) {
          f.cancel(true);
        }
      }
    }

    /** Sends {@code event} unless this segment was reported already; whether it was sent. */
    private boolean report(DispatchEvent event) {
      if (!reported.compareAndSet(false, true)) {
        return false;
      }
      inFlight.computeIfPresent(
          handle,
          (h, segments) -> {
            segments.remove(task.segmentId());
            return segments.isEmpty() ? null : segments;
          });
      events.add(event);
      return true;
    }
  }
}
