package dev.rung.job.tables;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.hadoop.fs.ChecksumFileSystem;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * The files of one table directory and how they are published.
 *
 * <p>A data file is named {@code part-<seq>-<uuid>.parquet}, with a sequence number that grows with
 * every file the table gets. It is first written under a hidden name, {@code
 * .part-<seq>-<uuid>.inprogress}, which every Parquet reader skips (Spark and pyarrow skip names
 * starting with {@code .} or {@code _}; a {@code *.parquet} glob, as DuckDB users write, does not
 * match it), and renamed once complete, so readers never see a partial file.
 */
final class TableFiles {

  private static final Pattern DATA = Pattern.compile("part-(\\d+)-([0-9A-Za-z-]+)\\.parquet");
  private static final String TEMP_PREFIX = ".part-";
  private static final String TEMP_SUFFIX = ".inprogress";

  private TableFiles() {}

  /** A published data file with its sequence number. */
  record DataFile(Path path, long seq) {}

  /**
   * The file system to write tables with: a checksummed local file system is unwrapped to its raw
   * one, so that no {@code .crc} side files clutter the tables users open with pandas or DuckDB.
   */
  static FileSystem raw(FileSystem fs) {
    return fs instanceof ChecksumFileSystem c ? c.getRawFileSystem() : fs;
  }

  /** The published data files of {@code dir}, by sequence number; temporary files are skipped. */
  static List<DataFile> dataFiles(FileSystem fs, Path dir) throws IOException {
    FileStatus[] statuses;
    try {
      statuses = fs.listStatus(dir);
    } catch (FileNotFoundException e) {
      throw new FileNotFoundException("table directory " + dir + " does not exist");
    }
    List<DataFile> files = new ArrayList<>();
    for (FileStatus s : statuses) {
      Matcher m = DATA.matcher(s.getPath().getName());
      if (s.isFile() && m.matches()) {
        files.add(new DataFile(s.getPath(), Long.parseLong(m.group(1))));
      }
    }
    files.sort(Comparator.comparingLong(DataFile::seq).thenComparing(f -> f.path().getName()));
    return files;
  }

  /** Deletes the temporary files a crashed writer left in {@code dir}; returns how many. */
  static int deleteTemporaries(FileSystem fs, Path dir) throws IOException {
    int deleted = 0;
    for (FileStatus s : fs.listStatus(dir)) {
      String name = s.getPath().getName();
      if (s.isFile() && isTemporary(name) && fs.delete(s.getPath(), false)) {
        deleted++;
      }
    }
    return deleted;
  }

  static boolean isTemporary(String name) {
    return name.startsWith(TEMP_PREFIX) && name.endsWith(TEMP_SUFFIX);
  }

  /**
   * The sequence numbers missing below the newest file of an append-only table: a table's files are
   * numbered 0, 1, 2, ... as they are published, so a gap is a file that was removed.
   */
  static List<Long> missing(List<DataFile> files) {
    List<Long> gaps = new ArrayList<>();
    long expected = 0;
    for (DataFile f : files) {
      for (long s = expected; s < f.seq() && gaps.size() < 100; s++) {
        gaps.add(s);
      }
      expected = Math.max(expected, f.seq() + 1);
    }
    return gaps;
  }

  /** The next sequence number after the files of {@code dir}. */
  static long nextSeq(List<DataFile> files) {
    return files.isEmpty() ? 0 : files.get(files.size() - 1).seq() + 1;
  }

  /**
   * Writes {@code rows} as data file number {@code seq} of {@code dir}: under a temporary name
   * first, then renamed. On failure the temporary file is removed and nothing is published.
   */
  static <R> Path publish(
      FileSystem fs, Path dir, long seq, RowCodec<R> codec, List<R> rows, WriteGuard guard)
      throws IOException {
    String base = String.format("part-%08d-%s", seq, UUID.randomUUID());
    Path temp = new Path(dir, "." + base + TEMP_SUFFIX);
    Path target = new Path(dir, base + ".parquet");
    try {
      ParquetFiles.write(fs, temp, codec, rows);
      guard.check();
      if (!fs.rename(temp, target)) {
        throw new IOException("could not rename " + temp + " to " + target);
      }
    } catch (IOException | RuntimeException e) {
      try {
        fs.delete(temp, false);
      } catch (IOException suppressed) {
        e.addSuppressed(suppressed);
      }
      throw e;
    }
    return target;
  }
}
