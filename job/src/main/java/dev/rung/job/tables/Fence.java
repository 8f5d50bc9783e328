package dev.rung.job.tables;

import java.io.IOException;
import java.io.Serializable;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * What an executor checks before it writes a checkpoint for a driver: that the driver's generation
 * of the output lock is still the newest. A driver that stalled past its lock's timeout and was
 * taken over then gets no checkpoint written for it by the segments it had sent.
 *
 * @param lockDirectory the output's lock directory, as a Hadoop path
 * @param generation the driver's lock generation
 */
public record Fence(String lockDirectory, long generation) implements Serializable {
  // Every new Configuration parses Hadoop's default files again when first read: share one.
  private static final Configuration CONF = new Configuration();

  /**
   * Returns normally while {@link #generation} is the newest generation in the lock directory.
   *
   * @throws LockLostException when a newer generation exists or the driver's own is gone
   */
  public void check() {
    Path dir = new Path(lockDirectory);
    try {
      FileSystem fs = TableFiles.raw(dir.getFileSystem(CONF));
      LockFiles files = new LockFiles(fs, dir);
      long newest = files.scan().newest();
      if (newest != generation || !fs.exists(files.generation(generation))) {
        throw new LockLostException(
            "the driver's lock of "
                + dir.getParent()
                + " (generation "
                + generation
                + ") was taken over (newest generation "
                + newest
                + "): nothing more is written for it");
      }
    } catch (IOException e) {
      throw new LockLostException(
          "cannot check the driver's lock in " + dir + ": " + e.getMessage());
    }
  }
}
