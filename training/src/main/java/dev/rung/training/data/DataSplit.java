package dev.rung.training.data;

import java.util.Locale;

/**
 * The part of the data a row belongs to, as a split column says: its values are {@code train},
 * {@code validation} (or {@code valid}, {@code val}) and {@code test}, in any case, spaces around
 * them ignored.
 */
public enum DataSplit {
  TRAIN,
  VALIDATION,
  TEST;

  /** The values a split column may hold, for messages and documentation. */
  public static final String ALLOWED = "train, validation (or valid, val), test";

  /** The part {@code value} names, or null if it names none. */
  static DataSplit parse(String value) {
    if (value == null) {
      return null;
    }
    return switch (value.trim().toLowerCase(Locale.ROOT)) {
      case "train" -> TRAIN;
      case "validation", "valid", "val" -> VALIDATION;
      case "test" -> TEST;
      default -> null;
    };
  }

  /**
   * The part named by {@code value}, which {@code column} holds at {@code where} (a row, or a
   * partition directory) of {@code location}.
   */
  static DataSplit of(String location, String where, String column, String value) {
    DataSplit split = parse(value);
    if (split == null) {
      throw new DataFormatException(
          location,
          where
              + ": split column '"
              + column
              + "' holds "
              + (value == null ? "null" : "'" + value + "'")
              + "; allowed values: "
              + ALLOWED);
    }
    return split;
  }
}
