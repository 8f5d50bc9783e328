package dev.rung.job.tables;

import java.time.Instant;

/** Checks shared by the row records. */
final class Rows {

  private Rows() {}

  static void requireText(String what, String value) {
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException(what + " is '" + value + "': it must be a non-empty text");
    }
  }

  static void requireNonNegative(String what, long value) {
    if (value < 0) {
      throw new IllegalArgumentException(what + " is " + value + ": it must be >= 0");
    }
  }

  static void requireOrdered(String what, Instant start, Instant end) {
    if (start != null && end != null && end.isBefore(start)) {
      throw new IllegalArgumentException(
          what + " ends at " + end + " before it starts at " + start + ": end must be >= start");
    }
  }
}
