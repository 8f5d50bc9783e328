package dev.rung.bench.lcbench;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.FloatBuffer;
import java.nio.IntBuffer;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The LCBench surrogate (YAHPO Gym's ONNX model of 2,000 MLP configurations trained for 52 epochs
 * on 35 OpenML tasks, Apache-2.0): given a task and the seven hyperparameters of an MLP, the
 * validation accuracy (percent) and the cumulative training time (seconds) at epochs 1..52.
 *
 * <p>The graph does its own scaling: input 0 is the task's code from {@code encoding.json} (int32
 * [N,1]), input 1 the raw values {@code epoch, batch_size, learning_rate, momentum, weight_decay,
 * num_layers, max_units, max_dropout} (float32 [N,8]); output columns are {@code time,
 * val_accuracy, val_cross_entropy, val_balanced_accuracy, test_cross_entropy,
 * test_balanced_accuracy}.
 *
 * @apiNote Thread-safe: ONNX Runtime sessions may be run from several threads.
 */
public final class LcBenchModel implements AutoCloseable {
  /** Epochs of a full LCBench training. */
  public static final int EPOCHS = 52;

  /** The seven hyperparameters, in the order the graph reads them after the epoch. */
  public static final List<String> PARAMS =
      List.of(
          "batch_size",
          "learning_rate",
          "momentum",
          "weight_decay",
          "num_layers",
          "max_units",
          "max_dropout");

  /** The 28 development tasks (the other six of the model are kept for independent checks). */
  public static final List<String> DEVELOPMENT_TASKS =
      List.of(
          "7593", "34539", "126025", "126026", "126029", "146212", "167104", "167149", "167152",
          "167161", "167181", "167185", "167190", "167200", "167201", "168330", "168331", "168335",
          "168868", "168908", "168910", "189354", "189862", "189865", "189866", "189905", "189906",
          "189909");

  /** One configuration's curve: validation accuracy and cumulative seconds after each epoch. */
  public record Curve(float[] accuracy, float[] seconds) {
    /** Accuracy after {@code epochs} epochs (1..52). */
    public double accuracyAt(int epochs) {
      return accuracy[epochs - 1];
    }

    /** Seconds epoch {@code epoch} (0-based) took, at least one millisecond. */
    public double epochSeconds(int epoch) {
      double before = epoch == 0 ? 0 : seconds[epoch - 1];
      return Math.max(1e-3, seconds[epoch] - before);
    }
  }

  private final OrtEnvironment env;
  private final OrtSession session;
  private final Map<String, Integer> taskCodes;
  private final String[] inputNames;

  private LcBenchModel(OrtEnvironment env, OrtSession session, Map<String, Integer> taskCodes) {
    this.env = env;
    this.session = session;
    this.taskCodes = taskCodes;
    this.inputNames = session.getInputNames().toArray(new String[0]);
    // Inputs are fed by position; the graph names them x_cat and x_cont.
    if (inputNames.length != 2) {
      throw new IllegalStateException(
          "the LCBench model should have 2 inputs, has " + inputNames.length);
    }
  }

  /** The model shipped with the bench module, on one intra-op thread. */
  public static LcBenchModel load() {
    try (InputStream model = resource("model.onnx");
        InputStream encoding = resource("encoding.json")) {
      OrtEnvironment env = OrtEnvironment.getEnvironment();
      OrtSession.SessionOptions options = new OrtSession.SessionOptions();
      options.setIntraOpNumThreads(1);
      options.setInterOpNumThreads(1);
      OrtSession session = env.createSession(model.readAllBytes(), options);
      return new LcBenchModel(
          env, session, taskCodes(new String(encoding.readAllBytes(), StandardCharsets.UTF_8)));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the LCBench model from the classpath", e);
    } catch (OrtException e) {
      throw new IllegalStateException("ONNX Runtime cannot load the LCBench model", e);
    }
  }

  private static InputStream resource(String name) {
    InputStream in = LcBenchModel.class.getResourceAsStream("/lcbench/" + name);
    if (in == null) {
      throw new IllegalStateException("lcbench/" + name + " is missing from the classpath");
    }
    return in;
  }

  /** {@code {"OpenML_task_id": {"#na#": 0, "126025": 1, ...}}} to task -> code. */
  static Map<String, Integer> taskCodes(String json) {
    Map<String, Integer> codes = new HashMap<>();
    Matcher m = Pattern.compile("\"([0-9]+)\"\\s*:\\s*([0-9]+)").matcher(json);
    while (m.find()) {
      codes.put(m.group(1), Integer.parseInt(m.group(2)));
    }
    return codes;
  }

  /** Whether the model knows this OpenML task id. */
  public boolean knows(String task) {
    return taskCodes.containsKey(task);
  }

  /** The whole curve of one configuration on one task (one batch of 52 rows). */
  public Curve curve(String task, Map<String, ?> params) {
    Integer code = taskCodes.get(task);
    if (code == null) {
      throw new IllegalArgumentException(
          "LCBench task '" + task + "' is not in the model; known: " + taskCodes.keySet());
    }
    int[] cat = new int[EPOCHS];
    float[] cont = new float[EPOCHS * 8];
    float[] values = new float[PARAMS.size()];
    for (int j = 0; j < values.length; j++) {
      Object v = params.get(PARAMS.get(j));
      if (!(v instanceof Number n)) {
        throw new IllegalArgumentException("LCBench needs parameter " + PARAMS.get(j));
      }
      values[j] = n.floatValue();
    }
    for (int e = 0; e < EPOCHS; e++) {
      cat[e] = code;
      cont[e * 8] = e + 1;
      System.arraycopy(values, 0, cont, e * 8 + 1, values.length);
    }
    try (OnnxTensor x0 = OnnxTensor.createTensor(env, IntBuffer.wrap(cat), new long[] {EPOCHS, 1});
        OnnxTensor x1 =
            OnnxTensor.createTensor(env, FloatBuffer.wrap(cont), new long[] {EPOCHS, 8});
        OrtSession.Result out = session.run(Map.of(inputNames[0], x0, inputNames[1], x1))) {
      float[][] rows = (float[][]) out.get(0).getValue();
      float[] acc = new float[EPOCHS];
      float[] secs = new float[EPOCHS];
      for (int e = 0; e < EPOCHS; e++) {
        secs[e] = rows[e][0];
        acc[e] = rows[e][1];
      }
      return new Curve(acc, secs);
    } catch (OrtException e) {
      throw new IllegalStateException("the LCBench model failed on " + params, e);
    }
  }

  @Override
  public void close() {
    try {
      session.close();
    } catch (OrtException e) {
      throw new IllegalStateException(e);
    }
  }
}
