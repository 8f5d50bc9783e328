package dev.rung.training.checkpoint;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rung.training.TestData;
import dev.rung.training.data.PreparedData;
import dev.rung.training.hostile.Zips;
import dev.rung.training.loop.EpochMetrics;
import dev.rung.training.loop.EpochReporter;
import dev.rung.training.loop.EpochTrainer;
import dev.rung.training.model.TrainingSpecs;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Checkpoints written by an earlier Rung ({@code golden/checkpoint-v1}, see {@link
 * GoldenCheckpointGenerator}) still load, and give the network that wrote them: the same outputs,
 * bit for bit, and the same state as DL4J's own reader restores, so training continues the same.
 */
class GoldenCheckpointTest {

  static Path golden(String file) {
    try {
      return Path.of(
          GoldenCheckpointTest.class.getResource("/golden/checkpoint-v1/" + file).toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The network of a golden checkpoint as DL4J's reader restores it (the file is trusted). */
  static MultiLayerNetwork restoredByDl4j(String name) throws IOException {
    byte[] network =
        Zips.get(Zips.entries(Files.readAllBytes(golden(name + ".ckpt"))), "network.zip");
    return ModelSerializer.restoreMultiLayerNetwork(new ByteArrayInputStream(network), true);
  }

  /** The same shape and the same values, bit for bit. */
  static void assertSame(INDArray expected, INDArray actual) {
    assertArrayEquals(expected.shape(), actual.shape());
    assertEquals(expected.dataType(), actual.dataType());
    assertArrayEquals(expected.ravel().toDoubleVector(), actual.ravel().toDoubleVector());
  }

  /** The inverse of {@link GoldenCheckpointGenerator#hexFloats}. */
  private static float[][] parseHexFloats(String text) {
    return text.lines()
        .map(
            line -> {
              String[] cells = line.split(" ");
              float[] row = new float[cells.length];
              for (int j = 0; j < cells.length; j++) {
                row[j] = Float.intBitsToFloat(Integer.parseUnsignedInt(cells[j], 16));
              }
              return row;
            })
        .toArray(float[][]::new);
  }

  /** The losses and scores of each epoch, without their timings. */
  private static List<List<Double>> metrics(List<EpochMetrics> history) {
    return history.stream()
        .map(
            m ->
                List.of(
                    m.trainLoss(),
                    m.validationLoss(),
                    m.validationAccuracy(),
                    m.validationMacroF1()))
        .toList();
  }

  @ParameterizedTest
  @ValueSource(strings = {"mlp", "cnn"})
  void aCheckpointOfFormat1GivesTheOutputsOfTheNetworkThatWroteIt(String name) throws IOException {
    PreparedData digits = TestData.digits();
    var spec = TrainingSpecs.fromParams(GoldenCheckpointGenerator.goldenParams().get(name));
    EpochTrainer c = Checkpoint.resume(golden(name + ".ckpt").toString(), spec, digits);
    assertEquals(GoldenCheckpointGenerator.SEED, c.seed());
    assertEquals(2, c.nextEpoch());
    float[][] outputs =
        c.network()
            .output(
                digits.validation().range(0, GoldenCheckpointGenerator.ROWS).getFeatures(), false)
            .toFloatMatrix();
    float[][] written = parseHexFloats(Files.readString(golden(name + ".outputs")));
    assertEquals(written.length, outputs.length);
    double largest = 0;
    for (int i = 0; i < written.length; i++) {
      assertEquals(written[i].length, outputs[i].length);
      for (int j = 0; j < written[i].length; j++) {
        largest = Math.max(largest, Math.abs(written[i][j] - outputs[i][j]));
      }
    }
    // The parameters are compared bit for bit below. The outputs were computed by whichever ND4J
    // build wrote the file: builds that sum in another order (oneDNN against plain OpenBLAS)
    // differ in the last bits of float32 probabilities, never by more than this.
    assertTrue(largest <= 1e-6, name + ": outputs differ by up to " + largest);

    MultiLayerNetwork dl4j = restoredByDl4j(name);
    assertEquals(
        dl4j.getLayerWiseConfigurations().toJson(),
        c.network().getLayerWiseConfigurations().toJson());
    assertSame(dl4j.params(), c.network().params());
    assertSame(dl4j.getUpdater().getStateViewArray(), c.network().getUpdater().getStateViewArray());
  }

  @ParameterizedTest
  @ValueSource(strings = {"mlp", "cnn"})
  void trainingContinuesAsFromDl4jsOwnRestore(String name) throws IOException {
    var spec = TrainingSpecs.fromParams(GoldenCheckpointGenerator.goldenParams().get(name));
    EpochTrainer a = Checkpoint.resume(golden(name + ".ckpt").toString(), spec, TestData.digits());
    EpochTrainer b =
        new EpochTrainer(
            restoredByDl4j(name), spec, TestData.digits(), a.seed(), a.nextEpoch(), List.of());
    a.train(3, EpochReporter.none());
    b.train(3, EpochReporter.none());
    assertSame(b.network().params(), a.network().params());
    assertEquals(metrics(b.history()), metrics(a.history()));
  }
}
