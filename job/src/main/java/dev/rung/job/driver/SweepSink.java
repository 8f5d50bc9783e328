package dev.rung.job.driver;

import dev.rung.job.exec.SegmentResult;
import dev.rung.job.exec.SegmentTask;
import dev.rung.job.tables.SegmentOutcome;
import dev.rung.study.FrozenTrial;
import java.util.List;

/**
 * Where the driver records what happens, as it happens: the tables under the output location in a
 * sweep, memory in tests.
 */
public interface SweepSink extends AutoCloseable {

  /**
   * A segment ended: its result, and how the driver decided on it (promoted, stopped, completed,
   * pruned; failed or timeout whether or not a retry follows), as the segments table records it.
   */
  void segmentEnded(SegmentTask task, SegmentResult result, SegmentOutcome decision);

  /**
   * Segments ended, in the order given: as {@link #segmentEnded} for each, which a sink may record
   * together (fewer, larger files).
   */
  default void segmentsEnded(List<Ended> ended) {
    for (Ended e : ended) {
      segmentEnded(e.task(), e.result(), e.decision());
    }
  }

  /** One segment that ended, as given to {@link #segmentEnded}. */
  record Ended(SegmentTask task, SegmentResult result, SegmentOutcome decision) {}

  /** Trials changed; {@code all} is every trial of the study now. */
  void trialsChanged(List<FrozenTrial> all);

  @Override
  void close();
}
