package dev.rung.job.tables;

import org.apache.parquet.schema.MessageType;

/**
 * The Parquet schema of every table Rung writes, written down once.
 *
 * <p>Four tables live under an output location: {@value #TRIALS} (one row per trial, rewritten as a
 * snapshot), {@value #INTERMEDIATE_VALUES} (one row per trial and epoch, append-only), {@value
 * #SEGMENTS} (one row per executed segment of epochs, append-only) and {@value #RUNS} (one row per
 * execution of the sweep, append-only). Timestamps are {@code int64 TIMESTAMP(MICROS, UTC)}; lists
 * and maps use Parquet's standard three-level layout, so Spark, pyarrow and DuckDB read them as
 * arrays, maps and structs.
 *
 * @apiNote Every file carries its schema version in the key-value metadata entry {@value
 *     #VERSION_KEY}. A change to any schema here bumps {@link #SCHEMA_VERSION}; the readers map
 *     columns by name and give defaults for columns an older file lacks, so tables written by every
 *     earlier version stay readable (a golden table per version is kept in the tests).
 */
public final class TableSchemas {

  /**
   * The version of the schemas below: 1, the first; 2 adds the segments table's {@code backend}
   * (what trained the segment on its executor) and the trials table's {@code rung_objectives} and
   * {@code constraints}.
   */
  public static final int SCHEMA_VERSION = 2;

  /** Key-value metadata entry holding the schema version of a file. */
  public static final String VERSION_KEY = "rung.schema.version";

  /** Key-value metadata entry holding the table a file belongs to. */
  public static final String TABLE_KEY = "rung.table";

  /** Table of trials. */
  public static final String TRIALS = "trials";

  /** Table of per-epoch metrics. */
  public static final String INTERMEDIATE_VALUES = "intermediate_values";

  /** Table of executed segments. */
  public static final String SEGMENTS = "segments";

  /** Table of the executions of the sweep on an output. */
  public static final String RUNS = "runs";

  private TableSchemas() {}

  /**
   * The trials table, with one {@code params} field per parameter of {@code params} (its columns:
   * {@link TrialCodec}).
   */
  public static MessageType trials(ParamSchema params) {
    return new TrialCodec(params).schema();
  }

  /** The intermediate values table (its columns: {@link IntermediateValueCodec}). */
  public static MessageType intermediateValues() {
    return IntermediateValueCodec.CODEC.schema();
  }

  /** The runs table (its columns: {@link RunCodec}). */
  public static MessageType runs() {
    return RunCodec.CODEC.schema();
  }

  /** The segments table (its columns: {@link SegmentCodec}). */
  public static MessageType segments() {
    return SegmentCodec.CODEC.schema();
  }
}
