package dev.rung.training.checkpoint;

import dev.rung.training.data.PreparedData;
import dev.rung.training.loop.EpochMetrics;
import dev.rung.training.loop.EpochTrainer;
import dev.rung.training.model.TrainingSpec;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;

/**
 * A trial's training state between rungs: the network with its updater state (Adam moments,
 * momentum), the epoch to continue at, the trial seed (every random stream of an epoch is derived
 * from it and the epoch index, so this is the whole random state) and the metrics so far.
 *
 * <p>On disk: a zip with {@code state.properties} and then {@code network.zip}, a DL4J model zip
 * with the configuration, parameters and updater state ({@link NetworkArchive}). Checkpoints live
 * in the output directory, so {@link #load} treats them as untrusted input: it reads back exactly
 * what {@link #save} writes and refuses anything else, and never uses Java deserialization.
 */
public record Checkpoint(
    MultiLayerNetwork network, long seed, int nextEpoch, List<EpochMetrics> history) {
  private static final String NETWORK = "network.zip";
  private static final String STATE = "state.properties";
  private static final String FORMAT = "1";
  private static final List<String> ENTRIES = List.of(STATE, NETWORK);

  public Checkpoint {
    history = List.copyOf(history);
  }

  /** The checkpoint of a trainer's current state. */
  public static Checkpoint of(EpochTrainer trainer) {
    return new Checkpoint(
        trainer.network(), trainer.seed(), trainer.nextEpoch(), trainer.history());
  }

  /** A trainer that continues from this checkpoint. */
  public EpochTrainer resume(TrainingSpec spec, PreparedData data) {
    return new EpochTrainer(network, spec, data, seed, nextEpoch, history);
  }

  /** Saves {@code trainer}'s state to {@code location} atomically (any Hadoop file system). */
  public static void save(EpochTrainer trainer, String location) {
    of(trainer).save(location);
  }

  /** Saves this checkpoint to {@code location} atomically. */
  public void save(String location) {
    HadoopFiles.writeAtomically(
        location,
        out -> {
          ZipOutputStream zip = new ZipOutputStream(out);
          zip.putNextEntry(new ZipEntry(STATE));
          zip.write(stateText().getBytes(StandardCharsets.UTF_8));
          zip.closeEntry();
          zip.putNextEntry(new ZipEntry(NETWORK));
          NetworkArchive.write(network, zip);
          zip.closeEntry();
          zip.finish();
        });
  }

  /**
   * Loads a checkpoint, reading only what {@link #save} writes: a file with other entries, entries
   * in another order, or a network configuration naming classes outside DL4J and ND4J is refused
   * before any of it is interpreted, and nothing in it is read with Java deserialization.
   *
   * @throws CheckpointException if it is missing, truncated, corrupt or not written by Rung; the
   *     message names the file and what is wrong
   */
  public static Checkpoint load(String location) {
    try (InputStream in = HadoopFiles.open(location);
        ZipInputStream zip = new ZipInputStream(in)) {
      CheckpointZip.next(zip, STATE, location, location, ENTRIES);
      Properties p = CheckpointZip.properties(zip, STATE, location);
      if (!FORMAT.equals(p.getProperty("format"))) {
        throw new CheckpointException(
            location,
            "has format " + p.getProperty("format") + ", this version reads " + FORMAT,
            null);
      }
      State state = State.of(p, location);
      CheckpointZip.next(zip, NETWORK, location, location, ENTRIES);
      MultiLayerNetwork net = NetworkArchive.read(zip, NETWORK, location);
      CheckpointZip.end(zip, location, location, ENTRIES);
      return new Checkpoint(net, state.seed(), state.nextEpoch(), state.history());
    } catch (UncheckedIOException e) {
      throw new CheckpointException(location, "cannot be opened: " + e.getCause().getMessage(), e);
    } catch (IOException e) {
      throw new CheckpointException(location, "is truncated or corrupt: " + e.getMessage(), e);
    }
  }

  /** What {@code state.properties} holds besides the format. */
  private record State(long seed, int nextEpoch, List<EpochMetrics> history) {
    static State of(Properties p, String location) {
      try {
        long seed = Long.parseLong(p.getProperty("seed"));
        int next = Integer.parseInt(p.getProperty("next_epoch"));
        List<EpochMetrics> history = new ArrayList<>();
        for (int i = 0; i < next; i++) {
          history.add(parseMetrics(i, p.getProperty("epoch." + i)));
        }
        return new State(seed, next, history);
      } catch (RuntimeException e) {
        throw new CheckpointException(location, "has an invalid " + STATE + ": " + e, e);
      }
    }
  }

  private String stateText() throws IOException {
    Properties p = new Properties();
    p.setProperty("format", FORMAT);
    p.setProperty("seed", Long.toString(seed));
    p.setProperty("next_epoch", Integer.toString(nextEpoch));
    for (EpochMetrics m : history) {
      p.setProperty(
          "epoch." + m.epoch(),
          m.trainLoss()
              + ","
              + m.validationLoss()
              + ","
              + m.validationAccuracy()
              + ","
              + m.validationMacroF1()
              + ","
              + m.trainSeconds()
              + ","
              + m.evalSeconds());
    }
    StringWriter w = new StringWriter();
    p.store(w, "rung training checkpoint");
    return w.toString();
  }

  private static EpochMetrics parseMetrics(int epoch, String line) {
    if (line == null) {
      throw new IllegalArgumentException("the metrics of epoch " + epoch + " are missing");
    }
    String[] f = line.split(",");
    if (f.length != 6) {
      throw new IllegalArgumentException(
          "the metrics of epoch " + epoch + " have " + f.length + " fields, not 6");
    }
    return new EpochMetrics(
        epoch,
        Double.parseDouble(f[0]),
        Double.parseDouble(f[1]),
        Double.parseDouble(f[2]),
        Double.parseDouble(f[3]),
        Double.parseDouble(f[4]),
        Double.parseDouble(f[5]));
  }
}
