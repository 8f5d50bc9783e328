package dev.rung.training.model;

import dev.rung.training.api.ModelOutput;
import dev.rung.training.api.Trainer;
import dev.rung.training.api.TrialContext;
import dev.rung.training.checkpoint.NetworkArchive;
import dev.rung.training.data.PreparedData;
import dev.rung.training.device.Backend;
import dev.rung.training.device.DeviceAffinity;
import dev.rung.training.export.Latency;
import dev.rung.training.export.ModelExport;
import dev.rung.training.loop.EpochMetrics;
import dev.rung.training.loop.EpochTrainer;
import dev.rung.training.loop.Evaluation;
import dev.rung.training.loop.Metric;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;

/**
 * The built-in networks as a {@link Trainer}: the network the trial's parameters describe ({@link
 * TrainingSpecs}), trained by the epoch loop ({@link EpochTrainer}) on the sweep's data. A sweep
 * without a trainer class trains its trials with this class, through the same segment runner,
 * checkpoint format and listener as a user's trainer.
 *
 * <p>Its settings come from the context's options: {@value #FAMILY} (the sweep's {@code
 * rung.model.family}, unless a search-space parameter {@code model} chooses it per trial) and
 * {@value #ONEDNN} ({@code rung.training.onednn}: oneDNN for the layers that have it). It uses
 * {@link TrialContext#threads()} ND4J threads; given one GPU it pins its work there, given several
 * it trains one replica on each, data-parallel ({@link DeviceAffinity#claim}).
 *
 * <p>Each epoch reports {@code train_loss}, {@code val_loss}, {@code val_accuracy} and {@code
 * val_macro_f1}, and {@code latency_ms} and {@code param_count} when the study optimizes them
 * (measured once per segment: they do not change with training). The saved state is a DL4J model
 * zip with the updater state, read back without Java deserialization ({@link NetworkArchive});
 * everything random in an epoch derives from the trial seed and the epoch, so segments continue
 * exactly.
 */
public final class NetworkTrainer implements Trainer {
  /** The option naming the network family ({@code mlp} or {@code cnn}). */
  public static final String FAMILY = "family";

  /** The option turning oneDNN for the layers on or off (a boolean, default true). */
  public static final String ONEDNN = "onednn";

  /** Per-example inference latency in milliseconds, measured once per segment. */
  public static final String LATENCY_MS = "latency_ms";

  /** The network's number of parameters. */
  public static final String PARAM_COUNT = "param_count";

  /** The metrics training does not change: a network's architecture fixes them. */
  public static final Set<String> ARCHITECTURE_METRICS = Set.of(LATENCY_MS, PARAM_COUNT);

  /**
   * Every metric the built-in networks report: those of each epoch ({@link Metric}, e.g. {@code
   * val_accuracy}), then {@link #LATENCY_MS} and {@link #PARAM_COUNT}.
   */
  public static final List<String> METRICS = metrics();

  private static final String CONTAINER = "trainer.bin";

  private TrialContext context;
  private TrainingSpec spec;
  private PreparedData data;
  private MultiLayerNetwork restored;
  private EpochTrainer trainer;
  private Map<String, Double> architecture;
  private int replicas = 1;

  /** A trainer for a trial, set up by {@link #init}. */
  public NetworkTrainer() {}

  /** The number of replicas the trial trains: the task's GPUs, 1 without GPUs. */
  public int replicas() {
    return replicas;
  }

  /** A trainer around a network already being trained outside a sweep (to save it). */
  public static NetworkTrainer wrapping(EpochTrainer trainer) {
    NetworkTrainer t = new NetworkTrainer();
    t.trainer = trainer;
    t.spec = trainer.spec();
    t.data = trainer.data();
    return t;
  }

  @Override
  public void init(TrialContext context) {
    this.context = context;
    Backend.setThreads(context.threads());
    Backend.useLayerHelpers(context.booleanOption(ONEDNN, true));
    replicas = DeviceAffinity.claim(context.gpu().orElse(null));
    Map<String, Object> params = new LinkedHashMap<>(context.params());
    params.putIfAbsent(ParamNames.MODEL, context.stringOption(FAMILY, "mlp"));
    spec = TrainingSpecs.fromParams(params);
    data = context.data();
    MemoryEstimate.check(spec, data.shape(), data.classes(), replicas);
  }

