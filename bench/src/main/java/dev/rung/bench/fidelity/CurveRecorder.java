package dev.rung.bench.fidelity;

import dev.rung.study.Seeds;
import dev.rung.training.data.DataCache;
import dev.rung.training.data.DataSpec;
import dev.rung.training.data.PreparedData;
import dev.rung.training.device.Backend;
import dev.rung.training.loop.EpochMetrics;
import dev.rung.training.loop.EpochReporter;
import dev.rung.training.loop.EpochTrainer;
import dev.rung.training.loop.TrainingDivergedException;
import dev.rung.training.model.ModelSearch;
import dev.rung.training.model.ParamNames;
import dev.rung.training.model.TrainingSpec;
import dev.rung.training.params.FixedParams;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.random.RandomGenerator;

/**
 * Records real learning curves for {@link TableReplay}: trains random configurations of an MLP or a
 * small CNN space on the bundled UCI digits with Rung's epoch loop, every configuration for the
 * same number of epochs, and writes every epoch's validation error ({@code 1 - accuracy}) and
 * validation loss as two {@link CurveTable} files.
 *
 * <p>Each space has the same columns for every configuration, so that the replay's space is fixed
 * ({@link Space}). Everything else is the training module's default (ReLU, no batch norm, no
 * schedule, He init). A diverged configuration keeps chance error (0.9) and the loss of its last
 * finite epoch for the remaining epochs.
 *
 * <p>Configuration {@code c} is drawn from {@code Seeds.rng(seed, c)} and trained with seed {@code
 * Seeds.derive(seed, c)}, so a configuration's curve does not depend on which other configurations
 * are recorded in the same run: {@code --from 149 --to 300} appends to a table of {@code c0..c148}.
 *
 * <p>Usage: {@code CurveRecorder --out PREFIX [--space mlp|cnn] [--from 0] [--to 300] [--epochs 27]
 * [--seed 1] [--workers 1]}; writes {@code PREFIX-error.csv} and {@code PREFIX-loss.csv} (flushed
 * after each configuration; gzip them to commit them: {@link MultiFidelityBench} reads {@code
 * .csv.gz} too). One ND4J thread per worker; each configuration is trained by one worker alone, so
 * the curves do not depend on the number of workers (rows come in the order configurations finish).
 */
public final class CurveRecorder {
  private static final double CHANCE_ERROR = 0.9;

  /** The recorded search spaces; the column names are the table's parameter columns. */
  public enum Space {
    /**
     * {@code layers} (1..3 hidden layers), {@code width} (16..256 log, shared by the layers),
     * {@code dropout} (0..0.5), {@code optimizer} (adam, or sgd with momentum 0.9), {@code lr}
     * (1e-4..0.3 log), {@code weight_decay} (1e-6..1e-2 log), {@code batch_size} (32, 64, 128).
     */
    MLP(List.of("layers", "width", "dropout", "optimizer", "lr", "weight_decay", "batch_size")),
    /**
     * {@code layers} (1 or 2 blocks of a 3x3 same-padded convolution and 2x2 max pooling: 8x8 to
     * 4x4 to 2x2), {@code channels} (8..32 log, shared by the blocks), {@code fc_width} (32..128
     * log, one dense layer on the flattened maps), {@code dropout} (0..0.5, on the dense layers'
     * inputs), {@code optimizer}, {@code lr}, {@code weight_decay}, {@code batch_size} as for the
     * MLP.
     */
    CNN(
        List.of(
            "layers",
            "channels",
            "fc_width",
            "dropout",
            "optimizer",
            "lr",
            "weight_decay",
            "batch_size"));

    private final List<String> columns;

    Space(List<String> columns) {
      this.columns = columns;
    }

    public List<String> columns() {
      return columns;
    }

    static Space parse(String name) {
      return switch (name) {
        case "mlp" -> MLP;
        case "cnn" -> CNN;
        default ->
            throw new IllegalArgumentException(
                "--space '" + name + "' is not known; allowed: mlp, cnn");
      };
    }

