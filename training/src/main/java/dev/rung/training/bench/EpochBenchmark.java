package dev.rung.training.bench;

import dev.rung.training.data.DataCache;
import dev.rung.training.data.DataSpec;
import dev.rung.training.data.PreparedData;
import dev.rung.training.device.Backend;
import dev.rung.training.loop.EpochMetrics;
import dev.rung.training.loop.EpochReporter;
import dev.rung.training.loop.EpochTrainer;
import dev.rung.training.model.ActivationKind;
import dev.rung.training.model.CnnSpec;
import dev.rung.training.model.ConvLayerSpec;
import dev.rung.training.model.MlpSpec;
import dev.rung.training.model.OptimizerSpec;
import dev.rung.training.model.TrainingSpec;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One MNIST epoch of an MLP 784-512-256-10 (ReLU, Adam 1e-3, batch 128) with Rung's epoch loop, and
 * the same in PyTorch in the same run with the same thread count; prints both times and their
 * ratio. Then the training throughput of a small CNN, in both. PyTorch runs twice when {@code
 * OPENBLAS_DIR} names a directory holding OpenBLAS as {@code libblas.so.3}: as Debian ships it
 * (reference BLAS) and on OpenBLAS; the ratio is taken against the OpenBLAS run.
 *
 * <p>Usage: {@code EpochBenchmark MNIST_DIR THREADS PYTHON SCRIPT [CNN_BATCHES]}; run it through
 * {@code bin/bench-training}, which fetches MNIST and sets {@code OMP_NUM_THREADS}.
 */
public final class EpochBenchmark {
  private static final double VALIDATION = 1.0 / 12; // 55,000 training examples

  private EpochBenchmark() {}

  public static void main(String[] args) throws Exception {
    if (args.length < 4) {
      System.err.println("usage: EpochBenchmark MNIST_DIR THREADS PYTHON SCRIPT [CNN_BATCHES]");
      System.exit(2);
    }
    String dir = args[0];
    int threads = Integer.parseInt(args[1]);
    int cnnBatches = args.length > 4 ? Integer.parseInt(args[4]) : 100;
    Backend.setThreads(threads);

    long loadStart = System.nanoTime();
    PreparedData mnist = DataCache.get(DataSpec.mnist(dir, VALIDATION));
    double loadSeconds = (System.nanoTime() - loadStart) / 1e9;
    int n = mnist.train().size();
    System.out.printf(
        Locale.ROOT,
        "data: MNIST %d train / %d validation examples, read and prepared in %.2f s;"
            + " ND4J %s, %d thread(s)%n",
        n,
        mnist.validation().size(),
        loadSeconds,
        Backend.name(),
        Backend.threads());

    TrainingSpec mlp =
        TrainingSpec.of(
            new MlpSpec(List.of(512, 256), ActivationKind.RELU, 0, false),
            OptimizerSpec.adam(1e-3),
            128);
    warmUp(mlp, mnist, 20);
    EpochTrainer trainer = new EpochTrainer(mlp, mnist, 1);
    EpochMetrics epoch = trainer.train(1, EpochReporter.none()).last();
    double rung = epoch.trainSeconds();

    TrainingSpec cnn =
        TrainingSpec.of(
            new CnnSpec(
                List.of(new ConvLayerSpec(8, 3, true), new ConvLayerSpec(16, 3, true)),
                ActivationKind.RELU,
                false,
                false,
                64,
                0),
            OptimizerSpec.adam(1e-3),
            64);
    double cnnRate = cnnSamplesPerSecond(cnn, mnist, cnnBatches);

    // PyTorch as Debian builds it links the generic reference BLAS; with OPENBLAS_DIR set it
    // runs on the OpenBLAS build that ND4J itself uses, which is the like-for-like comparison.
    String openblas = System.getenv("OPENBLAS_DIR");
    List<String> plain = runTorch(args[2], args[3], dir, threads, n, cnnBatches, null);
    List<String> fair =
        openblas == null ? null : runTorch(args[2], args[3], dir, threads, n, cnnBatches, openblas);
    List<String> reference = fair != null ? fair : plain;
    double torchSeconds = field(reference, "mlp_epoch", "seconds");

    System.out.printf(
        Locale.ROOT,
        "mlp 784-512-256-10, 1 epoch of %d examples, batch 128, Adam, %d thread(s):%n"
            + "  rung (DL4J, ND4J %s)         %8.2f s  %8.0f samples/s"
            + "  (validation accuracy %.4f)%n",
        n,
        threads,
        Backend.name(),
        rung,
        n / rung,
        epoch.validationAccuracy());
    printTorch("pytorch, Debian build (generic BLAS)", plain, n);
    if (fair != null) {
      printTorch("pytorch + OpenBLAS (ND4J's BLAS)", fair, n);
    }
    System.out.printf(
        Locale.ROOT,
        "  ratio rung/pytorch%s  %.2f  (target <= 1.5)%n",
        fair != null ? "+openblas" : "",
        rung / torchSeconds);
    double torchCnnRate =
        field(reference, "cnn", "samples") / Math.max(1e-9, field(reference, "cnn", "seconds"));
    System.out.printf(
        Locale.ROOT,
        "small cnn conv8-pool-conv16-pool-fc64 on 28x28, batch 64, %d batches:%n"
            + "  rung     %8.0f samples/s%n"
            + "  pytorch  %8.0f samples/s  (convolutions through oneDNN)%n"
            + "  ratio rung/pytorch time  %.2f%n",
        cnnBatches,
        cnnRate,
        torchCnnRate,
        torchCnnRate / cnnRate);
  }

