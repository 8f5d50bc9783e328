package dev.rung.training.checkpoint;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.UUID;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * Writes and reads whole files through Hadoop's FileSystem API (local paths, {@code hdfs:}, {@code
 * s3a:} alike). A write goes to a hidden temporary file in the same directory, which is then
 * renamed over the target, so readers see the old file or the new one, never half of one.
 */
public final class HadoopFiles {
  private HadoopFiles() {}

  /** Writes {@code location} atomically with what {@code writer} puts into the stream. */
  public static void writeAtomically(String location, IoConsumer<OutputStream> writer) {
    Path target = new Path(location);
    Path tmp = new Path(target.getParent(), "." + target.getName() + ".tmp-" + UUID.randomUUID());
    FileSystem fs = fileSystem(target);
    try {
      try (OutputStream out = fs.create(tmp, true)) {
        writer.accept(out);
      }
      if (!fs.rename(tmp, target)) {
        // Most file systems refuse to rename over an existing file.
        fs.delete(target, false);
        if (!fs.rename(tmp, target)) {
          throw new IOException("cannot rename " + tmp + " to " + target);
        }
      }
    } catch (IOException e) {
      deleteQuietly(fs, tmp);
      throw new UncheckedIOException(location + ": cannot write: " + e.getMessage(), e);
    } catch (RuntimeException e) {
      deleteQuietly(fs, tmp);
      throw e;
    }
  }

  /** Opens {@code location}; a missing file fails naming it. */
  public static InputStream open(String location) {
    Path path = new Path(location);
    try {
      return fileSystem(path).open(path);
    } catch (FileNotFoundException e) {
      throw new UncheckedIOException(new FileNotFoundException(location + ": no such file"));
    } catch (IOException e) {
      throw new UncheckedIOException(location + ": cannot open: " + e.getMessage(), e);
    }
  }

  /** Creates (or replaces) {@code location} and its missing parent directories. */
  public static OutputStream create(String location) {
    Path path = new Path(location);
    try {
      return fileSystem(path).create(path, true);
    } catch (IOException e) {
      throw new UncheckedIOException(location + ": cannot create: " + e.getMessage(), e);
    }
  }

  /** Whether {@code location} exists. */
  public static boolean exists(String location) {
    Path path = new Path(location);
    try {
      return fileSystem(path).exists(path);
    } catch (IOException e) {
      throw new UncheckedIOException(location + ": cannot check: " + e.getMessage(), e);
    }
  }

  /** {@code dir} and {@code name} joined as a location. */
  public static String child(String dir, String name) {
    return new Path(new Path(dir), name).toString();
  }

  private static FileSystem fileSystem(Path path) {
    try {
      return path.getFileSystem(new Configuration());
    } catch (IOException e) {
      throw new UncheckedIOException(path + ": no file system for it: " + e.getMessage(), e);
    }
  }

  private static void deleteQuietly(FileSystem fs, Path p) {
    try {
      fs.delete(p, false);
    } catch (IOException ignored) {
      // the write already failed; the temporary file is hidden and harmless
    }
  }

  /** A consumer that may throw IOException. */
  @FunctionalInterface
  public interface IoConsumer<T> {
    void accept(T t) throws IOException;
  }
}
