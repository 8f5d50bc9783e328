package dev.rung.job.driver;

import java.util.ArrayList;
import java.util.List;

/** What the driver measures about itself. */
public final class DriverStats {
  /** Per handled result: nanoseconds from taking the result to submitting the next segment. */
  final List<Long> dispatchLatencyNanos = new ArrayList<>();

  int promotions;
  int stoppedSegments;

  /** How many segments in flight the driver stopped (time budget spent, or a stop asked for). */
  public int stoppedSegments() {
    return stoppedSegments;
  }

  /** The dispatch latencies measured, in nanoseconds. */
  public List<Long> dispatchLatencyNanos() {
    return List.copyOf(dispatchLatencyNanos);
  }

  /** How many paused trials were promoted. */
  public int promotions() {
    return promotions;
  }

  /** The median dispatch latency in milliseconds, or NaN when none was measured. */
  public double medianDispatchMillis() {
    if (dispatchLatencyNanos.isEmpty()) {
      return Double.NaN;
    }
    List<Long> sorted = new ArrayList<>(dispatchLatencyNanos);
    sorted.sort(null);
    return sorted.get(sorted.size() / 2) / 1e6;
  }
}
