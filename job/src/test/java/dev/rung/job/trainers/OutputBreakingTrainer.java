package dev.rung.job.trainers;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * {@link CurveTrainer} that, after {@link #AFTER} epochs in this JVM, makes the table {@link
 * #TABLE} unwritable: its directory is moved aside to {@code <table>.aside} and a plain file takes
 * its name, so that the driver's next write there fails whoever runs the test (a read-only
 * directory would not stop root).
 */
public class OutputBreakingTrainer extends CurveTrainer {
  /** The table directory to break, or null for none. */
  public static volatile Path TABLE;

  /** Epochs (in all trials) after which it breaks. */
  public static volatile int AFTER = 10;

  private static final AtomicInteger EPOCHS = new AtomicInteger();

  /** Forgets the epochs counted, for the next test. */
  public static void reset(Path table, int after) {
    TABLE = table;
    AFTER = after;
    EPOCHS.set(0);
  }

  @Override
  public Map<String, Double> trainEpoch(int epoch) {
    Map<String, Double> m = super.trainEpoch(epoch);
    Path table = TABLE;
    if (table != null && EPOCHS.incrementAndGet() == AFTER) {
      try {
        Files.move(table, table.resolveSibling(table.getFileName() + ".aside"));
        Files.writeString(table, "not a directory");
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return m;
  }
}
