package dev.rung.training.checkpoint;

import java.io.BufferedOutputStream;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.StandardOpenOption;
import java.util.UUID;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocalFileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RawLocalFileSystem;

/**
 * Writes and reads whole files through Hadoop's FileSystem API (local paths, {@code hdfs:}, {@code
 * s3a:} alike). A write goes to a hidden temporary file in the same directory, which is then
 * renamed over the target, so readers see the old file or the new one, never half of one.
 *
 * <p>Local files are written with {@code java.nio}, not through Hadoop's local file system: without
 * Hadoop's native library that sets the permissions of every file it creates (and of its {@code
 * .crc} side file) and of every directory by running {@code chmod}, a process started for each.
 * They get no {@code .crc} side file; the checkpoints are zips, which carry a CRC of each entry.
 */
public final class HadoopFiles {
  // Every new Configuration parses Hadoop's default files again when first read: share one.
  private static final Configuration CONF = new Configuration();

  private HadoopFiles() {}

  /** Writes {@code location} atomically with what {@code writer} puts into the stream. */
  public static void writeAtomically(String location, IoConsumer<OutputStream> writer) {
    Path target = new Path(location);
    Path tmp = new Path(target.getParent(), "." + target.getName() + ".tmp-" + UUID.randomUUID());
    FileSystem fs = fileSystem(target);
    try {
      try (OutputStream out = create(fs, tmp, true)) {
        writer.accept(out);
      }
      if (!fs.rename(tmp, target)) {
        // Most file systems refuse to rename over an existing file.
        fs.delete(target, false);
        if (!fs.rename(tmp, target)) {
          throw new IOException("cannot rename " + tmp + " to " + target);
        }
      }
      deleteStaleChecksum(fs, target);
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
    FileSystem fs = fileSystem(path);
    try {
      deleteStaleChecksum(fs, path);
      return create(fs, path, true);
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
      FileSystem fs = path.getFileSystem(CONF);
      return fs instanceof LocalFileSystem local ? local.getRawFileSystem() : fs;
    } catch (IOException e) {
      throw new UncheckedIOException(path + ": no file system for it: " + e.getMessage(), e);
    }
  }

  /**
   * Creates {@code path} on {@code fs} with its missing parent directories, as {@link
   * FileSystem#create(Path, boolean)} does, but on Hadoop's raw local file system through {@code
   * java.nio}, which starts no {@code chmod} process: the file and directories get the permissions
   * of the process's umask.
   *
   * @throws org.apache.hadoop.fs.FileAlreadyExistsException when {@code path} exists and {@code
   *     overwrite} is false
   */
  public static FSDataOutputStream create(FileSystem fs, Path path, boolean overwrite)
      throws IOException {
    if (!(fs instanceof RawLocalFileSystem local)) {
      return fs.create(path, overwrite);
    }
    java.nio.file.Path file = local.pathToFile(path).toPath();
    if (file.getParent() != null) {
      Files.createDirectories(file.getParent());
    }
    OutputStream out;
    try {
      out =
          overwrite
              ? Files.newOutputStream(file)
              : Files.newOutputStream(
                  file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
    } catch (FileAlreadyExistsException e) {
      throw new org.apache.hadoop.fs.FileAlreadyExistsException("File already exists: " + path);
    }
    return new FSDataOutputStream(new BufferedOutputStream(out, 64 * 1024), null);
  }

  /**
   * Removes the {@code .crc} side file that an earlier version, writing through the checksummed
   * view, left beside a local {@code file}: it would no longer match the new contents.
   */
  private static void deleteStaleChecksum(FileSystem fs, Path file) throws IOException {
    if (fs instanceof RawLocalFileSystem local && file.getParent() != null) {
      Files.deleteIfExists(
          local.pathToFile(new Path(file.getParent(), "." + file.getName() + ".crc")).toPath());
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
