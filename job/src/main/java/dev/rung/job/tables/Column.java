package dev.rung.job.tables;

import static org.apache.parquet.schema.LogicalTypeAnnotation.stringType;
import static org.apache.parquet.schema.LogicalTypeAnnotation.timestampType;
import static org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName.BINARY;
import static org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName.DOUBLE;
import static org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName.INT32;
import static org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName.INT64;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.function.Function;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.schema.GroupType;
import org.apache.parquet.schema.LogicalTypeAnnotation.TimeUnit;
import org.apache.parquet.schema.PrimitiveType;
import org.apache.parquet.schema.Type;
import org.apache.parquet.schema.Types;

/**
 * One column of a table, declared once: its name, its Parquet type, whether every row has a value,
 * how a row gives its value, how a record's value is read back, and what a file written before the
 * column existed reads as. A table's schema, its writer and its reader are all derived from its
 * list of columns ({@link ColumnCodec}), so adding a column is adding one of these (and the row's
 * field it fills).
 *
 * @param <R> the row record
 * @param <V> the value's Java type
 */
final class Column<R, V> {
  private final String name;
  private final Type type;
  private final Function<R, V> get;
  private final BiFunction<Group, String, V> read;
  private final Writer<V> write;
  private final V absent;

  /** Writes a value under a name. */
  @FunctionalInterface
  interface Writer<V> {
    void write(RowWriter out, String name, V value);
  }

  private Column(
      String name,
      Type type,
      Function<R, V> get,
      BiFunction<Group, String, V> read,
      Writer<V> write,
      V absent) {
    this.name = name;
    this.type = type;
    this.get = get;
    this.read = read;
    this.write = write;
    this.absent = absent;
  }

  private static PrimitiveType primitive(
      String name, boolean required, PrimitiveType.PrimitiveTypeName kind, boolean text) {
    var builder = required ? Types.required(kind) : Types.optional(kind);
    if (text) {
      builder = builder.as(stringType());
    }
    return builder.named(name);
  }

  /** A text column. */
  static <R> Column<R, String> string(String name, boolean required, Function<R, String> get) {
    return new Column<>(
        name,
        primitive(name, required, BINARY, true),
        get,
        GroupFields::string,
        RowWriter::string,
        null);
  }

  /** A 32-bit integer column. */
  static <R> Column<R, Integer> int32(String name, boolean required, Function<R, Integer> get) {
    return new Column<>(
        name,
        primitive(name, required, INT32, false),
        get,
        GroupFields::int32,
        RowWriter::int32,
        null);
  }

  /** A 64-bit integer column. */
  static <R> Column<R, Long> int64(String name, boolean required, Function<R, Long> get) {
    return new Column<>(
        name,
        primitive(name, required, INT64, false),
        get,
        GroupFields::int64,
        RowWriter::int64,
        null);
  }

  /** A double column. */
  static <R> Column<R, Double> float64(String name, boolean required, Function<R, Double> get) {
    return new Column<>(
        name,
        primitive(name, required, DOUBLE, false),
        get,
        GroupFields::float64,
        RowWriter::float64,
        null);
  }

  /** A timestamp column: {@code int64 TIMESTAMP(MICROS, UTC)}. */
  static <R> Column<R, Instant> timestamp(String name, boolean required, Function<R, Instant> get) {
    var builder = required ? Types.required(INT64) : Types.optional(INT64);
    return new Column<>(
        name,
        builder.as(timestampType(true, TimeUnit.MICROS)).named(name),
        get,
        GroupFields::timestamp,
        RowWriter::timestamp,
        null);
  }

  /**
   * A list of doubles in Parquet's three-level LIST layout ({@code required group name (LIST) {
   * repeated group list { required double element; } }}); empty when absent.
   */
  static <R> Column<R, List<Double>> doubleList(String name, Function<R, List<Double>> get) {
    return new Column<>(
        name,
        Types.requiredList().requiredElement(DOUBLE).named(name),
        get,
        GroupFields::doubleList,
        RowWriter::doubleList,
        List.of());
  }

  /** A map from text to nullable text in the standard MAP layout; empty when absent. */
  static <R> Column<R, Map<String, String>> stringMap(
      String name, Function<R, Map<String, String>> get) {
    return new Column<>(
        name,
        Types.requiredMap()
            .key(BINARY)
            .as(stringType())
            .optionalValue(BINARY)
            .as(stringType())
            .named(name),
        get,
        GroupFields::stringMap,
        RowWriter::stringMap,
        Map.of());
  }

  /**
   * An optional struct whose fields are columns of their own: the row's value is written field by
   * field, and a record's struct is read back through {@code build}; {@code absent} when the struct
   * is missing (a null value writes none).
   */
  static <R, V> Column<R, V> struct(
      String name,
      Function<R, V> get,
      List<Column<V, ?>> fields,
      Function<ColumnCodec.Values, V> build,
      V absent) {
    Types.GroupBuilder<GroupType> g = Types.optionalGroup();
    for (Column<V, ?> f : fields) {
      g.addField(f.type());
    }
    return new Column<>(
        name,
        g.named(name),
        get,
        (record, n) -> {
          Group struct = GroupFields.group(record, n);
          return struct == null ? null : build.apply(ColumnCodec.Values.of(struct));
        },
        (out, n, value) -> {
          if (value != null) {
            out.startGroup(n);
            for (Column<V, ?> f : fields) {
              f.write(value, out);
            }
            out.endGroup(n);
          }
        },
        absent);
  }

  /**
   * A column of any Parquet type with its own reading and writing (a struct whose fields depend on
   * the sweep, such as the trials' parameters).
   */
  static <R, V> Column<R, V> of(
      Type type, Function<R, V> get, BiFunction<Group, String, V> read, Writer<V> write, V absent) {
    return new Column<>(type.getName(), type, get, read, write, absent);
  }

  /** This column, read as {@code value} from files written before it existed. */
  Column<R, V> orElse(V value) {
    return new Column<>(name, type, get, read, write, value);
  }

  String name() {
    return name;
  }

  Type type() {
    return type;
  }

  /** Writes {@code row}'s value. */
  void write(R row, RowWriter out) {
    write.write(out, name, get.apply(row));
  }

  /** {@code row}'s value, as it is written. */
  V value(R row) {
    return get.apply(row);
  }

  /** Writes a value this column gave ({@link #value}). */
  @SuppressWarnings("unchecked")
  void writeValue(Object value, RowWriter out) {
    write.write(out, name, (V) value);
  }

  /**
   * The record's value: the value written, else (a file from before the column existed, or a value
   * left unset) the column's default.
   *
   * @throws IllegalArgumentException when a required column without a default is missing
   */
  V read(Group record) {
    V v = read.apply(record, name);
    if (v != null) {
      return v;
    }
    if (absent == null && type.isRepetition(Type.Repetition.REQUIRED)) {
      return GroupFields.require(null, name);
    }
    return absent;
  }
}
