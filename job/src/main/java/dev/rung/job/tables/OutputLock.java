package dev.rung.job.tables;

import dev.rung.training.checkpoint.HadoopFiles;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RawLocalFileSystem;

/**
 * The exclusive right of one driver to write an output location.
 *
 * <p>The lock lives in {@code <output>/_lock/} as numbered generations. Taking the lock means
 * creating the file {@code gen-<n>} for the next number {@code n} with create-if-absent semantics,
 * so that of several drivers racing for the same number exactly one succeeds; the file holds the
 * owner (id, host, pid, start time). While held, a background thread writes a heartbeat file {@code
 * gen-<n>.beat-<epoch millis>} every few seconds and removes the previous one. Closing writes
 * {@code gen-<n>.released}.
 *
 * <p>A driver that finds the newest generation neither released nor stale (last heartbeat younger
 * than {@code staleAfter}) is refused with an {@link OutputLockedException} naming the holder. A
 * stale generation is taken over by claiming the next number; a claimer that then sees a higher
 * number than its own backs off, and a holder whose heartbeat finds a higher number knows it lost
 * the lock ({@link #isHeld()} turns false).
 *
 * @apiNote Exclusivity rests on atomic create-if-absent: true on local file systems and HDFS. On
 *     object stores without conditional writes (S3A in Hadoop 3.3) two drivers starting within
 *     milliseconds of each other could both succeed; run one driver per output there. Heartbeat
 *     times come from the holder's clock: {@code staleAfter} must exceed the clock skew between
 *     driver hosts.
 */
public final class OutputLock implements AutoCloseable {

  private static final System.Logger LOG = System.getLogger(OutputLock.class.getName());
  static final String DIRECTORY = "_lock";
  private static final int MAX_CLAIMS = 8;

  private final FileSystem fs;
  private final Path output;
  private final LockFiles files;
  private final long generation;
  private final LockOwner owner;
  private final Clock clock;
  private final ScheduledExecutorService heartbeat;
  private final long confirmEveryMillis;
  private Path lastBeat;
  private volatile long lastConfirmed;
  private volatile boolean held = true;
  private volatile boolean paused;

