package dev.rung.job.tables;

import org.apache.parquet.example.data.Group;
import org.apache.parquet.schema.MessageType;

/**
 * Maps one table's rows to Parquet records and back.
 *
 * @param <R> the row record
 */
interface RowCodec<R> {

  /** The table's name, also written in each file's metadata. */
  String table();

  /** The schema files are written with. */
  MessageType schema();

  /** Writes one row as one record. */
  void write(R row, RowWriter out);

  /**
   * Reads one record of a file of any schema version: columns are looked up by name, and a column
   * the file lacks takes its default.
   */
  R read(Group record);
}
