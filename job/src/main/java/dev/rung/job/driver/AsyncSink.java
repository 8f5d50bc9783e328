package dev.rung.job.driver;

import dev.rung.job.exec.SegmentResult;
import dev.rung.job.exec.SegmentTask;
import dev.rung.job.tables.SegmentOutcome;
import dev.rung.study.FrozenTrial;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Records on a thread of its own, so that the driver submits the next segment without waiting for
 * file writes. Records keep their order; segments that end while the writer is busy are recorded
 * together (one file per table for all of them), and trial snapshots that pile up are coalesced
 * into the latest. A write that fails is rethrown on the driver's next call (once), later writes
 * are skipped, and {@link #close} waits for every write.
 */
public final class AsyncSink implements SweepSink {
  private final SweepSink target;
  private final ExecutorService writer =
      Executors.newSingleThreadExecutor(
          r -> {
            Thread t = new Thread(r, "rung-table-writer");
            t.setDaemon(true);
            return t;
          });
  private final AtomicReference<List<FrozenTrial>> latest = new AtomicReference<>();
  // Segments that ended (Ended) and snapshots asked for (SNAPSHOT), in call order.
  private final Queue<Object> pending = new ConcurrentLinkedQueue<>();
  private static final Object SNAPSHOT = new Object();
  private final AtomicBoolean drainQueued = new AtomicBoolean();
  private final AtomicReference<RuntimeException> failure = new AtomicReference<>();
  private volatile boolean failureThrown;

  public AsyncSink(SweepSink target) {
    this.target = target;
  }

  @Override
  public void segmentEnded(SegmentTask task, SegmentResult result, SegmentOutcome decision) {
    rethrow();
    pending.add(new Ended(task, result, decision));
    queueDrain();
  }

  @Override
  public void trialsChanged(List<FrozenTrial> all) {
    rethrow();
    if (latest.getAndSet(all) == null) {
      pending.add(SNAPSHOT);
      queueDrain();
    }
  }

  private void queueDrain() {
    if (drainQueued.compareAndSet(false, true)) {
      writer.execute(this::drain);
    }
  }

  /**
   * Records what is pending in call order: consecutive segments in one call to the target, a
   * snapshot as the newest trials at the time it is written, after every segment queued by then
   * (the driver records a segment before the trials that count its epochs: a snapshot is never
   * written ahead of them).
   */
  private void drain() {
    // Cleared first: whatever is added from now on is taken here or by the drain it queues.
    drainQueued.set(false);
    List<Ended> segments = new ArrayList<>();
    for (Object next; (next = pending.poll()) != null; ) {
      if (next instanceof Ended e) {
        segments.add(e);
        continue;
      }
      List<FrozenTrial> newest = latest.getAndSet(null);
      // Taken after the snapshot: the segments it may count were queued before it.
      for (Object more; (more = pending.peek()) instanceof Ended e; ) {
        pending.poll();
        segments.add(e);
      }
      writeSegments(segments);
      if (newest != null) {
        guarded(() -> target.trialsChanged(newest));
      }
    }
    writeSegments(segments);
  }

  private void writeSegments(List<Ended> segments) {
    if (!segments.isEmpty()) {
      List<Ended> batch = List.copyOf(segments);
      segments.clear();
      guarded(() -> target.segmentsEnded(batch));
    }
  }

  private void guarded(Runnable write) {
    if (failure.get() != null) {
      return;
    }
    try {
      write.run();
    } catch (RuntimeException e) {
      failure.compareAndSet(null, e);
    }
  }

  private void rethrow() {
    RuntimeException e = failure.get();
    if (e != null) {
      failureThrown = true;
      throw e;
    }
  }

  @Override
  public void close() {
    writer.shutdown();
    try {
      if (!writer.awaitTermination(10, TimeUnit.MINUTES)) {
        throw new IllegalStateException("the tables were not written within 10 minutes");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    if (failure.get() != null) {
      // After a failed write nothing more is written: the tables keep what was recorded before.
      if (!failureThrown) {
        rethrow();
      }
      return;
    }
    target.close();
    rethrow();
  }
}
