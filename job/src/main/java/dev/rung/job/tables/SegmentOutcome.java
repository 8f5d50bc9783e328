package dev.rung.job.tables;

import java.util.Arrays;
import java.util.Locale;

/** How a segment ended; stored in lower case in the {@code outcome} column. */
public enum SegmentOutcome {
  /** The trial reached its rung and was promoted to the next. */
  PROMOTED,
  /** The trial reached its rung and was not promoted (it waits or stops there). */
  STOPPED,
  /** The trial trained its last epoch. */
  COMPLETED,
  /** A pruner stopped the trial inside the segment. */
  PRUNED,
  /** The segment failed (an exception, a NaN loss). */
  FAILED,
  /** The segment ran out of time. */
  TIMEOUT,
  /**
   * The driver stopped after recording the segment's epochs and before recording its end; the row
   * was added when the study was continued (its times are then, and its executor unknown).
   */
  INTERRUPTED;

  /** The stored text: the name in lower case. */
  public String text() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The outcome stored as {@code text}, in any case. */
  public static SegmentOutcome parse(String text) {
    try {
      return valueOf(text.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "segment outcome '"
              + text
              + "' is unknown: allowed are "
              + Arrays.stream(values()).map(SegmentOutcome::text).toList(),
          e);
    }
  }
}
