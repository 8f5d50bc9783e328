package dev.rung.job.exec;

import java.util.List;

/**
 * Where the driver sends segments and from where their results come back: Spark in production
 * ({@link SparkDispatcher}), the driver's own threads on Spark's local master ({@link
 * LocalDispatcher}); a simulated cluster in tests and in the scheduling benchmark.
 */
public interface WorkDispatcher extends AutoCloseable {

  /** Sends a batch of segments without waiting; returns a handle that {@link #cancel} accepts. */
  String submit(List<SegmentTask> batch, String description);

  /** The next result or loss, waiting at most {@code timeoutMillis}; null when none came. */
  DispatchEvent next(long timeoutMillis) throws InterruptedException;

  /** Stops the batch's running segments; each reports a loss. */
  void cancel(String handle);

  /**
   * Stops one segment of a batch, which reports a loss. By default the whole batch is stopped;
   * dispatchers that can stop a single segment do only that.
   */
  default void cancel(String handle, String segmentId) {
    cancel(handle);
  }

  /** How many segments can run at once. */
  int slots();

  /**
   * How many segments the driver keeps outstanding: the slots, plus any queued behind them so that
   * a freed slot starts its next segment without waiting for the driver. The slots by default.
   */
  default int capacity() {
    return slots();
  }

  /** The dispatcher's clock in milliseconds: wall time, or simulated time in a simulation. */
  default long nowMillis() {
    return System.currentTimeMillis();
  }

  @Override
  void close();
}