  private static void printTorch(String label, List<String> lines, int n) {
    double s = field(lines, "mlp_epoch", "seconds");
    System.out.printf(Locale.ROOT, "  %-37s %8.2f s  %8.0f samples/s%n", label, s, n / s);
  }

  private static void warmUp(TrainingSpec spec, PreparedData data, int batches) {
    EpochTrainer t = new EpochTrainer(spec, data, 99);
    int[] idx = new int[spec.batchSize()];
    for (int b = 0; b < batches; b++) {
      for (int i = 0; i < idx.length; i++) {
        idx[i] = b * idx.length + i;
      }
      t.network().fit(data.train().batch(idx));
    }
  }

  /** Training throughput over {@code batches} batches after a short warm-up. */
  private static double cnnSamplesPerSecond(TrainingSpec spec, PreparedData data, int batches) {
    warmUp(spec, data, 5);
    EpochTrainer t = new EpochTrainer(spec, data, 7);
    int[] idx = new int[spec.batchSize()];
    long start = System.nanoTime();
    for (int b = 0; b < batches; b++) {
      for (int i = 0; i < idx.length; i++) {
        idx[i] = (b * idx.length + i) % data.train().size();
      }
      t.network().fit(data.train().batch(idx));
    }
    double s = (System.nanoTime() - start) / 1e9;
    return (double) batches * spec.batchSize() / s;
  }

  private static List<String> runTorch(
      String python, String script, String dir, int threads, int n, int cnnBatches, String blasDir)
      throws IOException, InterruptedException {
    ProcessBuilder pb =
        new ProcessBuilder(
            python,
            script,
            dir,
            Integer.toString(threads),
            Integer.toString(n),
            Integer.toString(cnnBatches));
    pb.environment().put("OMP_NUM_THREADS", Integer.toString(threads));
    pb.environment().put("OPENBLAS_NUM_THREADS", Integer.toString(threads));
    if (blasDir != null) {
      pb.environment().put("LD_LIBRARY_PATH", blasDir);
    }
    pb.redirectError(ProcessBuilder.Redirect.INHERIT);
    Process p = pb.start();
    List<String> lines = new ArrayList<>();
    try (BufferedReader r =
        new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
      String line;
      while ((line = r.readLine()) != null) {
        lines.add(line);
      }
    }
    int code = p.waitFor();
    if (code != 0) {
      throw new IllegalStateException(python + " " + script + " exited with " + code);
    }
    return lines;
  }

  private static double field(List<String> lines, String what, String key) {
    Pattern p = Pattern.compile("\"" + Pattern.quote(key) + "\": ([0-9.eE+-]+)");
    for (String line : lines) {
      if (line.contains("\"what\": \"" + what + "\"")) {
        Matcher m = p.matcher(line);
        if (m.find()) {
          return Double.parseDouble(m.group(1));
        }
      }
    }
    throw new IllegalStateException(
        "the PyTorch reference printed no " + what + "." + key + ": " + lines);
  }
}
