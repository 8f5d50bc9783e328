package dev.rung.job.tables;

/**
 * The natural Parquet type of one parameter column in the {@code params} struct of the trials
 * table.
 */
public enum ParamType {
  /** A float parameter or a categorical over numbers that are not all integers: {@code double}. */
  DOUBLE,
  /** An int parameter or a categorical over {@code Integer}s: {@code int32}. */
  INT,
  /** A categorical over integers that include a {@code Long}: {@code int64}. */
  LONG,
  /** A categorical over strings, or over values of mixed types (stored as their text): string. */
  STRING,
  /** A categorical over booleans: {@code boolean}. */
  BOOLEAN
}
