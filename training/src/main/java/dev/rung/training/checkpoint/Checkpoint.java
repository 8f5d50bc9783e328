package dev.rung.training.checkpoint;

import dev.rung.training.data.PreparedData;
import dev.rung.training.loop.EpochMetrics;
import dev.rung.training.loop.EpochTrainer;
import dev.rung.training.model.TrainingSpec;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
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
import org.deeplearning4j.util.ModelSerializer;

/**
 * A trial's training state between rungs: the network with its updater state (Adam moments,
 * momentum), the epoch to continue at, the trial seed (every random stream of an epoch is derived
 * from it and the epoch index, so this is the whole random state) and the metrics so far.
 *
 * <p>On disk: a zip with {@code network.zip} (DL4J's own format) and {@code state.properties}.
 */
public record Checkpoint(
    MultiLayerNetwork network, long seed, int nextEpoch, List<EpochMetrics> history) {
  private static final String NETWORK = "network.zip";
  private static final String STATE = "state.properties";
  private static final String FORMAT = "1";

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
          ByteArrayOutputStream model = new ByteArrayOutputStream();
          ModelSerializer.writeModel(network, model, true);
          model.writeTo(zip);
          zip.closeEntry();
          zip.finish();
        });
  }

  /**
   * Loads a checkpoint.
   *
   * @throws CheckpointException if it is missing, truncated or corrupt
   */
  public static Checkpoint load(String location) {
    byte[] state = null;
    byte[] model = null;
    try (InputStream in = HadoopFiles.open(location);
        ZipInputStream zip = new ZipInputStream(in)) {
      ZipEntry e;
      while ((e = zip.getNextEntry()) != null) {
        if (e.getName().equals(STATE)) {
          state = zip.readAllBytes();
        } else if (e.getName().equals(NETWORK)) {
          model = zip.readAllBytes();
        }
      }
    } catch (UncheckedIOException e) {
      throw new CheckpointException(location, "cannot be opened: " + e.getCause().getMessage(), e);
    } catch (IOException e) {
      throw new CheckpointException(location, "is truncated or corrupt: " + e.getMessage(), e);
    }
    if (state == null || model == null) {
      throw new CheckpointException(
          location,
          "is truncated or not a checkpoint: "
              + (state == null ? STATE : NETWORK)
              + " is missing (a checkpoint zip holds "
              + STATE
              + " and "
              + NETWORK
              + ")",
          null);
    }
    Properties p = new Properties();
    try {
      p.load(new StringReader(new String(state, StandardCharsets.UTF_8)));
    } catch (IOException | IllegalArgumentException e) {
      throw new CheckpointException(location, "has an unreadable " + STATE, e);
    }
    if (!FORMAT.equals(p.getProperty("format"))) {
      throw new CheckpointException(
          location,
          "has format " + p.getProperty("format") + ", this version reads " + FORMAT,
          null);
    }
    MultiLayerNetwork net;
    try {
      net = ModelSerializer.restoreMultiLayerNetwork(new ByteArrayInputStream(model), true);
    } catch (IOException | RuntimeException e) {
      throw new CheckpointException(location, "holds a corrupt network: " + e.getMessage(), e);
    }
    try {
      long seed = Long.parseLong(p.getProperty("seed"));
      int next = Integer.parseInt(p.getProperty("next_epoch"));
      List<EpochMetrics> history = new ArrayList<>();
      for (int i = 0; i < next; i++) {
        history.add(parseMetrics(i, p.getProperty("epoch." + i)));
      }
      return new Checkpoint(net, seed, next, history);
    } catch (RuntimeException e) {
      throw new CheckpointException(location, "has an invalid " + STATE + ": " + e, e);
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
