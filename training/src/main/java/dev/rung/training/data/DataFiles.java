package dev.rung.training.data;

import java.io.BufferedInputStream;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.zip.GZIPInputStream;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * Opens data files through Hadoop's FileSystem API, so local paths, {@code file:}, {@code hdfs:}
 * and {@code s3a:} URIs all work; {@code classpath:} names a resource. Gzip is detected from the
 * first two bytes, not the file name.
 */
public final class DataFiles {
  /** The prefix of a classpath resource. */
  public static final String CLASSPATH = "classpath:";

  private DataFiles() {}

  /** The Hadoop configuration used for data files (defaults, plus HADOOP_CONF_DIR if set). */
  public static Configuration hadoopConf() {
    return new Configuration();
  }

  /** Opens {@code location}, unzipping it if it is gzip-compressed. */
  public static InputStream open(String location) {
    InputStream raw = openRaw(location);
    try {
      BufferedInputStream in = new BufferedInputStream(raw, 1 << 16);
      in.mark(2);
      int b0 = in.read();
      int b1 = in.read();
      in.reset();
      if (b0 == 0x1f && b1 == 0x8b) {
        return new BufferedInputStream(new GZIPInputStream(in, 1 << 16), 1 << 16);
      }
      return in;
    } catch (IOException e) {
      closeQuietly(raw);
      throw new DataFormatException(location, "cannot read the file's first bytes: " + e, e);
    }
  }

  private static InputStream openRaw(String location) {
    if (location == null || location.isBlank()) {
      throw new IllegalArgumentException("a data file location must be a non-empty path or URI");
    }
    if (location.startsWith(CLASSPATH)) {
      String name = location.substring(CLASSPATH.length());
      InputStream in = DataFiles.class.getClassLoader().getResourceAsStream(name);
      if (in == null) {
        throw new UncheckedIOException(
            new FileNotFoundException(location + ": no such resource on the classpath"));
      }
      return in;
    }
    try {
      Path path = new Path(location);
      FileSystem fs = path.getFileSystem(hadoopConf());
      return fs.open(path);
    } catch (FileNotFoundException e) {
      throw new UncheckedIOException(
          new FileNotFoundException(location + ": the data file does not exist"));
    } catch (IOException e) {
      throw new UncheckedIOException(
          location + ": cannot open the data file: " + e.getMessage(), e);
    }
  }

  private static void closeQuietly(InputStream in) {
    try {
      in.close();
    } catch (IOException ignored) {
      // already failing
    }
  }
}
