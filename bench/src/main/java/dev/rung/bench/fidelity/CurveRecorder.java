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
 * Records real learning curves for {@link TableReplay}: trains random configurations of an MLP
 * space on the bundled UCI digits with Rung's epoch loop, every configuration for the same number
 * of epochs, and writes every epoch's validation error ({@code 1 - accuracy}) and validation loss
 * as two {@link CurveTable} files.
 *
 * <p>The space has the same seven columns for every configuration, so that the replay's space is
 * fixed: {@code layers} (1..3 hidden layers), {@code width} (16..256 log, shared by the layers),
 * {@code dropout} (0..0.5), {@code optimizer} (adam, or sgd with momentum 0.9), {@code lr}
 * (1e-4..0.3 log), {@code weight_decay} (1e-6..1e-2 log), {@code batch_size} (32, 64, 128).
 * Everything else is the training module's default (ReLU, no batch norm, no schedule, He init). No
 * CNN: on this 8x8 data a small CNN epoch costs about ten MLP epochs on one thread, and the curves
 * are for the schedulers, not for the best digits model. A diverged configuration keeps chance
 * error (0.9) and the loss of its last finite epoch for the remaining epochs.
 *
 * <p>Usage: {@code CurveRecorder OUT_PREFIX [configs 300] [epochs 27] [seed 1] [workers 1]}; writes
 * {@code OUT_PREFIX-error.csv} and {@code OUT_PREFIX-loss.csv} (flushed after each configuration;
 * gzip them to commit them: {@link MultiFidelityBench} reads {@code .csv.gz} too). One ND4J thread
 * per worker; each configuration is trained by one worker alone, so the curves do not depend on the
 * number of workers (rows come in the order configurations finish).
 */
public final class CurveRecorder {
  private static final double CHANCE_ERROR = 0.9;

  private CurveRecorder() {}

  public static void main(String[] args) throws IOException {
    if (args.length < 1) {
      System.err.println("usage: CurveRecorder OUT_PREFIX [configs] [epochs] [seed] [workers]");
      System.exit(2);
    }
    String prefix = args[0];
    int configs = args.length > 1 ? Integer.parseInt(args[1]) : 300;
    int epochs = args.length > 2 ? Integer.parseInt(args[2]) : 27;
    long seed = args.length > 3 ? Long.parseLong(args[3]) : 1;
    int workers = args.length > 4 ? Integer.parseInt(args[4]) : 1;
    Backend.setThreads(1);
    PreparedData digits = DataCache.get(DataSpec.digits());
    ModelSearch search = new ModelSearch().models("mlp").perLayerWidth(false);
    String header =
        "config_id,layers,width,dropout,optimizer,lr,weight_decay," + "batch_size,epoch,value";
    long start = System.nanoTime();
    try (PrintWriter error = writer(Path.of(prefix + "-error.csv"));
        PrintWriter loss = writer(Path.of(prefix + "-loss.csv"))) {
      String comment =
          String.format(
              Locale.ROOT,
              "# UCI digits (%d train, %d validation), %d random configurations x %d epochs,"
                  + " seed %d, ND4J %s 1 thread; CurveRecorder",
              digits.train().size(),
              digits.validation().size(),
              configs,
              epochs,
              seed,
              Backend.name());
      error.println(comment + "; value = validation error");
      loss.println(comment + "; value = validation cross-entropy");
      error.println(header);
      loss.println(header);
      ExecutorService pool = Executors.newFixedThreadPool(workers);
      List<Future<?>> done = new ArrayList<>();
      for (int i = 0; i < configs; i++) {
        int c = i;
        done.add(
            pool.submit(
                () -> {
                  Map<String, Object> row = sample(Seeds.rng(seed, c));
                  TrainingSpec spec = search.sample(new FixedParams(toModelParams(row)));
                  double[][] curve = train(spec, digits, Seeds.derive(seed, c), epochs);
                  write(c, columns(row), curve, error, loss, start);
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
      int c, String params, double[][] curve, PrintWriter error, PrintWriter loss, long start) {
    int epochs = curve[0].length;
    for (int e = 0; e < epochs; e++) {
      error.printf(Locale.ROOT, "c%d,%s,%d,%.4f%n", c, params, e + 1, curve[0][e]);
      loss.printf(Locale.ROOT, "c%d,%s,%d,%.4f%n", c, params, e + 1, curve[1][e]);
    }
    System.out.printf(
        Locale.ROOT,
        "c%d %s: error %.4f after 1 epoch, %.4f after %d (%.0f s so far)%n",
        c,
        params,
        curve[0][0],
        curve[0][epochs - 1],
        epochs,
        (System.nanoTime() - start) / 1e9);
    error.flush();
    loss.flush();
  }

  /** One configuration of the fixed nine-column space. */
  static Map<String, Object> sample(RandomGenerator rng) {
    Map<String, Object> p = new LinkedHashMap<>();
    p.put("layers", 1 + rng.nextInt(3));
    p.put("width", (int) Math.round(Math.exp(uniform(rng, Math.log(16), Math.log(256)))));
    p.put("dropout", uniform(rng, 0, 0.5));
    p.put("optimizer", rng.nextBoolean() ? "adam" : "sgd");
    p.put("lr", Math.pow(10, uniform(rng, -4, Math.log10(0.3))));
    p.put("weight_decay", Math.pow(10, uniform(rng, -6, -2)));
    p.put("batch_size", List.of(32, 64, 128).get(rng.nextInt(3)));
    return p;
  }

  private static double uniform(RandomGenerator rng, double low, double high) {
    return low + (high - low) * rng.nextDouble();
  }

  /** The training module's parameter names for a row of the fixed space. */
  static Map<String, Object> toModelParams(Map<String, Object> row) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put(ParamNames.MODEL, "mlp");
    m.put(ParamNames.ACTIVATION, "relu");
    m.put(ParamNames.DROPOUT, row.get("dropout"));
    m.put(ParamNames.BATCH_NORM, false);
    int layers = (Integer) row.get("layers");
    m.put(ParamNames.MLP_LAYERS, layers);
    m.put(ParamNames.MLP_WIDTH, row.get("width"));
    m.put(ParamNames.OPTIMIZER, row.get("optimizer"));
    m.put(ParamNames.LR, row.get("lr"));
    m.put(ParamNames.WEIGHT_DECAY, row.get("weight_decay"));
    m.put(ParamNames.MOMENTUM, 0.9);
    m.put(ParamNames.LR_SCHEDULE, "none");
    m.put(ParamNames.BATCH_SIZE, row.get("batch_size"));
    m.put(ParamNames.WEIGHT_INIT, "he");
    return m;
  }

  private static String columns(Map<String, Object> row) {
    return String.format(
        Locale.ROOT,
        "%d,%d,%.3f,%s,%.4g,%.4g,%d",
        row.get("layers"),
        row.get("width"),
        row.get("dropout"),
        row.get("optimizer"),
        row.get("lr"),
        row.get("weight_decay"),
        row.get("batch_size"));
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

  private static PrintWriter writer(Path file) throws IOException {
    return new PrintWriter(Files.newBufferedWriter(file, StandardCharsets.UTF_8));
  }
}
