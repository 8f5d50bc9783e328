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
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
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
 * <p>Usage: {@code EpochBenchmark MNIST_DIR THREADS PYTHON SCRIPT [CNN_BATCHES [REPETITIONS]]}; run
 * it through {@code bin/bench-training}, which fetches MNIST and sets {@code OMP_NUM_THREADS}.
 */
public final class EpochBenchmark {
  private static final double VALIDATION = 1.0 / 12; // 55,000 training examples

  private EpochBenchmark() {}

  public static void main(String[] args) throws Exception {
    if (args.length < 4) {
      System.err.println(
          "usage: EpochBenchmark MNIST_DIR THREADS PYTHON SCRIPT [CNN_BATCHES [REPETITIONS]]");
      System.exit(2);
    }
    String dir = args[0];
    int threads = Integer.parseInt(args[1]);
    int cnnBatches = args.length > 4 ? Integer.parseInt(args[4]) : 100;
    int reps = args.length > 5 ? Integer.parseInt(args[5]) : 3;
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
    warmUp(mlp, mnist, 20);

    // PyTorch as Debian builds it links the generic reference BLAS; with OPENBLAS_DIR set it
    // also runs on the OpenBLAS build that ND4J itself uses: the like-for-like comparison.
    // Rung and PyTorch alternate, and the fastest of the repetitions counts for each, so that
    // other load on a shared machine hurts both sides alike and is filtered out.
    String openblas = System.getenv("OPENBLAS_DIR");
    Torch torch = new Torch(args[2], args[3], dir, threads, n, cnnBatches);
    double[] rung = new double[reps];
    double[] ref = new double[reps];
    double[] rungCpu = new double[reps];
    double[] refCpu = new double[reps];
    ThreadMXBean mx = ManagementFactory.getThreadMXBean();
    double[] rungCnn = new double[reps];
    double[] refCnn = new double[reps];
    double accuracy = 0;
    for (int r = 0; r < reps; r++) {
      EpochTrainer trainer = new EpochTrainer(mlp, mnist, 1);
      long cpu = mx.getCurrentThreadCpuTime();
      EpochMetrics epoch = trainer.train(1, EpochReporter.none()).last();
      // CPU time of the training thread (ND4J's ops run on it with one thread), without the
      // validation pass that train() also does.
      rungCpu[r] =
          (mx.getCurrentThreadCpuTime() - cpu)
              / 1e9
              * epoch.trainSeconds()
              / (epoch.trainSeconds() + epoch.evalSeconds());
      rung[r] = epoch.trainSeconds();
      accuracy = epoch.validationAccuracy();
      List<String> t = torch.run("mlp", openblas);
      ref[r] = field(t, "mlp_epoch", "seconds");
      refCpu[r] = field(t, "mlp_epoch", "cpu_seconds");
      rungCnn[r] = cnnSamplesPerSecond(cnn, mnist, cnnBatches);
      refCnn[r] = cnnBatches * 64.0 / field(torch.run("cnn", openblas), "cnn", "seconds");
      System.out.printf(
          Locale.ROOT,
          "  repetition %d: rung %.2f s, pytorch %.2f s; cnn rung %.0f, pytorch %.0f samples/s%n",
          r + 1,
          rung[r],
          ref[r],
          rungCnn[r],
          refCnn[r]);
    }
    double generic =
        openblas == null ? ref[0] : field(torch.run("mlp", null), "mlp_epoch", "seconds");
    double rungBest = min(rung);
    double refBest = min(ref);

    System.out.printf(
        Locale.ROOT,
        "mlp 784-512-256-10, 1 epoch of %d examples, batch 128, Adam, %d thread(s), best of %d:%n"
            + "  %-37s %8.2f s  %8.0f samples/s"
            + "  (validation accuracy %.4f)%n",
        n,
        threads,
        reps,
        "rung (DL4J, ND4J " + Backend.name() + ")",
        rungBest,
        n / rungBest,
        accuracy);
    System.out.printf(
        Locale.ROOT,
        "  %-37s %8.2f s  %8.0f samples/s%n",
        "pytorch, Debian build (generic BLAS)",
        generic,
        n / generic);
    if (openblas != null) {
      System.out.printf(
          Locale.ROOT,
          "  %-37s %8.2f s  %8.0f samples/s%n",
          "pytorch + OpenBLAS (ND4J's BLAS)",
          refBest,
          n / refBest);
    }
    System.out.printf(
        Locale.ROOT,
        "  ratio rung/pytorch%s  wall %.2f, cpu %.2f  (target <= 1.5; cpu: %.2f s vs %.2f s of"
            + " training-thread time, robust to other load)%n",
        openblas != null ? "+openblas" : "",
        rungBest / refBest,
        min(rungCpu) / min(refCpu),
        min(rungCpu),
        min(refCpu));
    System.out.printf(
        Locale.ROOT,
        "small cnn conv8-pool-conv16-pool-fc64 on 28x28, batch 64, %d batches, best of %d:%n"
            + "  rung     %8.0f samples/s%n"
            + "  pytorch  %8.0f samples/s  (convolutions through oneDNN)%n"
            + "  ratio rung/pytorch time  %.2f%n",
        cnnBatches,
        reps,
        max(rungCnn),
        max(refCnn),
        max(refCnn) / max(rungCnn));
  }

  private static double min(double[] v) {
    return Arrays.stream(v).min().orElseThrow();
  }

  private static double max(double[] v) {
    return Arrays.stream(v).max().orElseThrow();
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

  /** Runs the PyTorch reference script, one measurement per process. */
  private record Torch(
      String python, String script, String dir, int threads, int n, int cnnBatches) {
    List<String> run(String mode, String blasDir) throws IOException, InterruptedException {
      ProcessBuilder pb =
          new ProcessBuilder(
              python,
              script,
              dir,
              Integer.toString(threads),
              Integer.toString(n),
              Integer.toString(cnnBatches),
              mode);
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
