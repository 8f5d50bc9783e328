package dev.rung.training.trainer;

import dev.rung.training.api.Trainer;
import dev.rung.training.checkpoint.CheckpointException;
import dev.rung.training.checkpoint.CheckpointZip;
import dev.rung.training.checkpoint.HadoopFiles;
import java.io.FilterInputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Properties;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

/**
 * A user trainer's state between rungs: a zip with Rung's {@code state.properties} (the trainer
 * class, the trial seed, the epoch to continue at) followed by {@code trainer.bin}, the bytes the
 * trainer's {@link Trainer#save} wrote. Written atomically through Hadoop's FileSystem, like the
 * built-in networks' checkpoints.
 *
 * <p>Rung itself interprets only {@code state.properties} (as text) and refuses a file with other
 * entries; the bytes of {@code trainer.bin} go to {@link Trainer#restore} unread, and how safely
 * they are read is the trainer's responsibility (see there).
 */
public final class TrainerCheckpoint {
  private static final String STATE = "state.properties";
  private static final String STATE_OF_TRAINER = "trainer.bin";
  private static final String FORMAT = "trainer-1";
  private static final List<String> ENTRIES = List.of(STATE, STATE_OF_TRAINER);

  private TrainerCheckpoint() {}

  /** Saves {@code trainer}'s state after {@code nextEpoch} epochs to {@code location}. */
  public static void save(Trainer trainer, long seed, int nextEpoch, String location) {
    HadoopFiles.writeAtomically(
        location,
        out -> {
          ZipOutputStream zip = new ZipOutputStream(out);
          zip.putNextEntry(new ZipEntry(STATE));
          Properties p = new Properties();
          p.setProperty("format", FORMAT);
          p.setProperty("trainer", trainer.getClass().getName());
          p.setProperty("seed", Long.toString(seed));
          p.setProperty("next_epoch", Integer.toString(nextEpoch));
          StringWriter w = new StringWriter();
          p.store(w, "rung trainer checkpoint");
          zip.write(w.toString().getBytes(StandardCharsets.UTF_8));
          zip.closeEntry();
          zip.putNextEntry(new ZipEntry(STATE_OF_TRAINER));
          // The trainer may close its stream; the zip must stay open.
          trainer.save(
              new FilterOutputStream(zip) {
                @Override
                public void write(byte[] b, int off, int len) throws IOException {
                  zip.write(b, off, len);
                }

                @Override
                public void close() throws IOException {
                  flush();
                }
              });
          zip.closeEntry();
          zip.finish();
        });
  }

  /**
   * Restores {@code trainer} from {@code location}, checking that the checkpoint was written by the
   * same class for the same seed after {@code nextEpoch} epochs.
   *
   * @throws CheckpointException if the checkpoint is missing, corrupt or of another trial
   */
  public static void restore(Trainer trainer, long seed, int nextEpoch, String location) {
    try (InputStream in = HadoopFiles.open(location);
        ZipInputStream zip = new ZipInputStream(in)) {
      CheckpointZip.next(zip, STATE, location, location, ENTRIES);
      Properties p = CheckpointZip.properties(zip, STATE, location);
      check(p, location, trainer.getClass().getName(), seed, nextEpoch);
      CheckpointZip.next(zip, STATE_OF_TRAINER, location, location, ENTRIES);
      trainer.restore(
          new FilterInputStream(zip) {
            @Override
            public void close() {
              // the zip is closed by Rung
            }
          });
      CheckpointZip.end(zip, location, location, ENTRIES);
    } catch (UncheckedIOException e) {
      throw new CheckpointException(location, "cannot be opened: " + e.getCause().getMessage(), e);
    } catch (IOException e) {
      throw new CheckpointException(
          location, "cannot be restored (truncated or corrupt?): " + e.getMessage(), e);
    }
  }

  private static void check(
      Properties p, String location, String trainer, long seed, int nextEpoch) {
    if (!FORMAT.equals(p.getProperty("format"))) {
      throw new CheckpointException(
          location,
          "has format " + p.getProperty("format") + ", this version reads " + FORMAT,
          null);
    }
    String expected = trainer + " seed " + seed + " at epoch " + nextEpoch;
    String found =
        p.getProperty("trainer")
            + " seed "
            + p.getProperty("seed")
            + " at epoch "
            + p.getProperty("next_epoch");
    if (!expected.equals(found)) {
      throw new CheckpointException(
          location, "holds " + found + ", but the task continues " + expected, null);
    }
  }
}
