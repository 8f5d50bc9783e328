package dev.rung.job.tables;

import dev.rung.job.ConsoleText;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import scala.Tuple2;

/**
 * Runs Spark SQL over the tables of an output location, as in {@code rung sql <output> "SELECT
 * params.lr, value FROM trials WHERE state = 'COMPLETE' ORDER BY value DESC LIMIT 10"}.
 */
public final class SqlQuery {

  /** Rows printed by {@link #print(Dataset, PrintStream)}. */
  public static final int DEFAULT_MAX_ROWS = 1000;

  private SqlQuery() {}

  /** Registers the output's tables as views ({@link TableCatalog}) and runs {@code sql}. */
  public static Dataset<Row> run(SparkSession spark, String output, String sql) {
    TableCatalog.register(spark, output);
    return spark.sql(sql);
  }

  /** Prints up to {@value #DEFAULT_MAX_ROWS} rows of {@code result}. */
  public static void print(Dataset<Row> result, PrintStream out) {
    print(result, out, DEFAULT_MAX_ROWS);
  }

  /**
   * Prints up to {@code maxRows} rows of {@code result} as a grid like Spark's {@code show()}, but
   * with no cell truncated; timestamps are printed in UTC.
   */
  public static void print(Dataset<Row> result, PrintStream out, int maxRows) {
    List<Row> rows = result.limit(maxRows + 1).collectAsList();
    boolean more = rows.size() > maxRows;
    out.print(format(result.columns(), more ? rows.subList(0, maxRows) : rows));
    if (more) {
      out.println("only showing the first " + maxRows + " rows");
    }
    out.flush();
  }

  /** The grid of {@code rows} under {@code columns}. */
  static String format(String[] columns, List<Row> rows) {
    List<String[]> cells = new ArrayList<>(rows.size() + 1);
    String[] header = new String[columns.length];
    for (int i = 0; i < columns.length; i++) {
      header[i] = ConsoleText.of(columns[i]);
    }
    cells.add(header);
    for (Row row : rows) {
      String[] line = new String[columns.length];
      for (int i = 0; i < columns.length; i++) {
        line[i] = cell(row.get(i));
      }
      cells.add(line);
    }
    int[] widths = new int[columns.length];
    for (String[] line : cells) {
      for (int i = 0; i < line.length; i++) {
        widths[i] = Math.max(widths[i], line[i].codePointCount(0, line[i].length()));
      }
    }
    StringBuilder sb = new StringBuilder();
    String rule = rule(widths);
    sb.append(rule);
    for (int r = 0; r < cells.size(); r++) {
      String[] line = cells.get(r);
      sb.append('|');
      for (int i = 0; i < line.length; i++) {
        sb.append(line[i]);
        sb.append(" ".repeat(widths[i] - line[i].codePointCount(0, line[i].length())));
        sb.append('|');
      }
      sb.append('\n');
      if (r == 0) {
        sb.append(rule);
      }
    }
    sb.append(rule);
    return sb.toString();
  }

  private static String rule(int[] widths) {
    StringBuilder sb = new StringBuilder("+");
    for (int w : widths) {
      sb.append("-".repeat(w)).append('+');
    }
    return sb.append('\n').toString();
  }

  /**
   * A value as text: NULL, structs as {a, b}, arrays as [a, b], maps as {k -> v}; control
   * characters in strings (a fail reason, a parameter value) are escaped ({@link ConsoleText}), so
   * a cell stays on its line and cannot send commands to the terminal.
   */
  static String cell(Object v) {
    if (v == null) {
      return "NULL";
    }
    if (v instanceof Row struct) {
      List<String> parts = new ArrayList<>(struct.size());
      for (int i = 0; i < struct.size(); i++) {
        parts.add(cell(struct.get(i)));
      }
      return "{" + String.join(", ", parts) + "}";
    }
    if (v instanceof scala.collection.Map<?, ?> map) {
      List<String> parts = new ArrayList<>();
      scala.collection.Iterator<? extends Tuple2<?, ?>> it = map.iterator();
      while (it.hasNext()) {
        Tuple2<?, ?> e = it.next();
        parts.add(cell(e._1()) + " -> " + cell(e._2()));
      }
      return "{" + String.join(", ", parts) + "}";
    }
    if (v instanceof scala.collection.Iterable<?> seq) {
      List<String> parts = new ArrayList<>();
      scala.collection.Iterator<?> it = seq.iterator();
      while (it.hasNext()) {
        parts.add(cell(it.next()));
      }
      return "[" + String.join(", ", parts) + "]";
    }
    if (v instanceof Timestamp t) {
      return t.toInstant().toString();
    }
    if (v instanceof byte[] bytes) {
      return ConsoleText.of(new String(bytes, StandardCharsets.UTF_8));
    }
    return ConsoleText.of(v);
  }
}
