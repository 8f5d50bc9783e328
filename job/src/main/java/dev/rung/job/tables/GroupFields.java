package dev.rung.job.tables;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.schema.GroupType;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.LogicalTypeAnnotation.TimestampLogicalTypeAnnotation;
import org.apache.parquet.schema.PrimitiveType;
import org.apache.parquet.schema.Type;

/**
 * Reads fields of a record by name, whatever the file's schema version: a field the file lacks, or
 * leaves unset, reads as null, and numbers convert between widths where no value is lost.
 */
final class GroupFields {

  private GroupFields() {}

  /** Whether the record's schema has the field and the record sets it. */
  static boolean has(Group g, String name) {
    return g.getType().containsField(name) && g.getFieldRepetitionCount(name) > 0;
  }

  /** The field's value as a Java object of its stored type, or null. */
  static Object value(Group g, String name) {
    if (!has(g, name)) {
      return null;
    }
    Type type = g.getType().getType(name);
    if (!type.isPrimitive()) {
      return g.getGroup(name, 0);
    }
    PrimitiveType p = type.asPrimitiveType();
    return switch (p.getPrimitiveTypeName()) {
      case INT32 -> g.getInteger(name, 0);
      case INT64 -> g.getLong(name, 0);
      case DOUBLE -> g.getDouble(name, 0);
      case FLOAT -> (double) g.getFloat(name, 0);
      case BOOLEAN -> g.getBoolean(name, 0);
      case BINARY, FIXED_LEN_BYTE_ARRAY -> g.getString(name, 0);
      case INT96 ->
          throw new IllegalArgumentException(
              "column " + name + " is an INT96 timestamp, which Rung tables never hold");
    };
  }

  static String string(Group g, String name) {
    Object v = value(g, name);
    return v == null ? null : v.toString();
  }

  static Integer int32(Group g, String name) {
    Long v = int64(g, name);
    if (v == null) {
      return null;
    }
    if (v != v.intValue()) {
      throw new IllegalArgumentException("column " + name + " holds " + v + ", beyond int range");
    }
    return v.intValue();
  }

  static Long int64(Group g, String name) {
    Object v = value(g, name);
    if (v == null) {
      return null;
    }
    if (v instanceof Integer || v instanceof Long) {
      return ((Number) v).longValue();
    }
    throw new IllegalArgumentException(
        "column "
            + name
            + " holds "
            + v
            + " of type "
            + v.getClass().getSimpleName()
            + ", expected an integer");
  }

  static Double float64(Group g, String name) {
    Object v = value(g, name);
    if (v == null) {
      return null;
    }
    if (v instanceof Number n) {
      return n.doubleValue();
    }
    throw new IllegalArgumentException("column " + name + " holds '" + v + "', expected a number");
  }

  static Boolean bool(Group g, String name) {
    Object v = value(g, name);
    if (v == null || v instanceof Boolean) {
      return (Boolean) v;
    }
    throw new IllegalArgumentException("column " + name + " holds '" + v + "', expected a boolean");
  }

  /** A timestamp column in any unit (millis, micros or nanos since the epoch, UTC). */
  static Instant timestamp(Group g, String name) {
    Long raw = int64(g, name);
    if (raw == null) {
      return null;
    }
    LogicalTypeAnnotation a = g.getType().getType(name).getLogicalTypeAnnotation();
    LogicalTypeAnnotation.TimeUnit unit =
        a instanceof TimestampLogicalTypeAnnotation t
            ? t.getUnit()
            : LogicalTypeAnnotation.TimeUnit.MICROS;
    return switch (unit) {
      case MILLIS -> Instant.ofEpochMilli(raw);
      case MICROS ->
          Instant.ofEpochSecond(
              Math.floorDiv(raw, 1_000_000L), Math.floorMod(raw, 1_000_000L) * 1_000L);
      case NANOS ->
          Instant.ofEpochSecond(
              Math.floorDiv(raw, 1_000_000_000L), Math.floorMod(raw, 1_000_000_000L));
    };
  }

  /** The struct field {@code name}, or null. */
  static Group group(Group g, String name) {
    return has(g, name) && !g.getType().getType(name).isPrimitive() ? g.getGroup(name, 0) : null;
  }

  /** A three-level LIST of doubles; empty when absent. A null element reads as NaN. */
  static List<Double> doubleList(Group g, String name) {
    Group list = group(g, name);
    if (list == null || list.getType().getFieldCount() == 0) {
      return List.of();
    }
    int n = list.getFieldRepetitionCount(0);
    List<Double> out = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      Group element = list.getGroup(0, i);
      String field = element.getType().getFieldName(0);
      Double v = float64(element, field);
      out.add(v == null ? Double.NaN : v);
    }
    return Collections.unmodifiableList(out);
  }

  /** A MAP of text to text; empty when absent. */
  static Map<String, String> stringMap(Group g, String name) {
    Group map = group(g, name);
    if (map == null || map.getType().getFieldCount() == 0) {
      return Map.of();
    }
    int n = map.getFieldRepetitionCount(0);
    Map<String, String> out = new LinkedHashMap<>();
    for (int i = 0; i < n; i++) {
      Group entry = map.getGroup(0, i);
      GroupType t = entry.getType();
      out.put(string(entry, t.getFieldName(0)), string(entry, t.getFieldName(1)));
    }
    return out;
  }

  /** The value, or a clear error when a required column is missing from the row. */
  static <T> T require(T value, String column) {
    if (value == null) {
      throw new IllegalArgumentException("required column " + column + " is missing or null");
    }
    return value;
  }
}