  private OutputLock(
      FileSystem fs,
      Path output,
      LockFiles files,
      long generation,
      LockOwner owner,
      Clock clock,
      Duration interval) {
    this.fs = fs;
    this.output = output;
    this.files = files;
    this.generation = generation;
    this.owner = owner;
    this.clock = clock;
    this.confirmEveryMillis = Math.max(1, 2 * interval.toMillis());
    this.lastConfirmed = clock.millis();
    this.heartbeat =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "rung-output-lock-heartbeat");
              t.setDaemon(true);
              return t;
            });
    long millis = interval.toMillis();
    heartbeat.scheduleWithFixedDelay(this::beat, millis, millis, TimeUnit.MILLISECONDS);
  }

  /**
   * Takes the lock of {@code output} for {@code owner}.
   *
   * @param staleAfter how old the holder's last heartbeat must be for its lock to be taken over;
   *     heartbeats are written every {@code staleAfter / 4}, at most every 5 seconds
   * @throws OutputLockedException when another driver holds a lock that is not stale
   */
  public static OutputLock acquire(FileSystem fs, Path output, String owner, Duration staleAfter)
      throws IOException {
    return acquire(fs, output, owner, staleAfter, Clock.systemUTC());
  }

  /**
   * Whether the holder is a driver process of this host that no longer runs (killed or crashed):
   * its lock need not wait to go stale. A pid now used by a process started after the lock was
   * taken counts as dead too.
   */
  static boolean deadOnThisHost(LockOwner holder) {
    if (holder == null
        || holder.pid() <= 0
        || holder.pid() == ProcessHandle.current().pid()
        || !holder.host().equals(LockOwner.hostName())) {
      return false;
    }
    var process = ProcessHandle.of(holder.pid());
    if (process.isEmpty() || !process.get().isAlive()) {
      return true;
    }
    var started = process.get().info().startInstant();
    return started.isPresent() && started.get().isAfter(holder.started());
  }

  static OutputLock acquire(
      FileSystem fs, Path output, String owner, Duration staleAfter, Clock clock)
      throws IOException {
    Objects.requireNonNull(owner, "owner");
    if (staleAfter == null || staleAfter.isNegative() || staleAfter.isZero()) {
      throw new IllegalArgumentException(
          "staleAfter is " + staleAfter + ": it must be a positive duration");
    }
    FileSystem raw = TableFiles.raw(fs);
    LockFiles files = new LockFiles(raw, new Path(output, DIRECTORY));
    raw.mkdirs(files.dir());
    for (int attempt = 0; attempt < MAX_CLAIMS; attempt++) {
      LockFiles.Scan scan = files.scan();
      long newest = scan.newest();
      if (newest > 0 && !scan.released(newest)) {
        LockOwner holder = files.owner(newest);
        Instant last =
            scan.lastBeat(newest, holder, holder == null ? files.modified(newest) : null);
        Duration age = Duration.between(last, clock.instant());
        if (age.compareTo(staleAfter) < 0 && !deadOnThisHost(holder)) {
          throw new OutputLockedException(output.toString(), holder, age, staleAfter);
        }
        LOG.log(
            System.Logger.Level.WARNING,
            "taking over the lock of output {0} from {1}: last heartbeat {2} s ago, or its"
                + " process is gone",
            output,
            holder == null ? "an unknown owner" : holder.describe(),
            Long.toString(age.toSeconds()));
      }
      long claim = newest + 1;
      LockOwner me = LockOwner.current(owner, clock.instant());
      if (!createExclusive(raw, files.generation(claim), me.encode())) {
        continue; // another driver claimed this number first: look again
      }
      if (files.scan().newest() > claim) {
        raw.delete(files.generation(claim), false);
        continue; // a later claim exists: it wins
      }
      OutputLock lock =
          new OutputLock(raw, output, files, claim, me, clock, heartbeatInterval(staleAfter));
      try {
        lock.writeBeat();
        files.deleteGenerationsBefore(claim);
      } catch (IOException | RuntimeException e) {
        try {
          lock.close();
        } catch (IOException suppressed) {
          e.addSuppressed(suppressed);
        }
        throw e;
      }
      return lock;
    }
    throw new IOException(
        "could not take the lock of output "
            + output
            + " after "
            + MAX_CLAIMS
            + " attempts: other drivers keep claiming it");
  }

  static Duration heartbeatInterval(Duration staleAfter) {
    long millis = Math.max(50, Math.min(5_000, staleAfter.toMillis() / 4));
    return Duration.ofMillis(millis);
  }

  /**
   * Creates {@code path} with {@code content} unless it exists; returns whether this call created
   * it. Atomic on the local file system (O_EXCL) and on HDFS.
   */
  static boolean createExclusive(FileSystem fs, Path path, String content) throws IOException {
    byte[] bytes = content.getBytes(StandardCharsets.UTF_8);
    if (fs instanceof RawLocalFileSystem local) {
      try {
        Files.write(
            local.pathToFile(path).toPath(),
            bytes,
            StandardOpenOption.CREATE_NEW,
            StandardOpenOption.WRITE);
        return true;
      } catch (FileAlreadyExistsException e) {
        return false;
      }
    }
    try (FSDataOutputStream out = fs.create(path, false)) {
      out.write(bytes);
      return true;
    } catch (IOException e) {
      if (fs.exists(path)) {
        return false; // created by someone else (FileAlreadyExists, or being created on HDFS)
      }
      throw e;
    }
  }

  /** Whether this driver still holds the lock (false once closed or taken over). */
  public boolean isHeld() {
    return held;
  }

  /** The output location this lock is for. */
  public Path output() {
    return output;
  }

  /** The owner recorded in the lock. */
  public LockOwner owner() {
    return owner;
  }

  /** Throws unless the lock is still held: call before writing to the output. */
  public void checkHeld() {
    if (!held) {
      throw new IllegalStateException(
          "the lock of output " + output + " is no longer held by " + owner.describe());
    }
  }

  /**
   * Returns normally when this driver can prove that it still holds the lock: the last heartbeat
   * that found its generation newest is recent (within two heartbeat intervals, far inside the
   * timeout after which another driver may take over), or a check made now finds it so. Call it
   * right before every write to the output.
   *
   * <p>A driver frozen (SIGSTOP, a long pause) past the timeout finds on waking that its last
   * confirmation is old, looks again, and learns that it was taken over: it then writes nothing.
   * What cannot be fenced is a write that had passed this check when the process froze.
   *
   * @throws LockLostException when the lock is lost or cannot be confirmed
   */
  public void verify() {
    if (!held) {
      throw lost("it was taken over or released earlier");
    }
    if (clock.millis() - lastConfirmed <= confirmEveryMillis) {
      return;
    }
    synchronized (this) {
      if (!held) {
        throw lost("it was taken over");
      }
      try {
        if (!stillNewest()) {
          markLost();
          throw lost("another driver took it over while this one was not running");
        }
        lastConfirmed = clock.millis();
        writeBeat();
      } catch (IOException e) {
        throw lost("it cannot be confirmed: " + e.getMessage());
      }
    }
  }

  /** What executors check before they write for this driver. */
  public Fence fence() {
    return new Fence(fs.makeQualified(files.dir()).toString(), generation);
  }

  private LockLostException lost(String why) {
    return new LockLostException(
        "lost the lock of output " + output + " (" + owner.describe() + "): " + why);
  }

  private boolean stillNewest() throws IOException {
    return files.scan().newest() == generation && fs.exists(files.generation(generation));
  }

  private void markLost() {
    held = false;
    heartbeat.shutdown();
  }

  /** Releases the lock: stops the heartbeat and marks the generation released. */
  @Override
  public synchronized void close() throws IOException {
    heartbeat.shutdownNow();
    if (!held) {
      return;
    }
    held = false;
    if (files.scan().newest() == generation) {
      createExclusive(fs, files.released(generation), "");
    }
    if (lastBeat != null) {
      fs.delete(lastBeat, false);
    }
  }

  private synchronized void beat() {
    if (!held || paused) {
      return;
    }
    try {
      long newest = files.scan().newest();
      if (newest != generation || !fs.exists(files.generation(generation))) {
        markLost();
        LOG.log(
            System.Logger.Level.ERROR,
            "lost the lock of output {0}: another driver took it over (generation {1} after"
                + " ours {2})",
            output,
            newest,
            generation);
        return;
      }
      lastConfirmed = clock.millis();
      writeBeat();
    } catch (IOException | RuntimeException e) {
      LOG.log(System.Logger.Level.WARNING, "heartbeat of the lock of output " + output, e);
    }
  }

  private synchronized void writeBeat() throws IOException {
    Path beat = files.beat(generation, clock.instant().toEpochMilli());
    if (beat.equals(lastBeat)) {
      return;
    }
    HadoopFiles.create(fs, beat, true).close();
    Path previous = lastBeat;
    lastBeat = beat;
    if (previous != null) {
      fs.delete(previous, false);
    }
  }

  /** Stops heartbeats as a stalled driver would (tests). */
  void pauseHeartbeat(boolean pause) {
    paused = pause;
  }

  /** Runs one heartbeat now (tests). */
  void beatNow() {
    beat();
  }

  static String read(FileSystem fs, Path path) throws IOException {
    try (InputStream in = fs.open(path)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}
