package dev.rung.job.exec;

import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntSupplier;

/**
 * What the dispatchers of real segments share: their slots, the segments queued behind them, the
 * events the driver takes and the handles of batches.
 */
abstract class SlotDispatcher implements WorkDispatcher {
  /** Results and losses, in the order they happened. */
  final BlockingQueue<DispatchEvent> events = new LinkedBlockingQueue<>();

  private final AtomicInteger batches = new AtomicInteger();
  private final IntSupplier slots;
  private final boolean queue;

  SlotDispatcher(int slots, boolean queue) {
    this(() -> slots, queue);
  }

  /** Slots that may change while the sweep runs, as Spark's executors come and go. */
  SlotDispatcher(IntSupplier slots, boolean queue) {
    this.slots = slots;
    this.queue = queue;
  }

  @Override
  public int slots() {
    return slots.getAsInt();
  }

  /**
   * The slots plus one queued segment per two slots (at least one): a queued segment starts the
   * moment a slot frees, so the slots do not wait for the driver's round trip of a result and the
   * next submission. Without the queue, the slots alone.
   */
  @Override
  public int capacity() {
    int n = slots();
    return queue ? n + Math.max(1, n / 2) : n;
  }

  @Override
  public DispatchEvent next(long timeoutMillis) throws InterruptedException {
    return events.poll(timeoutMillis, TimeUnit.MILLISECONDS);
  }

  /** The handle of a new batch, which must not be empty. */
  String handle(List<SegmentTask> batch) {
    if (batch.isEmpty()) {
      throw new IllegalArgumentException("empty batch");
    }
    return "rung-batch-" + batches.incrementAndGet();
  }
}
