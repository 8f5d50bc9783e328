package dev.rung.job.tables;

import static org.apache.parquet.schema.LogicalTypeAnnotation.stringType;
import static org.apache.parquet.schema.LogicalTypeAnnotation.timestampType;
import static org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName.BINARY;
import static org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName.BOOLEAN;
import static org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName.DOUBLE;
import static org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName.INT32;
import static org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName.INT64;

import org.apache.parquet.schema.GroupType;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.LogicalTypeAnnotation.TimeUnit;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.Type;
import org.apache.parquet.schema.Types;
import org.apache.parquet.schema.Types.GroupBuilder;

/**
 * The Parquet schema of every table Rung writes, written down once.
 *
 * <p>Three tables live under an output location: {@value #TRIALS} (one row per trial, rewritten as
 * a snapshot), {@value #INTERMEDIATE_VALUES} (one row per trial and epoch, append-only) and {@value
 * #SEGMENTS} (one row per executed segment of epochs, append-only). Timestamps are {@code int64
 * TIMESTAMP(MICROS, UTC)}; lists and maps use Parquet's standard three-level layout, so Spark,
 * pyarrow and DuckDB read them as arrays, maps and structs.
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

  private TableSchemas() {}

  /** The trials table, with one {@code params} field per parameter of {@code params}. */
  public static MessageType trials(ParamSchema params) {
    GroupBuilder<MessageType> b = Types.buildMessage();
    b.required(BINARY).as(stringType()).named("study");
    b.required(INT32).named("number");
    b.required(BINARY).as(stringType()).named("state");
    b.optional(DOUBLE).named("value");
    b.addField(doubleList("values"));
    if (!params.isEmpty()) {
      b.addField(paramsStruct(params));
    }
    b.optional(INT32).named("bracket");
    b.required(INT32).named("rung");
    b.optional(BINARY).as(stringType()).named("ranked_rungs");
    b.optional(BINARY).as(stringType()).named("rung_objectives");
    b.addField(doubleList("constraints"));
    b.required(INT32).named("epochs_trained");
    b.optional(INT64).as(timestamp()).named("start_time");
    b.optional(INT64).as(timestamp()).named("end_time");
    b.optional(INT64).named("duration_ms");
    b.required(INT64).named("seed");
    b.addField(stringMap("user_attrs"));
    b.optional(BINARY).as(stringType()).named("fail_reason");
    b.optionalGroup()
        .optional(BINARY)
        .as(stringType())
        .named("config_hash")
        .optional(BINARY)
        .as(stringType())
        .named("code_version")
        .optional(BINARY)
        .as(stringType())
        .named("nd4j_backend")
        .optional(BINARY)
        .as(stringType())
        .named("java_version")
        .optional(BINARY)
        .as(stringType())
        .named("spark_version")
        .named("provenance");
    return b.named(TRIALS);
  }

  /** The intermediate values table (its columns: {@link IntermediateValueCodec}). */
  public static MessageType intermediateValues() {
    return IntermediateValueCodec.CODEC.schema();
  }

  /** The segments table (its columns: {@link SegmentCodec}). */
  public static MessageType segments() {
    return SegmentCodec.CODEC.schema();
  }

  private static LogicalTypeAnnotation timestamp() {
    return timestampType(true, TimeUnit.MICROS);
  }

  private static GroupType paramsStruct(ParamSchema params) {
    GroupBuilder<GroupType> g = Types.optionalGroup();
    for (ParamColumn c : params.columns()) {
      switch (c.type()) {
        case DOUBLE -> g.optional(DOUBLE).named(c.name());
        case INT -> g.optional(INT32).named(c.name());
        case LONG -> g.optional(INT64).named(c.name());
        case BOOLEAN -> g.optional(BOOLEAN).named(c.name());
        case STRING -> g.optional(BINARY).as(stringType()).named(c.name());
      }
    }
    return g.named("params");
  }

  /** {@code required group name (LIST) { repeated group list { required double element; } }} */
  private static Type doubleList(String name) {
    return Types.requiredList().requiredElement(DOUBLE).named(name);
  }

  /** A map from string to nullable string. */
  private static Type stringMap(String name) {
    return Types.requiredMap()
        .key(BINARY)
        .as(stringType())
        .optionalValue(BINARY)
        .as(stringType())
        .named(name);
  }
}
