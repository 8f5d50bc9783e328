package dev.rung.training.bench;

import com.sun.management.OperatingSystemMXBean;
import dev.rung.training.data.DataCache;
import dev.rung.training.data.DataSpec;
import dev.rung.training.data.InputShape;
import dev.rung.training.data.PreparedData;
import dev.rung.training.device.Backend;
import dev.rung.training.loop.EpochMetrics;
import dev.rung.training.loop.EpochReporter;
import dev.rung.training.loop.EpochTrainer;
import dev.rung.training.model.ActivationKind;
import dev.rung.training.model.CnnSpec;
import dev.rung.training.model.ConvLayerSpec;
import dev.rung.training.model.MlpSpec;
import dev.rung.training.model.NetworkFactory;
import dev.rung.training.model.NetworkSpec;
import dev.rung.training.model.OptimizerSpec;
import dev.rung.training.model.TrainingSpec;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Training speed of Rung's networks against the same networks in PyTorch, in the same run, with the
 * same thread count and the same BLAS: an MLP epoch on MNIST with Rung's epoch loop, and
 * convolutional networks (a small one, and two of the sizes a CNN search covers: 3-4 convolutions
 * of 32-256 channels with kernels 3, 5 and 7, batch norm and pooling, on 28x28x1 MNIST and on
 * 32x32x3 random images). CNNs are also trained without oneDNN, to show what it brings.
 *
 * <p>Every figure is the best of the repetitions, which alternate between the sides so that other
 * load hurts all of them alike. The figure to compare is CPU time: of the training thread (with one
 * thread, ND4J's and PyTorch's kernels run on it) and of the whole process (JIT, GC and any helper
 * threads included); wall time is printed too, but on a shared machine it says more about the
 * machine than about the code.
 *
 * <p>Usage: {@code EpochBenchmark MNIST_DIR THREADS PYTHON SCRIPT [CNN_BATCHES [REPETITIONS]]}; run
 * it through {@code bin/bench-training}, which fetches MNIST, puts ND4J's OpenBLAS first for
 * PyTorch ({@code OPENBLAS_DIR}) and sets {@code OMP_NUM_THREADS}.
 */
