package dev.rung.job.trainers;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * {@link CurveTrainer} that, after {@link #AFTER} epochs in this JVM and once the table {@link
 * #RECORDED} holds a data file, makes the table {@link #TABLE} unwritable: its directory is moved
 * aside to {@code <table>.aside} and a plain file takes its name, so that the driver's next write
 * there fails whoever runs the test (a read-only directory would not stop root). Waiting for a
 * record makes the break come after something was written, however far the trainers run ahead of
 * the driver's writes.
 */
public class OutputBreakingTrainer extends CurveTrainer {
  /** The table directory to break, or null for none. */
  public static volatile Path TABLE;

  /** A table that must hold a data file before it breaks, or null to break without waiting. */
  public static volatile Path RECORDED;

  /** Epochs (in all trials) after which it breaks. */
  public static volatile int AFTER = 10;

  private static final AtomicInteger EPOCHS = new AtomicInteger();
  private static final AtomicBoolean BROKEN = new AtomicBoolean();

  /** Whether it broke the table, and how many epochs it counted: for a test's messages. */
  public static String state() {
    return (BROKEN.get() ? "broke " + TABLE : "did not break " + TABLE)
        + " after "
        + EPOCHS.get()
        + " epoch(s) in this JVM";
  }

  /** Forgets the epochs counted, for the next test. */
  public static void reset(Path table, int after) {
    reset(table, after, null);
  }

  /** As {@link #reset(Path, int)}, breaking only once {@code recorded} holds a data file. */
  public static void reset(Path table, int after, Path recorded) {
    TABLE = table;
    RECORDED = recorded;
    AFTER = after;
    EPOCHS.set(0);
    BROKEN.set(false);
  }

  @Override
  public Map<String, Double> trainEpoch(int epoch) {
    Map<String, Double> m = super.trainEpoch(epoch);
    Path table = TABLE;
    if (table != null
        && EPOCHS.incrementAndGet() >= AFTER
        && holdsData(RECORDED)
        && BROKEN.compareAndSet(false, true)) {
      try {
        Files.move(table, table.resolveSibling(table.getFileName() + ".aside"));
        Files.writeString(table, "not a directory");
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return m;
  }

  private static boolean holdsData(Path table) {
    if (table == null) {
      return true;
    }
    try (Stream<Path> files = Files.walk(table)) {
      return files.anyMatch(f -> f.getFileName().toString().endsWith(".parquet"));
    } catch (IOException e) {
      return false;
    }
  }
}
