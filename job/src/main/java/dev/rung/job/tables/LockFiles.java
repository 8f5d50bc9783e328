package dev.rung.job.tables;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/** The files of an output lock directory: generations, heartbeats and release markers. */
record LockFiles(FileSystem fs, Path dir) {

  private static final Pattern NAME =
      Pattern.compile("gen-(\\d+)(?:\\.beat-(\\d+)|\\.(released))?");

  /** What one listing of the directory shows. */
  record Scan(long newest, Map<Long, Long> latestBeat, Set<Long> releasedGenerations) {

    boolean released(long generation) {
      return releasedGenerations.contains(generation);
    }

    /**
     * The last sign of life of a generation: its latest heartbeat, or its start; the file's
     * modification time only when the owner could not be read (its file is being written).
     */
    Instant lastBeat(long generation, LockOwner owner, Instant modified) {
      long last = owner == null ? modified.toEpochMilli() : owner.started().toEpochMilli();
      Long beat = latestBeat.get(generation);
      if (beat != null) {
        last = Math.max(last, beat);
      }
      return Instant.ofEpochMilli(last);
    }
  }

  Path generation(long n) {
    return new Path(dir, String.format("gen-%010d", n));
  }

  Path beat(long n, long epochMillis) {
    return new Path(dir, String.format("gen-%010d.beat-%d", n, epochMillis));
  }

  Path released(long n) {
    return new Path(dir, String.format("gen-%010d.released", n));
  }

  Scan scan() throws IOException {
    long newest = 0;
    Map<Long, Long> beats = new HashMap<>();
    Set<Long> released = new HashSet<>();
    for (FileStatus s : list()) {
      Matcher m = NAME.matcher(s.getPath().getName());
      if (!m.matches()) {
        continue;
      }
      long n = Long.parseLong(m.group(1));
      if (m.group(2) != null) {
        beats.merge(n, Long.parseLong(m.group(2)), Math::max);
      } else if (m.group(3) != null) {
        released.add(n);
      } else {
        newest = Math.max(newest, n);
      }
    }
    return new Scan(newest, beats, released);
  }

  /** The owner written in generation {@code n}, or null when unreadable (still being written). */
  LockOwner owner(long n) throws IOException {
    try {
      return LockOwner.decode(OutputLock.read(fs, generation(n)));
    } catch (FileNotFoundException e) {
      return null;
    }
  }

  /** When generation {@code n}'s file was last modified (now when it vanished meanwhile). */
  Instant modified(long n) throws IOException {
    try {
      return Instant.ofEpochMilli(fs.getFileStatus(generation(n)).getModificationTime());
    } catch (FileNotFoundException e) {
      return Instant.now();
    }
  }

  /** Removes every file of generations older than {@code n}. */
  void deleteGenerationsBefore(long n) throws IOException {
    for (FileStatus s : list()) {
      Matcher m = NAME.matcher(s.getPath().getName());
      if (m.matches() && Long.parseLong(m.group(1)) < n) {
        fs.delete(s.getPath(), false);
      }
    }
  }

  private FileStatus[] list() throws IOException {
    try {
      return fs.listStatus(dir);
    } catch (FileNotFoundException e) {
      return new FileStatus[0];
    }
  }
}
