package dev.rung.training.checkpoint;

import dev.rung.training.device.Backend;
import dev.rung.training.model.MemoryEstimate;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.zip.ZipInputStream;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A network with its updater state as a DL4J model zip, the format {@code ModelSerializer} writes:
 * {@code configuration.json}, {@code coefficients.bin} (the parameters) and, when the updater has
 * state (Adam moments, momentum), {@code updaterState.bin}.
 *
 * <p>Read back without {@code ModelSerializer}, which would also read entries such as {@code
 * preprocessor.bin} with Java deserialization: here the zip must hold exactly those entries in that
 * order, the configuration may name only DL4J and ND4J classes ({@link ConfigurationJson}), and the
 * vectors must have the lengths the configuration implies ({@link VectorFormat}). The network is
 * then rebuilt from the configuration and given the parameters and updater state, as {@code
 * ModelSerializer} does, so it computes the same outputs and continues training the same way.
 */
public final class NetworkArchive {
  static final String CONFIGURATION = "configuration.json";
  static final String COEFFICIENTS = "coefficients.bin";
  static final String UPDATER = "updaterState.bin";
  private static final List<String> ENTRIES = List.of(CONFIGURATION, COEFFICIENTS, UPDATER);
  private static final int MAX_CONFIGURATION_BYTES = 16 << 20;

  private NetworkArchive() {}

  /** Writes {@code net} with its updater state to {@code out}, which stays open. */
  public static void write(MultiLayerNetwork net, OutputStream out) throws IOException {
    ModelSerializer.writeModel(net, out, true);
  }

  /**
   * Reads the network in {@code in}, a model zip stored as entry {@code container} of the
   * checkpoint at {@code location}; reads to the end of the model zip but does not close {@code
   * in}.
   *
   * @throws CheckpointException if the zip holds anything but what {@link #write} writes
   */
  public static MultiLayerNetwork read(InputStream in, String container, String location)
      throws IOException {
    ZipInputStream zip = new ZipInputStream(in);
    CheckpointZip.next(zip, CONFIGURATION, location, container, ENTRIES);
    String json =
        new String(
            CheckpointZip.read(
                zip, MAX_CONFIGURATION_BYTES, at(container, CONFIGURATION), location),
            StandardCharsets.UTF_8);
    MultiLayerConfiguration conf =
        ConfigurationJson.parse(json, at(container, CONFIGURATION), location);
    MultiLayerNetwork net;
    try {
      long params = MemoryEstimate.parameters(conf);
      if (!MemoryEstimate.fits(params)) {
        throw new CheckpointException(
            location,
            "describes a network of "
                + params
                + " parameters, more than the native memory of this JVM can train",
            null);
      }
      CheckpointZip.next(zip, COEFFICIENTS, location, container, ENTRIES);
      INDArray values =
          VectorFormat.read(zip, params, conf.getDataType(), at(container, COEFFICIENTS), location);
      Backend.enableLayerHelpers();
      net = new MultiLayerNetwork(conf);
      net.init(values, false);
      INDArray fresh = net.getUpdater().getStateViewArray();
      long stateLength = fresh == null ? 0 : fresh.length();
      if (stateLength > 0) {
        CheckpointZip.next(zip, UPDATER, location, container, ENTRIES);
        INDArray state =
            VectorFormat.read(
                zip, stateLength, conf.getDataType(), at(container, UPDATER), location);
        net.getUpdater().setStateViewArray(net, state, false);
      }
    } catch (CheckpointException e) {
      throw e;
    } catch (RuntimeException e) {
      throw new CheckpointException(
          location, "holds a network DL4J cannot rebuild: " + e.getMessage(), e);
    }
    CheckpointZip.end(zip, location, container, ENTRIES);
    return net;
  }

  private static String at(String container, String entry) {
    return container + "/" + entry;
  }
}
