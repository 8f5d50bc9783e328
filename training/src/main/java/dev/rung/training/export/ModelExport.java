package dev.rung.training.export;

import dev.rung.training.checkpoint.HadoopFiles;
import java.io.ByteArrayOutputStream;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;

/**
 * Exports the best model: {@code model.zip}, a standard DL4J model file that {@code
 * ModelSerializer.restoreMultiLayerNetwork} reads without Rung, and {@code model.json} beside it
 * with the trial's parameters and metrics ({@link Json}: NaN and infinite metrics are {@code
 * null}). Both are written atomically through Hadoop's FileSystem.
 */
public final class ModelExport {
  /** The model file's name inside the export directory. */
  public static final String MODEL = "model.zip";

  /** The parameters-and-metrics file's name inside the export directory. */
  public static final String META = "model.json";

  private ModelExport() {}

  /**
   * Writes {@code dir/model.zip} and {@code dir/model.json}.
   *
   * @param params the trial's parameters
   * @param metrics its metrics (validation, test, latency, parameter count...)
   */
  public static void write(
      MultiLayerNetwork net, String dir, Map<String, ?> params, Map<String, ?> metrics) {
    HadoopFiles.writeAtomically(
        HadoopFiles.child(dir, MODEL),
        out -> {
          ByteArrayOutputStream bytes = new ByteArrayOutputStream();
          ModelSerializer.writeModel(net, bytes, false);
          bytes.writeTo(out);
        });
    writeMeta(dir, Map.of("model_file", MODEL, "num_params", net.numParams()), params, metrics);
  }

  /**
   * Writes {@code dir/model.json}: its format, then {@code description} (what the model is: its
   * file and size for a built-in network, the trainer's class for a user's trainer), the trial's
   * parameters and its metrics.
   */
  public static void writeMeta(
      String dir, Map<String, ?> description, Map<String, ?> params, Map<String, ?> metrics) {
    Map<String, Object> meta = new LinkedHashMap<>();
    meta.put("format", "rung-model-1");
    meta.putAll(new TreeMap<>(description));
    meta.put("params", params);
    meta.put("metrics", metrics);
    writeMeta(dir, meta);
  }

  private static void writeMeta(String dir, Map<String, Object> meta) {
    byte[] json = Json.bytes(meta);
    HadoopFiles.writeAtomically(HadoopFiles.child(dir, META), out -> out.write(json));
  }
}
