package dev.rung.job.tables;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * An append-only table ({@code intermediate_values} or {@code segments}): each {@link #append}
 * publishes one new Parquet file holding the batch.
 *
 * @param <R> the row record
 * @apiNote A table opened for writing assumes its writer is the only one: hold the output's {@link
 *     OutputLock} while writing.
 */
public final class AppendTable<R> {

  private final FileSystem fs;
  private final Path dir;
  private final RowCodec<R> codec;
  private final WriteGuard guard;
  private final TableLog log;
  private long nextSeq;

  private AppendTable(
      FileSystem fs, Path dir, RowCodec<R> codec, long nextSeq, WriteGuard guard, TableLog log) {
    this.fs = fs;
    this.dir = dir;
    this.codec = codec;
    this.nextSeq = nextSeq;
    this.guard = guard;
    this.log = log;
  }

  /**
   * Opens the table in {@code dir} for appending, creating it when absent: temporary files left by
   * a crash are removed, and an empty table gets one file with no rows, so that readers see its
   * schema before the first append. {@code log} records every file published.
   */
  static <R> AppendTable<R> open(
      FileSystem fs, Path dir, RowCodec<R> codec, WriteGuard guard, TableLog log)
      throws IOException {
    guard.check();
    fs.mkdirs(dir);
    TableFiles.deleteTemporaries(fs, dir);
    List<TableFiles.DataFile> files = TableFiles.dataFiles(fs, dir);
    log.opened(files.stream().map(TableFiles.DataFile::path).toList(), false);
    AppendTable<R> table = new AppendTable<>(fs, dir, codec, TableFiles.nextSeq(files), guard, log);
    if (files.isEmpty()) {
      table.publish(List.of());
    }
    return table;
  }

  /**
   * Appends the rows as one new file, published atomically (nothing for an empty batch).
   *
   * @return the new file, or null for an empty batch
   */
  public synchronized Path append(List<R> rows) throws IOException {
    if (rows.isEmpty()) {
      return null;
    }
    return publish(rows);
  }

  private Path publish(List<R> rows) throws IOException {
    Path file = TableFiles.publish(fs, dir, nextSeq, codec, rows, guard);
    nextSeq++;
    log.published(file, null);
    return file;
  }

  /** Every row of the table, file by file in the order they were appended. */
  public List<R> readAll() throws IOException {
    return readAll(fs, dir, codec);
  }

  /** The table's directory. */
  public Path directory() {
    return dir;
  }

  static <R> List<R> readAll(FileSystem fs, Path dir, RowCodec<R> codec) throws IOException {
    List<R> rows = new ArrayList<>();
    for (TableFiles.DataFile f : TableFiles.dataFiles(fs, dir)) {
      rows.addAll(ParquetFiles.read(fs, f.path(), codec));
    }
    return rows;
  }
}