  /** The network's training loop, built (or continued from the restored state) on first use. */
  private EpochTrainer trainer(int epoch) {
    if (trainer == null) {
      if (restored != null) {
        trainer = new EpochTrainer(restored, spec, data, context.seed(), epoch, List.of());
      } else if (epoch == 0) {
        trainer = new EpochTrainer(spec, data, context.seed());
      } else {
        throw new IllegalStateException(
            "epoch " + epoch + " needs the state of the earlier epochs, and none was restored");
      }
      if (context.epochFit().isPresent()) {
        trainer.fitWith(context.epochFit().get());
      } else {
        trainer.dataParallel(replicas);
      }
    }
    if (trainer.nextEpoch() != epoch) {
      throw new IllegalStateException(
          "asked for epoch " + epoch + ", but epoch " + trainer.nextEpoch() + " is next");
    }
    return trainer;
  }

  @Override
  public Map<String, Double> trainEpoch(int epoch) {
    EpochMetrics m = trainer(epoch).trainNext();
    Map<String, Double> out = new LinkedHashMap<>(m.values());
    if (architecture == null) {
      architecture = architectureMetrics();
    }
    out.putAll(architecture);
    return out;
  }

  /**
   * The metrics that do not change with training ({@code latency_ms}, {@code param_count}), when
   * the study asks for them: measured once per segment, on its first epoch, and reported with every
   * epoch, so that each rung can rank by them and the last epoch holds every objective.
   */
  private Map<String, Double> architectureMetrics() {
    Map<String, Double> out = new LinkedHashMap<>();
    MultiLayerNetwork net = trainer.network();
    if (context.metrics().contains(LATENCY_MS)) {
      int n = Math.min(64, data.validation().size());
      out.put(
          LATENCY_MS,
          1000
              * Latency.perExampleSeconds(net, data.validation().range(0, n).getFeatures(), 3, 10));
    }
    if (context.metrics().contains(PARAM_COUNT)) {
      out.put(PARAM_COUNT, (double) Latency.parameterCount(net));
    }
    return out;
  }

  @Override
  public void save(OutputStream out) throws IOException {
    if (trainer == null) {
      throw new IllegalStateException("nothing to save: no epoch was trained or restored");
    }
    NetworkArchive.write(trainer.network(), out);
  }

  @Override
  public void restore(InputStream in) throws IOException {
    restore(in, "the checkpoint", CONTAINER);
  }

  /**
   * Reads back the network from entry {@code container} of the checkpoint at {@code location} (both
   * named in the errors).
   *
   * @throws dev.rung.training.checkpoint.CheckpointException if the entry holds anything but a
   *     network Rung wrote
   */
  public void restore(InputStream in, String location, String container) throws IOException {
    restored = NetworkArchive.read(in, container, location);
    trainer = null;
  }

  @Override
  public Map<String, Double> test() {
    if (trainer == null && restored == null) {
      throw new IllegalStateException("no trained network to test");
    }
    MultiLayerNetwork net = trainer != null ? trainer.network() : restored;
    Evaluation test = Evaluation.of(net, data.test());
    Map<String, Double> out = new LinkedHashMap<>();
    out.put("test_accuracy", test.accuracy());
    out.put("test_macro_f1", test.macroF1());
    out.put("test_loss", test.loss());
    return out;
  }

  @Override
  public void export(ModelOutput output) throws IOException {
    MultiLayerNetwork net = trainer != null ? trainer.network() : restored;
    try (OutputStream out = output.create(ModelExport.MODEL)) {
      ModelSerializer.writeModel(net, out, false);
    }
  }

  /** What {@code model.json} says about the exported network besides parameters and metrics. */
  public Map<String, Object> exportDescription() {
    MultiLayerNetwork net = trainer != null ? trainer.network() : restored;
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("model_file", ModelExport.MODEL);
    out.put("num_params", net.numParams());
    return out;
  }

  private static List<String> metrics() {
    List<String> out = new ArrayList<>();
    for (Metric m : Metric.values()) {
      out.add(m.key());
    }
    out.add(LATENCY_MS);
    out.add(PARAM_COUNT);
    return List.copyOf(out);
  }
}