public final class EpochBenchmark {
  private static final double VALIDATION = 1.0 / 12; // 55,000 training examples
  private static final Pattern CONV = Pattern.compile("c(\\d+)k(\\d+)(p?)");
  private static final Pattern DENSE = Pattern.compile("(d|fc)(\\d+)");
  private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
  private static final OperatingSystemMXBean OS =
      (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();

  /**
   * One network to time.
   *
   * @param net the network in the notation {@code torch_reference.py} reads too
   * @param shape channels x height x width; 1x28x28 is MNIST, anything else random images
   * @param batches batches to time; 0 for one epoch of MNIST with Rung's epoch loop
   */
  private record Case(String title, String net, String shape, int batch, int batches) {
    boolean convolutional() {
      return network(net) instanceof CnnSpec;
    }

    InputShape input() {
      String[] d = shape.split("x");
      InputShape image =
          InputShape.image(Integer.parseInt(d[0]), Integer.parseInt(d[1]), Integer.parseInt(d[2]));
      return convolutional() ? image : InputShape.vector(image.features());
    }
  }

  /** CPU and wall seconds of one timed run, and the examples it trained on. */
  private record Timing(double wall, double thread, double process, long samples) {
    static final Timing NONE = new Timing(Double.NaN, Double.NaN, Double.NaN, 0);

    Timing best(Timing other) {
      return Double.isNaN(thread) || other.thread < thread ? other : this;
    }
  }

  private EpochBenchmark() {}

  public static void main(String[] args) throws Exception {
    if (args.length < 4) {
      System.err.println(
          "usage: EpochBenchmark MNIST_DIR THREADS PYTHON SCRIPT [CNN_BATCHES [REPETITIONS]]");
      System.exit(2);
    }
    String dir = args[0];
    int threads = Integer.parseInt(args[1]);
    int cnnBatches = args.length > 4 ? Integer.parseInt(args[4]) : 40;
    int reps = args.length > 5 ? Integer.parseInt(args[5]) : 3;
    Backend.setThreads(threads);
    boolean oneDnn = Backend.enableLayerHelpers();

    long loadStart = System.nanoTime();
    PreparedData mnist = DataCache.get(DataSpec.mnist(dir, VALIDATION));
    System.out.printf(
        Locale.ROOT,
        "data: MNIST %d train / %d validation examples, read and prepared in %.2f s%n"
            + "rung:    %s; %d thread(s); layer helpers %s%n",
        mnist.train().size(),
        mnist.validation().size(),
        (System.nanoTime() - loadStart) / 1e9,
        Backend.describe(),
        Backend.threads(),
        oneDnn ? "on" : "off (" + Backend.HELPERS_DISABLE + " is set)");
    String openblas = System.getenv("OPENBLAS_DIR");
    Torch torch = new Torch(args[2], args[3], dir, threads, mnist.train().size());
    System.out.printf(
        Locale.ROOT,
        "pytorch: %s; %d thread(s); BLAS: %s%n",
        torch.version(),
        threads,
        openblas == null ? "the system's libblas.so.3" : "ND4J's OpenBLAS from " + openblas);

    List<Case> cases =
        List.of(
            new Case("mlp 784-512-256-10, one MNIST epoch", "d512-d256", "1x28x28", 128, 0),
            new Case("small cnn on MNIST", "c8k3p-c16k3p-fc64", "1x28x28", 64, cnnBatches),
            new Case(
                "cnn, 3 convolutions, batch norm, on MNIST",
                "bn-c32k5p-c64k3p-c128k3-fc128",
                "1x28x28",
                64,
                cnnBatches),
            new Case(
                "cnn, 4 convolutions, batch norm, on 32x32x3 random images",
                "bn-c32k3p-c64k5p-c128k7p-c256k3-fc256",
                "3x32x32",
                64,
                cnnBatches));
    warmUp(mnist);
    for (Case c : cases) {
      Timing rung = Timing.NONE;
      Timing plain = Timing.NONE;
      Timing reference = Timing.NONE;
      for (int r = 0; r < reps; r++) {
        rung = rung.best(time(c, mnist, true));
        if (c.convolutional() && oneDnn) {
          plain = plain.best(time(c, mnist, false));
        }
        reference = reference.best(torch.run(c, openblas));
      }
      report(c, reps, rung, plain, reference);
    }
  }

  private static void report(Case c, int reps, Timing rung, Timing plain, Timing reference) {
    System.out.printf(
        Locale.ROOT,
        "%s: %s on %s, batch %d, %s, best of %d%n",
        c.title(),
        c.net(),
        c.shape(),
        c.batch(),
        c.batches() == 0 ? rung.samples() + " examples" : c.batches() + " batches",
        reps);
    line("rung", rung);
    if (!Double.isNaN(plain.thread())) {
      line("rung without oneDNN", plain);
    }
    line("pytorch", reference);
    System.out.printf(
        Locale.ROOT,
        "  ratio rung/pytorch: thread cpu %.2f, process cpu %.2f, wall %.2f (target: thread cpu <="
            + " 1.2)%s%n",
        rung.thread() / reference.thread(),
        rung.process() / reference.process(),
        rung.wall() / reference.wall(),
        Double.isNaN(plain.thread())
            ? ""
            : String.format(
                Locale.ROOT, "; oneDNN speed-up %.2fx thread cpu", plain.thread() / rung.thread()));
  }

  private static void line(String side, Timing t) {
    System.out.printf(
        Locale.ROOT,
        "  %-20s thread cpu %7.2f s  process cpu %7.2f s  wall %7.2f s  %6.0f samples per thread-cpu"
            + " second%n",
        side,
        t.thread(),
        t.process(),
        t.wall(),
        t.samples() / t.thread());
  }

  /** JIT and native libraries warmed up with a few batches of each kind of layer. */
  private static void warmUp(PreparedData mnist) {
    for (Case c :
        List.of(
            new Case("", "d64", "1x28x28", 32, 10),
            new Case("", "bn-c8k3p-c8k5-fc16", "1x28x28", 32, 10))) {
      time(c, mnist, true);
    }
  }

  private static Timing time(Case c, PreparedData mnist, boolean helpers) {
    String before = System.getProperty(Backend.HELPERS_DISABLE);
    System.setProperty(Backend.HELPERS_DISABLE, Boolean.toString(!helpers));
    try {
      TrainingSpec spec = TrainingSpec.of(network(c.net()), OptimizerSpec.adam(1e-3), c.batch());
      return c.batches() == 0 ? epoch(spec, mnist) : batches(c, spec, mnist);
    } finally {
      System.setProperty(Backend.HELPERS_DISABLE, before == null ? "false" : before);
    }
  }

  /**
   * One epoch with Rung's loop (shuffling, batch assembly, loss bookkeeping), without validation.
   */
  private static Timing epoch(TrainingSpec spec, PreparedData mnist) {
    EpochTrainer trainer = new EpochTrainer(spec, mnist, 1);
    long thread = THREADS.getCurrentThreadCpuTime();
    long process = OS.getProcessCpuTime();
    EpochMetrics epoch = trainer.train(1, EpochReporter.none()).last();
    // train() also runs the validation pass; its share of the CPU time is left out.
    double share = epoch.trainSeconds() / (epoch.trainSeconds() + epoch.evalSeconds());
    return new Timing(
        epoch.trainSeconds(),
        (THREADS.getCurrentThreadCpuTime() - thread) / 1e9 * share,
        (OS.getProcessCpuTime() - process) / 1e9 * share,
        mnist.train().size());
  }

  /** {@code c.batches()} training steps after five untimed ones. */
  private static Timing batches(Case c, TrainingSpec spec, PreparedData mnist) {
    InputShape input = c.input();
    Supplier<DataSet> data = data(c, input, mnist);
    MultiLayerNetwork net = NetworkFactory.build(spec, input, 10, 7);
    for (int b = 0; b < 5; b++) {
      net.fit(data.get());
    }
    long thread = THREADS.getCurrentThreadCpuTime();
    long process = OS.getProcessCpuTime();
    long start = System.nanoTime();
    for (int b = 0; b < c.batches(); b++) {
      net.fit(data.get());
    }
    return new Timing(
        (System.nanoTime() - start) / 1e9,
        (THREADS.getCurrentThreadCpuTime() - thread) / 1e9,
        (OS.getProcessCpuTime() - process) / 1e9,
        (long) c.batches() * c.batch());
  }

  /** Batches of MNIST in order, or of random images and labels drawn once. */
  private static Supplier<DataSet> data(Case c, InputShape input, PreparedData mnist) {
    if (c.shape().equals("1x28x28")) {
      int[] next = {0};
      return () -> {
        int[] idx = new int[c.batch()];
        for (int i = 0; i < idx.length; i++) {
          idx[i] = next[0]++ % mnist.train().size();
        }
        return mnist.train().batch(idx);
      };
    }
    Nd4j.getRandom().setSeed(3);
    List<DataSet> pool = new ArrayList<>();
    for (int b = 0; b < 8; b++) {
      INDArray x = Nd4j.rand(DataType.FLOAT, c.batch(), input.features());
      INDArray y = Nd4j.zeros(DataType.FLOAT, c.batch(), 10);
      for (int i = 0; i < c.batch(); i++) {
        y.putScalar(i, Nd4j.getRandom().nextInt(10), 1);
      }
      pool.add(new DataSet(x, y));
    }
    int[] next = {0};
    return () -> pool.get(next[0]++ % pool.size());
  }

  /** The notation of {@code torch_reference.py}: c32k5p, d512, fc128, a leading bn. */
  static NetworkSpec network(String net) {
    List<String> tokens = new ArrayList<>(List.of(net.split("-")));
    boolean batchNorm = tokens.get(0).equals("bn");
    if (batchNorm) {
      tokens.remove(0);
    }
    List<ConvLayerSpec> convs = new ArrayList<>();
    List<Integer> dense = new ArrayList<>();
    for (String t : tokens) {
      Matcher conv = CONV.matcher(t);
      Matcher fc = DENSE.matcher(t);
      if (conv.matches()) {
        convs.add(
            new ConvLayerSpec(
                Integer.parseInt(conv.group(1)),
                Integer.parseInt(conv.group(2)),
                !conv.group(3).isEmpty()));
      } else if (fc.matches()) {
        dense.add(Integer.parseInt(fc.group(2)));
      } else {
        throw new IllegalArgumentException("unknown layer " + t + " in " + net);
      }
    }
    if (convs.isEmpty()) {
      return new MlpSpec(dense, ActivationKind.RELU, 0, batchNorm);
    }
    if (dense.size() > 1) {
      throw new IllegalArgumentException("a CNN takes one dense layer at most: " + net);
    }
    return new CnnSpec(
        convs, ActivationKind.RELU, batchNorm, false, dense.isEmpty() ? 0 : dense.get(0), 0);
  }

  /** Runs the PyTorch reference script, one measurement per process. */
  private record Torch(String python, String script, String dir, int threads, int n) {
    String version() throws IOException, InterruptedException {
      List<String> out =
          exec(
              List.of(
                  python,
                  "-c",
                  "import torch; print(torch.__version__, 'oneDNN'"
                      + " if torch.backends.mkldnn.is_available() else 'no oneDNN')"),
              null);
      return out.isEmpty() ? "unknown" : "PyTorch " + out.get(0);
    }

    Timing run(Case c, String blasDir) throws IOException, InterruptedException {
      List<String> out =
          exec(
              List.of(
                  python,
                  script,
                  dir,
                  Integer.toString(threads),
                  c.net(),
                  c.shape(),
                  Integer.toString(c.batch()),
                  Integer.toString(c.batches()),
                  Integer.toString(n)),
              blasDir);
      return new Timing(
          field(out, "seconds"),
          field(out, "cpu_seconds"),
          field(out, "process_cpu_seconds"),
          (long) field(out, "samples"));
    }

    private List<String> exec(List<String> command, String blasDir)
        throws IOException, InterruptedException {
      ProcessBuilder pb = new ProcessBuilder(command);
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
        throw new IllegalStateException(String.join(" ", command) + " exited with " + code);
      }
      return lines;
    }
  }

  private static double field(List<String> lines, String key) {
    Pattern p = Pattern.compile("\"" + Pattern.quote(key) + "\": ([0-9.eE+-]+)");
    for (String line : lines) {
      Matcher m = p.matcher(line);
      if (m.find()) {
        return Double.parseDouble(m.group(1));
      }
    }
    throw new IllegalStateException("the PyTorch reference printed no " + key + ": " + lines);
  }
}
