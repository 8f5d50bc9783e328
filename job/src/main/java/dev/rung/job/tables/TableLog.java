package dev.rung.job.tables;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import org.apache.hadoop.fs.Path;
import org.apache.parquet.schema.MessageType;

/**
 * Where a table's files are recorded besides its directory: nowhere for plain Parquet tables
 * ({@link #NONE}), a table's transaction log for Delta tables ({@link DeltaTableLog}). A table
 * calls it once when opened for writing and after each file it publishes.
 */
public interface TableLog {

  /** Plain Parquet: the directory is the table; a replaced snapshot is deleted at once. */
  TableLog NONE =
      new TableLog() {
        @Override
        public void opened(List<Path> files, boolean snapshot) {}

        @Override
        public void published(Path added, Path replaced) {}

        @Override
        public Duration keepReplaced() {
          return Duration.ZERO;
        }
      };

  /**
   * Makes the log agree with the table's directory as the table was opened: {@code files} are its
   * data files, oldest first (for a snapshot table, the one snapshot kept). Files a crash left
   * published but not recorded are recorded now.
   *
   * @param snapshot whether the table is one snapshot replaced as a whole (the trials)
   */
  void opened(List<Path> files, boolean snapshot) throws IOException;

  /** Records {@code added}, just published, replacing {@code replaced} when that is not null. */
  void published(Path added, Path replaced) throws IOException;

  /**
   * How long a replaced snapshot stays on disk for readers of the table as it was before: zero
   * deletes it as soon as it is replaced.
   */
  Duration keepReplaced();

  /** The log of each table of one run. */
  interface Factory {

    /** Plain Parquet tables. */
    Factory NONE = (table, dir, schema) -> TableLog.NONE;

    /**
     * The log of {@code table}, whose files for this run lie in {@code dir} and are written with
     * {@code schema}.
     */
    TableLog of(String table, Path dir, MessageType schema) throws IOException;
  }
}
