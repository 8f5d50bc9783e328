package dev.rung.training.data;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * The data files of a Parquet location: the file itself, or every data file under a directory as
 * Spark writes one ({@code df.write.parquet(dir)}, {@code saveAsTable}), in the order of their
 * paths, so the same data always gives the same rows in the same order.
 *
 * <p>Names starting with {@code _} or {@code .} ({@code _SUCCESS}, {@code .crc} checksums, {@code
 * _temporary}) are skipped, as Spark skips them. Subdirectories must be Hive-style partitions,
 * {@code column=value} (values %-escaped as Hive and Spark write them); each file then carries the
 * partition values of its directories, and every file must sit under the same partition columns.
 */
final class ParquetParts {
  /** Hive's name for a null partition value. */
  static final String NULL_PARTITION = "__HIVE_DEFAULT_PARTITION__";

  private ParquetParts() {}

  /**
   * One data file.
   *
   * @param file the file's full path
   * @param partition the partition columns of its directories and their values (a null value for
   *     Hive's null partition), outermost first
   */
  record Part(String file, Map<String, String> partition) {}

  /** The data files of {@code location}, a Parquet file or a directory of them. */
  static List<Part> list(String location) {
    Path root = new Path(location);
    List<Part> parts = new ArrayList<>();
    try {
      FileSystem fs = root.getFileSystem(DataFiles.hadoopConf());
      FileStatus status = fs.getFileStatus(root);
      if (!status.isDirectory()) {
        return List.of(new Part(location, Map.of()));
      }
      collect(fs, location, status.getPath(), new LinkedHashMap<>(), parts);
    } catch (FileNotFoundException e) {
      throw new UncheckedIOException(
          new FileNotFoundException(location + ": the data file or directory does not exist"));
    } catch (IOException e) {
      throw new UncheckedIOException(
          location + ": cannot list the data directory: " + e.getMessage(), e);
    }
    if (parts.isEmpty()) {
      throw new DataFormatException(
          location,
          "the directory holds no Parquet data files (names starting with _ or . such as"
              + " _SUCCESS and .crc files are not data)");
    }
    parts.sort(Comparator.comparing(Part::file));
    List<String> columns = List.copyOf(parts.get(0).partition().keySet());
    for (Part p : parts) {
      if (!List.copyOf(p.partition().keySet()).equals(columns)) {
        throw new DataFormatException(
            location,
            "its files are not all under the same partition columns: "
                + p.file()
                + " is under "
                + p.partition().keySet()
                + " but "
                + parts.get(0).file()
                + " under "
                + columns);
      }
    }
    return List.copyOf(parts);
  }

  private static void collect(
      FileSystem fs, String location, Path dir, Map<String, String> partition, List<Part> parts)
      throws IOException {
    for (FileStatus child : fs.listStatus(dir)) {
      String name = child.getPath().getName();
      if (hidden(name)) {
        continue;
      }
      if (!child.isDirectory()) {
        parts.add(new Part(child.getPath().toString(), partition));
        continue;
      }
      int eq = name.indexOf('=');
      if (eq <= 0) {
        throw new DataFormatException(
            location,
            "holds the directory '"
                + name
                + "', which is not a partition directory (column=value): a Parquet data directory"
                + " holds data files and, when partitioned, column=value directories");
      }
      String column = unescape(name.substring(0, eq));
      if (partition.containsKey(column)) {
        throw new DataFormatException(
            location, "partition column '" + column + "' appears twice in " + child.getPath());
      }
      String value = unescape(name.substring(eq + 1));
      Map<String, String> inner = new LinkedHashMap<>(partition);
      inner.put(column, value.equals(NULL_PARTITION) ? null : value);
      collect(fs, location, child.getPath(), inner, parts);
    }
  }

  /** As Spark decides which names are not data: hidden, metadata and files being copied. */
  private static boolean hidden(String name) {
    return (name.startsWith("_") && !name.contains("="))
        || name.startsWith(".")
        || name.endsWith(".crc")
        || name.endsWith("._COPYING_");
  }

  /** Undoes the %XX escapes with which Hive and Spark write partition directory names. */
  static String unescape(String name) {
    StringBuilder out = new StringBuilder(name.length());
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      if (c == '%' && i + 2 < name.length()) {
        int hi = Character.digit(name.charAt(i + 1), 16);
        int lo = Character.digit(name.charAt(i + 2), 16);
        if (hi >= 0 && lo >= 0) {
          out.append((char) (hi * 16 + lo));
          i += 2;
          continue;
        }
      }
      out.append(c);
    }
    return out.toString();
  }
}
