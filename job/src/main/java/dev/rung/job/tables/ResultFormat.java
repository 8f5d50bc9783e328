package dev.rung.job.tables;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.rung.job.ConsoleText;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.util.Iterator;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.StructType;
import scala.Tuple2;

/**
 * How query results are printed: {@code table}, a grid for reading; {@code csv}, RFC 4180 (a header
 * line, fields quoted when they hold a comma, a double quote or a line break, lines ending in CRLF,
 * NULL as an empty field and the empty string as {@code ""}); {@code json}, one object per line
 * (JSON Lines) with every column, NULL as {@code null}, structs and maps as objects, arrays as
 * arrays, timestamps as ISO-8601 UTC strings.
 *
 * <p>Values from an output are text that anyone who wrote the output chose: in every format a
 * printed value cannot send commands to a terminal (control characters are escaped: as {@link
 * ConsoleText} does in table and csv, where line breaks and tabs stay inside quoted fields, and as
 * JSON escapes with every non-ASCII character escaped in json).
 */
public enum ResultFormat {
  TABLE,
  CSV,
  JSON;

  private static final ObjectMapper MAPPER =
      JsonMapper.builder().enable(JsonWriteFeature.ESCAPE_NON_ASCII).build();

  /**
   * Prints {@code result}: at most {@code maxRows} rows as a table (saying so when there are more),
   * every row as csv or json.
   */
  public void print(Dataset<Row> result, PrintStream out, int maxRows) {
    if (this == TABLE) {
      SqlQuery.print(result, out, maxRows);
      return;
    }
    String[] columns = result.columns();
    Iterator<Row> rows = result.toLocalIterator();
    // The first rows are read before anything is printed: a query that fails reading its files
    // (a sweep replaced one) fails with nothing printed, and can be run again.
    boolean more = rows.hasNext();
    if (this == CSV) {
      out.print(csvLine(columns));
    }
    while (more) {
      out.print(line(columns, rows.next()));
      more = rows.hasNext();
    }
    out.flush();
  }

  /** One row as a line of this format (csv or json), with its line end. */
  String line(String[] columns, Row row) {
    if (this == JSON) {
      ObjectNode o = JsonNodeFactory.instance.objectNode();
      for (int i = 0; i < columns.length; i++) {
        o.set(columns[i], json(row.get(i)));
      }
      try {
        return MAPPER.writeValueAsString(o) + "\n";
      } catch (JsonProcessingException e) {
        throw new IllegalStateException("a row cannot be written as JSON", e);
      }
    }
    Object[] cells = new Object[columns.length];
    for (int i = 0; i < columns.length; i++) {
      cells[i] = row.get(i);
    }
    return csvLine(cells);
  }

  private static String csvLine(Object[] values) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < values.length; i++) {
      if (i > 0) {
        sb.append(',');
      }
      Object v = values[i];
      if (v == null) {
        continue; // NULL: an empty field
      }
      String text = v instanceof String s ? ConsoleText.lines(s) : SqlQuery.cell(v);
      boolean quote =
          text.isEmpty()
              || text.indexOf(',') >= 0
              || text.indexOf('"') >= 0
              || text.indexOf('\n') >= 0
              || text.indexOf('\r') >= 0;
      sb.append(quote ? '"' + text.replace("\"", "\"\"") + '"' : text);
    }
    return sb.append("\r\n").toString();
  }

  private static JsonNode json(Object v) {
    JsonNodeFactory f = JsonNodeFactory.instance;
    if (v == null) {
      return f.nullNode();
    }
    if (v instanceof Double d && (d.isNaN() || d.isInfinite())) {
      return f.textNode(d.toString()); // JSON has no NaN nor infinity
    }
    if (v instanceof Float d && (d.isNaN() || d.isInfinite())) {
      return f.textNode(d.toString());
    }
    if (v instanceof Boolean b) {
      return f.booleanNode(b);
    }
    if (v instanceof Integer || v instanceof Long || v instanceof Short || v instanceof Byte) {
      return f.numberNode(((Number) v).longValue());
    }
    if (v instanceof Double || v instanceof Float) {
      return f.numberNode(((Number) v).doubleValue());
    }
    if (v instanceof BigDecimal d) {
      return f.numberNode(d);
    }
    if (v instanceof Timestamp t) {
      return f.textNode(t.toInstant().toString());
    }
    if (v instanceof byte[] bytes) {
      return f.textNode(new String(bytes, StandardCharsets.UTF_8));
    }
    if (v instanceof Row struct) {
      StructType schema = struct.schema();
      if (schema == null) {
        ArrayNode a = f.arrayNode();
        for (int i = 0; i < struct.size(); i++) {
          a.add(json(struct.get(i)));
        }
        return a;
      }
      ObjectNode o = f.objectNode();
      String[] names = schema.fieldNames();
      for (int i = 0; i < names.length; i++) {
        o.set(names[i], json(struct.get(i)));
      }
      return o;
    }
    if (v instanceof scala.collection.Map<?, ?> map) {
      ObjectNode o = f.objectNode();
      scala.collection.Iterator<? extends Tuple2<?, ?>> it = map.iterator();
      while (it.hasNext()) {
        Tuple2<?, ?> e = it.next();
        o.set(String.valueOf(e._1()), json(e._2()));
      }
      return o;
    }
    if (v instanceof scala.collection.Iterable<?> seq) {
      ArrayNode a = f.arrayNode();
      scala.collection.Iterator<?> it = seq.iterator();
      while (it.hasNext()) {
        a.add(json(it.next()));
      }
      return a;
    }
    return f.textNode(String.valueOf(v));
  }
}
