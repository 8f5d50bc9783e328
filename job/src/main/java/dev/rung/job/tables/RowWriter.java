package dev.rung.job.tables;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.io.api.RecordConsumer;
import org.apache.parquet.schema.GroupType;
import org.apache.parquet.schema.MessageType;

/**
 * Writes the fields of one record by name into a {@link RecordConsumer}; a null value leaves its
 * (optional) field unset.
 */
final class RowWriter {

  private final RecordConsumer consumer;
  private final MessageType schema;
  private final Deque<GroupType> groups = new ArrayDeque<>();

  RowWriter(RecordConsumer consumer, MessageType schema) {
    this.consumer = consumer;
    this.schema = schema;
  }

  void startRecord() {
    groups.clear();
    groups.push(schema);
    consumer.startMessage();
  }

  void endRecord() {
    consumer.endMessage();
  }

  void string(String name, String value) {
    if (value != null) {
      int i = start(name);
      consumer.addBinary(Binary.fromString(value));
      consumer.endField(name, i);
    }
  }

  void int32(String name, Integer value) {
    if (value != null) {
      int i = start(name);
      consumer.addInteger(value);
      consumer.endField(name, i);
    }
  }

  void int64(String name, Long value) {
    if (value != null) {
      int i = start(name);
      consumer.addLong(value);
      consumer.endField(name, i);
    }
  }

  void float64(String name, Double value) {
    if (value != null) {
      int i = start(name);
      consumer.addDouble(value);
      consumer.endField(name, i);
    }
  }

  void bool(String name, Boolean value) {
    if (value != null) {
      int i = start(name);
      consumer.addBoolean(value);
      consumer.endField(name, i);
    }
  }

  /** A timestamp in microseconds since the epoch (UTC). */
  void timestamp(String name, Instant value) {
    if (value != null) {
      int64(
          name,
          Math.addExact(
              Math.multiplyExact(value.getEpochSecond(), 1_000_000L), value.getNano() / 1_000));
    }
  }

  /** A value of a params field, by its Java type. */
  void value(String name, Object value) {
    if (value == null) {
      return;
    } else if (value instanceof Double d) {
      float64(name, d);
    } else if (value instanceof Integer n) {
      int32(name, n);
    } else if (value instanceof Long n) {
      int64(name, n);
    } else if (value instanceof Boolean v) {
      bool(name, v);
    } else if (value instanceof String v) {
      string(name, v);
    } else {
      throw new IllegalArgumentException(
          "field " + name + ": value " + value + " of type " + value.getClass() + " not storable");
    }
  }

  /** Starts the struct field {@code name}; fields written until {@link #endGroup} go inside. */
  void startGroup(String name) {
    int i = start(name);
    consumer.startGroup();
    groups.push(groups.peek().getType(i).asGroupType());
  }

  void endGroup(String name) {
    groups.pop();
    consumer.endGroup();
    consumer.endField(name, groups.peek().getFieldIndex(name));
  }

  /** A list of non-null doubles in the three-level LIST layout. */
  void doubleList(String name, List<Double> values) {
    startGroup(name);
    if (!values.isEmpty()) {
      GroupType repeatedType = groups.peek().getType(0).asGroupType();
      String repeated = repeatedType.getName();
      String element = repeatedType.getFieldName(0);
      consumer.startField(repeated, 0);
      for (Double v : values) {
        consumer.startGroup();
        consumer.startField(element, 0);
        consumer.addDouble(v);
        consumer.endField(element, 0);
        consumer.endGroup();
      }
      consumer.endField(repeated, 0);
    }
    endGroup(name);
  }

  /** A map of text to text in the standard MAP layout; null values stay unset. */
  void stringMap(String name, Map<String, String> map) {
    startGroup(name);
    if (!map.isEmpty()) {
      GroupType entry = groups.peek().getType(0).asGroupType();
      consumer.startField(entry.getName(), 0);
      for (Map.Entry<String, String> e : map.entrySet()) {
        consumer.startGroup();
        consumer.startField(entry.getFieldName(0), 0);
        consumer.addBinary(Binary.fromString(e.getKey()));
        consumer.endField(entry.getFieldName(0), 0);
        if (e.getValue() != null) {
          consumer.startField(entry.getFieldName(1), 1);
          consumer.addBinary(Binary.fromString(e.getValue()));
          consumer.endField(entry.getFieldName(1), 1);
        }
        consumer.endGroup();
      }
      consumer.endField(entry.getName(), 0);
    }
    endGroup(name);
  }

  private int start(String name) {
    int i = groups.peek().getFieldIndex(name);
    consumer.startField(name, i);
    return i;
  }
}
