package dev.rung.job.tables;

import java.io.IOException;
import java.util.ArrayDeque;
import java.util.Collection;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * The trials table: one row per trial, rewritten as a whole snapshot because rows change while
 * trials run, pause and finish.
 *
 * <p>A {@link #write} publishes the new snapshot as a new file (temporary name, then rename) and
 * then deletes the previous one. Between the rename and the delete - a single file-system call - a
 * reader listing the directory can see both snapshots, with every trial twice; the driver's own
 * readers ({@link Tables#readTrials}, {@link TableCatalog}) read the newest snapshot only. A crash
 * in that window leaves both files; the next {@link #open} keeps the newest and removes the others.
 * Delta tables keep a replaced snapshot a while for readers of the version before ({@link
 * TableLog#keepReplaced}); their readers read the log, not the directory.
 *
 * @apiNote A table opened for writing assumes its writer is the only one: hold the output's {@link
 *     OutputLock} while writing.
 */
public final class TrialsTable {

  private final FileSystem fs;
  private final Path dir;
  private final TrialCodec codec;
  private final WriteGuard guard;
  private final TableLog log;
  private final Deque<Replaced> replaced = new ArrayDeque<>();
  private long nextSeq;
  private Path current;

  /** A snapshot replaced at {@code nanos} ({@link System#nanoTime}), kept for earlier readers. */
  private record Replaced(Path file, long nanos) {}

  private TrialsTable(
      FileSystem fs,
      Path dir,
      TrialCodec codec,
      long nextSeq,
      Path current,
      WriteGuard guard,
      TableLog log) {
    this.fs = fs;
    this.dir = dir;
    this.codec = codec;
    this.nextSeq = nextSeq;
    this.current = current;
    this.guard = guard;
    this.log = log;
  }

  /**
   * Opens the table in {@code dir} for writing, creating it when absent: temporary files are
   * removed, of several snapshots only the newest is kept, and an empty table gets an empty
   * snapshot. {@code log} records every snapshot and which it replaced.
   */
  static TrialsTable open(FileSystem fs, Path dir, TrialCodec codec, WriteGuard guard, TableLog log)
      throws IOException {
    guard.check();
    fs.mkdirs(dir);
    TableFiles.deleteTemporaries(fs, dir);
    List<TableFiles.DataFile> files = TableFiles.dataFiles(fs, dir);
    for (int i = 0; i < files.size() - 1; i++) {
      fs.delete(files.get(i).path(), false);
    }
    Path newest = files.isEmpty() ? null : files.get(files.size() - 1).path();
    log.opened(newest == null ? List.of() : List.of(newest), true);
    TrialsTable table =
        new TrialsTable(fs, dir, codec, TableFiles.nextSeq(files), newest, guard, log);
    if (newest == null) {
      table.write(List.of());
    }
    return table;
  }

  /**
   * Replaces the table with {@code rows}: one row per (study, trial number).
   *
   * @return the new snapshot file
   */
  public synchronized Path write(Collection<TrialRow> rows) throws IOException {
    Set<String> seen = new HashSet<>();
    for (TrialRow r : rows) {
      if (!seen.add(r.study() + "\u0000" + r.number())) {
        throw new IllegalArgumentException(
            "trial " + r.number() + " of study " + r.study() + " appears twice in the snapshot");
      }
      codec.encodeParams(r);
    }
    Path file = TableFiles.publish(fs, dir, nextSeq, codec, List.copyOf(rows), guard);
    nextSeq++;
    Path previous = current;
    current = file;
    log.published(file, previous);
    if (previous != null) {
      replaced.add(new Replaced(previous, System.nanoTime()));
    }
    long keep = log.keepReplaced().toNanos();
    while (!replaced.isEmpty() && System.nanoTime() - replaced.peek().nanos() >= keep) {
      Path old = replaced.poll().file();
      if (!fs.delete(old, false) && fs.exists(old)) {
        throw new IOException("could not delete the previous trials snapshot " + old);
      }
    }
    return file;
  }

  /** The rows of the newest snapshot. */
  public List<TrialRow> read() throws IOException {
    return read(fs, dir, codec);
  }

  /** The table's directory. */
  public Path directory() {
    return dir;
  }

  /** The rows of the newest snapshot in {@code dir}. */
  static List<TrialRow> read(FileSystem fs, Path dir, TrialCodec codec) throws IOException {
    Path newest = newestSnapshot(fs, dir);
    return newest == null ? List.of() : ParquetFiles.read(fs, newest, codec);
  }

  /** The newest snapshot file of {@code dir}, or null when it has none. */
  static Path newestSnapshot(FileSystem fs, Path dir) throws IOException {
    List<TableFiles.DataFile> files = TableFiles.dataFiles(fs, dir);
    return files.isEmpty() ? null : files.get(files.size() - 1).path();
  }
}
