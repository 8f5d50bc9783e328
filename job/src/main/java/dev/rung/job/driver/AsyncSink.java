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
  // Segments that ended (Ended) and trial snapshots (Snapshot), in call order.
  private final Queue<Object> pending = new ConcurrentLinkedQueue<>();
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
    pending.add(new Snapshot(all));
    queueDrain();
  }

  /** The trials as they were when the driver recorded them. */
  private record Snapshot(List<FrozenTrial> trials) {}

  private void queueDrain() {
    if (drainQueued.compareAndSet(false, true)) {
      writer.execute(this::drain);
    }
  }

  /**
   * Records what is pending in call order, the segments in as few calls to the target as the order
   * allows, and of the snapshots only the newest: after every segment that was recorded before it,
   * never before one of them (a snapshot may count epochs whose segments are queued behind an older
   * snapshot).
   */
  private void drain() {
    // Cleared first: whatever is added from now on is taken here or by the drain it queues.
    drainQueued.set(false);
    List<Object> items = new ArrayList<>();
    for (Object next; (next = pending.poll()) != null; ) {
      items.add(next);
    }
    int newest = -1;
    for (int i = 0; i < items.size(); i++) {
      if (items.get(i) instanceof Snapshot) {
        newest = i;
      }
    }
    List<Ended> segments = new ArrayList<>();
    for (int i = 0; i < items.size(); i++) {
      if (items.get(i) instanceof Ended e) {
        segments.add(e);
      } else if (i == newest) {
        writeSegments(segments);
        List<FrozenTrial> trials = ((Snapshot) items.get(i)).trials();
        guarded(() -> target.trialsChanged(trials));
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