    /** One configuration: a value for each column, in column order. */
    public Map<String, Object> sample(RandomGenerator rng) {
      Map<String, Object> p = new LinkedHashMap<>();
      if (this == MLP) {
        p.put("layers", 1 + rng.nextInt(3));
        p.put("width", logInt(rng, 16, 256));
        p.put("dropout", uniform(rng, 0, 0.5));
      } else {
        p.put("layers", 1 + rng.nextInt(2));
        p.put("channels", logInt(rng, 8, 32));
        p.put("fc_width", logInt(rng, 32, 128));
        p.put("dropout", uniform(rng, 0, 0.5));
      }
      p.put("optimizer", rng.nextBoolean() ? "adam" : "sgd");
      p.put("lr", Math.pow(10, uniform(rng, -4, Math.log10(0.3))));
      p.put("weight_decay", Math.pow(10, uniform(rng, -6, -2)));
      p.put("batch_size", List.of(32, 64, 128).get(rng.nextInt(3)));
      return p;
    }

    /** The training module's parameter names for a row of this space. */
    public Map<String, Object> toModelParams(Map<String, Object> row) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put(ParamNames.MODEL, name().toLowerCase(Locale.ROOT));
      m.put(ParamNames.ACTIVATION, "relu");
      m.put(ParamNames.DROPOUT, row.get("dropout"));
      m.put(ParamNames.BATCH_NORM, false);
      int layers = (Integer) row.get("layers");
      if (this == MLP) {
        m.put(ParamNames.MLP_LAYERS, layers);
        m.put(ParamNames.MLP_WIDTH, row.get("width"));
      } else {
        m.put(ParamNames.CNN_LAYERS, layers);
        for (int i = 0; i < layers; i++) {
          m.put(ParamNames.convChannels(i), row.get("channels"));
          m.put(ParamNames.convKernel(i), 3);
          m.put(ParamNames.convPool(i), true);
        }
        m.put(ParamNames.GLOBAL_POOL, false);
        m.put(ParamNames.FC_WIDTH, row.get("fc_width"));
      }
      m.put(ParamNames.OPTIMIZER, row.get("optimizer"));
      m.put(ParamNames.LR, row.get("lr"));
      m.put(ParamNames.WEIGHT_DECAY, row.get("weight_decay"));
      m.put(ParamNames.MOMENTUM, 0.9);
      m.put(ParamNames.LR_SCHEDULE, "none");
      m.put(ParamNames.BATCH_SIZE, row.get("batch_size"));
      m.put(ParamNames.WEIGHT_INIT, "he");
      return m;
    }

    /** The search whose {@code sample} rebuilds a row's network from {@link #toModelParams}. */
    public ModelSearch search() {
      return this == MLP
          ? new ModelSearch().models("mlp").perLayerWidth(false)
          : new ModelSearch().models("cnn").cnnLayers(1, 2);
    }

