package dev.rung.training.checkpoint;

import dev.rung.training.api.Trainer;
import dev.rung.training.data.PreparedData;
import dev.rung.training.loop.EpochTrainer;
import dev.rung.training.model.NetworkTrainer;
import dev.rung.training.model.TrainingSpec;
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
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;

/**
 * A trial's state between segments, whatever trains it: a zip with Rung's {@code state.properties}
 * (the trainer class, the trial seed, the epoch to continue at) followed by {@code trainer.bin},
 * the bytes the trainer's {@link Trainer#save} wrote. For the built-in networks ({@link
 * NetworkTrainer}) those bytes are a DL4J model zip with the updater state ({@link
 * NetworkArchive}). Written atomically through Hadoop's FileSystem.
 *
 * <p>Checkpoints live in the output directory, so they are read as untrusted input: Rung interprets
 * only {@code state.properties} (as text) and refuses a file with other entries or entries in
 * another order. The built-in networks' bytes are read without Java deserialization and with every
 * class the configuration names checked; a user's trainer gets its bytes unread, and how safely it
 * reads them is its own responsibility (see {@link Trainer#restore}).
 *
 * <p>Checkpoints of the built-in networks written by earlier versions (format {@code 1}: {@code
 * state.properties} with the metrics so far, then {@code network.zip}) are still read, so outputs
 * of those versions resume.
 */
public final class Checkpoint {
  private static final String STATE = "state.properties";
  private static final String STATE_OF_TRAINER = "trainer.bin";
  private static final String FORMAT = "trainer-1";
  private static final List<String> ENTRIES = List.of(STATE, STATE_OF_TRAINER);

  /** The built-in networks' format of earlier versions. */
  private static final String NETWORK_FORMAT = "1";

  private static final String NETWORK = "network.zip";
  private static final List<String> NETWORK_ENTRIES = List.of(STATE, NETWORK);

  private Checkpoint() {}

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
          p.store(w, "rung checkpoint");
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

  /** Saves a built-in network's training state (its seed and epochs so far) to {@code location}. */
  public static void save(EpochTrainer trainer, String location) {
    save(NetworkTrainer.wrapping(trainer), trainer.seed(), trainer.nextEpoch(), location);
  }

  /**
   * Restores {@code trainer} from {@code location}, checking that the checkpoint was written by the
   * same class for the same seed after {@code nextEpoch} epochs.
   *
   * @throws CheckpointException if the checkpoint is missing, corrupt, not written by Rung or of
   *     another trial; the message names the file and what is wrong
   */
  public static void restore(Trainer trainer, long seed, int nextEpoch, String location) {
    read(
        location,
        (state, in) -> {
          String expected =
              trainer.getClass().getName() + " seed " + seed + " at epoch " + nextEpoch;
          String found =
              state.trainer() + " seed " + state.seed() + " at epoch " + state.nextEpoch();
          if (!expected.equals(found)) {
            throw new CheckpointException(
                location, "holds " + found + ", but the task continues " + expected, null);
          }
          if (trainer instanceof NetworkTrainer n) {
            n.restore(in, location, state.entry());
          } else {
            trainer.restore(in);
          }
          return null;
        });
  }

  /**
   * The network of a built-in network's checkpoint (either format), checked as {@link #restore}
   * checks it.
   */
  public static MultiLayerNetwork network(String location) {
    return read(
        location,
        (state, in) -> {
          requireNetwork(state, location);
          return NetworkArchive.read(in, state.entry(), location);
        });
  }

  /** A trainer continuing a built-in network's checkpoint with {@code spec} on {@code data}. */
  public static EpochTrainer resume(String location, TrainingSpec spec, PreparedData data) {
    return read(
        location,
        (state, in) -> {
          requireNetwork(state, location);
          MultiLayerNetwork net = NetworkArchive.read(in, state.entry(), location);
          return new EpochTrainer(net, spec, data, state.seed(), state.nextEpoch(), List.of());
        });
  }

  private static void requireNetwork(State state, String location) {
    if (!state.trainer().equals(NetworkTrainer.class.getName())) {
      throw new CheckpointException(
          location, "holds the state of " + state.trainer() + ", not a built-in network", null);
    }
  }

  /** What {@code state.properties} says, and the entry that follows it. */
  private record State(String trainer, long seed, int nextEpoch, String entry) {}

  private interface StateReader<T> {
    T read(State state, InputStream trainerBytes) throws IOException;
  }

  private static <T> T read(String location, StateReader<T> reader) {
    try (InputStream in = HadoopFiles.open(location);
        ZipInputStream zip = new ZipInputStream(in)) {
      CheckpointZip.next(zip, STATE, location, location, ENTRIES);
      Properties p = CheckpointZip.properties(zip, STATE, location);
      State state = state(p, location);
      List<String> entries = state.entry().equals(NETWORK) ? NETWORK_ENTRIES : ENTRIES;
      CheckpointZip.next(zip, state.entry(), location, location, entries);
      T out =
          reader.read(
              state,
              new FilterInputStream(zip) {
                @Override
                public void close() {
                  // the zip is closed here
                }
              });
      CheckpointZip.end(zip, location, location, entries);
      return out;
    } catch (UncheckedIOException e) {
      throw new CheckpointException(location, "cannot be opened: " + e.getCause().getMessage(), e);
    } catch (IOException e) {
      throw new CheckpointException(
          location, "cannot be restored (truncated or corrupt?): " + e.getMessage(), e);
    }
  }

  private static State state(Properties p, String location) {
    String format = p.getProperty("format");
    boolean network = NETWORK_FORMAT.equals(format);
    if (!FORMAT.equals(format) && !network) {
      throw new CheckpointException(
          location,
          "has format "
              + format
              + ", this version reads "
              + FORMAT
              + " (and "
              + NETWORK_FORMAT
              + ")",
          null);
    }
    try {
      return new State(
          network ? NetworkTrainer.class.getName() : String.valueOf(p.getProperty("trainer")),
          Long.parseLong(p.getProperty("seed")),
          Integer.parseInt(p.getProperty("next_epoch")),
          network ? NETWORK : STATE_OF_TRAINER);
    } catch (RuntimeException e) {
      throw new CheckpointException(location, "has an invalid " + STATE + ": " + e, e);
    }
  }
}
