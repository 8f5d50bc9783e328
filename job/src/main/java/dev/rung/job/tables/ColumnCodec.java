package dev.rung.job.tables;

import java.util.List;
import java.util.function.Function;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.Types;

/**
 * A table's codec derived from its columns: the schema is the columns in order, a row is written
 * column by column, and a record is read back through {@code build}, which asks each column for its
 * value ({@link Values#get}).
 *
 * @param <R> the row record
 */
final class ColumnCodec<R> implements RowCodec<R> {
  private final String table;
  private final List<Column<R, ?>> columns;
  private final Function<Values, R> build;
  private final MessageType schema;

  /** A record's values, read by column. */
  static final class Values {
    private final Group record;

    private Values(Group record) {
      this.record = record;
    }

    /** The values of {@code record} (a row, or a struct of a row). */
    static Values of(Group record) {
      return new Values(record);
    }

    /** The value of {@code column} in this record (its default when the file lacks it). */
    <V> V get(Column<?, V> column) {
      return column.read(record);
    }
  }

  ColumnCodec(String table, List<Column<R, ?>> columns, Function<Values, R> build) {
    this.table = table;
    this.columns = List.copyOf(columns);
    this.build = build;
    Types.MessageTypeBuilder b = Types.buildMessage();
    for (Column<R, ?> c : columns) {
      b.addField(c.type());
    }
    this.schema = b.named(table);
  }

  @Override
  public String table() {
    return table;
  }

  @Override
  public MessageType schema() {
    return schema;
  }

  /** The columns, in order. */
  List<Column<R, ?>> columns() {
    return columns;
  }

  /**
   * Writes {@code row}: every column's value is taken before anything is written, so that a row one
   * of them refuses leaves no half-written record.
   */
  @Override
  public void write(R row, RowWriter out) {
    Object[] values = new Object[columns.size()];
    for (int i = 0; i < values.length; i++) {
      values[i] = columns.get(i).value(row);
    }
    out.startRecord();
    for (int i = 0; i < values.length; i++) {
      columns.get(i).writeValue(values[i], out);
    }
    out.endRecord();
  }

  @Override
  public R read(Group record) {
    return build.apply(new Values(record));
  }
}