    String format(Map<String, Object> row) {
      List<String> out = new ArrayList<>();
      for (String c : columns) {
        Object v = row.get(c);
        out.add(
            switch (c) {
              case "dropout" -> String.format(Locale.ROOT, "%.3f", v);
              case "lr", "weight_decay" -> String.format(Locale.ROOT, "%.4g", v);
              default -> String.valueOf(v);
            });
      }
      return String.join(",", out);
    }
  }

  private CurveRecorder() {}

  public static void main(String[] args) throws IOException {
    Map<String, String> opts = options(args);
    if (!opts.containsKey("out")) {
      throw new IllegalArgumentException(
          "--out PREFIX is required (writes PREFIX-error.csv and PREFIX-loss.csv)");
    }
    String prefix = opts.get("out");
    Space space = Space.parse(opts.getOrDefault("space", "mlp"));
    int from = intOption(opts, "from", 0, 0);
    int to = intOption(opts, "to", 300, from + 1);
    int epochs = intOption(opts, "epochs", 27, 1);
    long seed = Long.parseLong(opts.getOrDefault("seed", "1"));
    int workers = intOption(opts, "workers", 1, 1);
    Backend.setThreads(1);
    PreparedData digits = DataCache.get(DataSpec.digits());
    ModelSearch search = space.search();
    String header = "config_id," + String.join(",", space.columns()) + ",epoch,value";
    long start = System.nanoTime();
    try (PrintWriter error = writer(Path.of(prefix + "-error.csv"));
        PrintWriter loss = writer(Path.of(prefix + "-loss.csv"))) {
      String comment =
          String.format(
              Locale.ROOT,
              "# UCI digits (%d train, %d validation), %s, random configurations c%d..c%d x %d"
                  + " epochs, seed %d, ND4J %s 1 thread; CurveRecorder",
              digits.train().size(),
              digits.validation().size(),
              space.name().toLowerCase(Locale.ROOT),
              from,
              to - 1,
              epochs,
              seed,
              Backend.name());
      error.println(comment + "; value = validation error");
      loss.println(comment + "; value = validation cross-entropy");
      error.println(header);
      loss.println(header);
      ExecutorService pool = Executors.newFixedThreadPool(workers);
      List<Future<?>> done = new ArrayList<>();
      for (int i = from; i < to; i++) {
        int c = i;
        done.add(
            pool.submit(
                () -> {
                  Map<String, Object> row = space.sample(Seeds.rng(seed, c));
                  TrainingSpec spec = search.sample(new FixedParams(space.toModelParams(row)));
                  long t0 = System.nanoTime();
                  double[][] curve = train(spec, digits, Seeds.derive(seed, c), epochs);
                  double seconds = (System.nanoTime() - t0) / 1e9;
                  write(c, space.format(row), curve, error, loss, start, seconds);
                }));
      }
      pool.shutdown();
      for (Future<?> f : done) {
        try {
          f.get();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new IOException("interrupted while recording", e);
        } catch (ExecutionException e) {
          throw new IOException("a configuration failed: " + e.getCause(), e.getCause());
        }
      }
    }
  }

  private static synchronized void write(
      int c,
      String params,
      double[][] curve,
      PrintWriter error,
      PrintWriter loss,
      long start,
      double seconds) {
    int epochs = curve[0].length;
    for (int e = 0; e < epochs; e++) {
      error.printf(Locale.ROOT, "c%d,%s,%d,%.4f%n", c, params, e + 1, curve[0][e]);
      loss.printf(Locale.ROOT, "c%d,%s,%d,%.4f%n", c, params, e + 1, curve[1][e]);
    }
    System.out.printf(
        Locale.ROOT,
        "c%d %s: error %.4f after 1 epoch, %.4f after %d; %.1f s (%.0f s so far)%n",
        c,
        params,
        curve[0][0],
        curve[0][epochs - 1],
        epochs,
        seconds,
        (System.nanoTime() - start) / 1e9);
    error.flush();
    loss.flush();
  }

  private static int logInt(RandomGenerator rng, int low, int high) {
    return (int) Math.round(Math.exp(uniform(rng, Math.log(low), Math.log(high))));
  }

  private static double uniform(RandomGenerator rng, double low, double high) {
    return low + (high - low) * rng.nextDouble();
  }

  /** Validation error and loss after each of {@code epochs} epochs. */
  private static double[][] train(TrainingSpec spec, PreparedData data, long seed, int epochs) {
    double[][] out = new double[2][epochs];
    EpochTrainer trainer = new EpochTrainer(spec, data, seed);
    try {
      trainer.train(epochs, EpochReporter.none());
    } catch (TrainingDivergedException e) {
      // the epochs before the divergence count; the rest keep chance error and the last loss
    }
    int done = 0;
    for (EpochMetrics m : trainer.history()) {
      if (!Double.isFinite(m.validationLoss())) {
        break;
      }
      out[0][done] = 1 - m.validationAccuracy();
      out[1][done] = m.validationLoss();
      done++;
    }
    for (int e = done; e < epochs; e++) {
      out[0][e] = CHANCE_ERROR;
      out[1][e] = e > 0 ? out[1][e - 1] : 2.3026;
    }
    return out;
  }

  private static int intOption(Map<String, String> opts, String key, int fallback, int min) {
    String v = opts.get(key);
    int n;
    try {
      n = v == null ? fallback : Integer.parseInt(v);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("--" + key + " is '" + v + "': expected an integer");
    }
    if (n < min) {
      throw new IllegalArgumentException("--" + key + " is " + n + ": must be >= " + min);
    }
    return n;
  }

  private static Map<String, String> options(String[] args) {
    Map<String, String> opts = new LinkedHashMap<>();
    List<String> known = List.of("out", "space", "from", "to", "epochs", "seed", "workers");
    for (int i = 0; i < args.length; i++) {
      String key = args[i].startsWith("--") ? args[i].substring(2) : "";
      if (!known.contains(key) || i + 1 == args.length) {
        throw new IllegalArgumentException(
            "argument '" + args[i] + "': use --name value, names " + known);
      }
      opts.put(key, args[++i]);
    }
    return opts;
  }

  private static PrintWriter writer(Path file) throws IOException {
    return new PrintWriter(Files.newBufferedWriter(file, StandardCharsets.UTF_8));
  }
}
