package dev.rung.training.checkpoint;

import dev.rung.training.data.DataCache;
import dev.rung.training.data.DataSpec;
import dev.rung.training.data.PreparedData;
import dev.rung.training.loop.EpochReporter;
import dev.rung.training.loop.EpochTrainer;
import dev.rung.training.model.TrainingSpecs;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Writes the golden checkpoints of format 1 kept in {@code
 * src/test/resources/golden/checkpoint-v1}: an MLP and a CNN, each trained 2 epochs on the bundled
 * digits, and beside each the network's outputs on the first {@value #ROWS} validation examples
 * (float bits in hex), as the code that wrote the checkpoint computed them.
 *
 * <p>Generated once, when format 1 was current, with (from the repository root):
 *
 * <pre>
 * mvn -o -q -pl training -am test-compile
 * java -cp "training/target/test-classes:training/target/classes:sampler/target/classes:$(cat cp.txt)" \
 *     dev.rung.training.checkpoint.GoldenCheckpointGenerator training/src/test/resources/golden/checkpoint-v1
 * </pre>
 *
 * where {@code cp.txt} holds the test classpath ({@code mvn -o -q -pl training -am test-compile
 * dependency:build-classpath -Dmdep.outputFile=$PWD/cp.txt -Dmdep.includeScope=test}). Never
 * regenerate {@code checkpoint-v1}: its point is to be files an older Rung wrote.
 */
public final class GoldenCheckpointGenerator {
  static final int ROWS = 16;
  static final long SEED = 20240501L;

  private GoldenCheckpointGenerator() {}

  /** The trial parameters of each golden checkpoint, by file name without extension. */
  static Map<String, Map<String, Object>> goldenParams() {
    Map<String, Map<String, Object>> all = new LinkedHashMap<>();
    all.put(
        "mlp",
        Map.of(
            "model",
            "mlp",
            "mlp_layers",
            2,
            "mlp_width",
            24,
            "dropout",
            0.2,
            "batch_norm",
            true,
            "optimizer",
            "sgd",
            "momentum",
            0.9,
            "lr",
            0.05,
            "weight_decay",
            1e-4,
            "lr_schedule",
            "step"));
    all.put(
        "cnn",
        Map.of(
            "model",
            "cnn",
            "cnn_layers",
            2,
            "conv_0_channels",
            4,
            "conv_1_channels",
            6,
            "conv_1_pool",
            false,
            "fc_width",
            12,
            "batch_norm",
            true,
            "optimizer",
            "adam",
            "lr",
            0.01,
            "lr_schedule",
            "exponential"));
    return all;
  }

  /** Writes the golden checkpoints and their outputs under {@code args[0]}. */
  public static void main(String[] args) throws IOException {
    if (args.length != 1) {
      throw new IllegalArgumentException("usage: GoldenCheckpointGenerator <output directory>");
    }
    Path out = Path.of(args[0]).toAbsolutePath();
    Files.createDirectories(out);
    PreparedData digits = DataCache.get(DataSpec.digits());
    for (var e : goldenParams().entrySet()) {
      EpochTrainer trainer = new EpochTrainer(TrainingSpecs.fromParams(e.getValue()), digits, SEED);
      trainer.train(2, EpochReporter.none());
      Checkpoint.save(trainer, out.resolve(e.getKey() + ".ckpt").toString());
      INDArray x = digits.validation().range(0, ROWS).getFeatures();
      Files.writeString(
          out.resolve(e.getKey() + ".outputs"), hexFloats(trainer.network().output(x, false)));
    }
    System.out.println("wrote the v1 golden checkpoints under " + out);
  }

  /** The values of {@code a}, row by row, as the hex of their float bits. */
  static String hexFloats(INDArray a) {
    float[][] rows = a.toFloatMatrix();
    StringBuilder sb = new StringBuilder();
    for (float[] row : rows) {
      for (int j = 0; j < row.length; j++) {
        sb.append(j == 0 ? "" : " ").append(Integer.toHexString(Float.floatToRawIntBits(row[j])));
      }
      sb.append('\n');
    }
    return sb.toString();
  }
}
