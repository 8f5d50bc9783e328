package dev.rung.job.exec;

import dev.rung.job.config.SweepConfig;
import dev.rung.training.TrainingTask;
import dev.rung.training.checkpoint.Checkpoint;
import dev.rung.training.data.DataCache;
import dev.rung.training.data.PreparedData;
import dev.rung.training.device.Backend;
import dev.rung.training.device.DeviceAffinity;
import dev.rung.training.export.Latency;
import dev.rung.training.export.ModelExport;
import dev.rung.training.loop.EpochReporter;
import dev.rung.training.loop.EpochTrainer;
import dev.rung.training.loop.Evaluation;
import dev.rung.training.loop.Metric;
import dev.rung.training.loop.TrainingDivergedException;
import dev.rung.training.loop.TrainingOutcome;
import dev.rung.training.model.TrainingSpecs;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Trains segments with Deeplearning4j on an executor: builds the network from the trial's
 * parameters (or continues it from the input checkpoint), trains the segment's epochs on the data
 * (read once per JVM), reports each epoch's metrics, prunes with the sweep's frozen pruner, stops
 * at the time limit, and saves the output checkpoint.
 *
 * <p>A trial's own failure (an exception, a NaN loss, out of memory, a bad checkpoint) comes back
 * as a FAILED result with the reason; Spark never retries it.
 */
public final class TrainingSegmentRunner implements SweepRunner {
  private static final long serialVersionUID = 1L;

  private final SweepData data;
  private final List<String> metrics;
  private final int maxEpochs;
  private final int threads;
  private final String family;
  private final boolean oneDnn;

  private TrainingSegmentRunner(
      SweepData data,
      List<String> metrics,
      int maxEpochs,
      int threads,
      String family,
      boolean oneDnn) {
    this.family = family;
    this.oneDnn = oneDnn;
    this.data = data;
    this.metrics = List.copyOf(metrics);
    this.maxEpochs = maxEpochs;
    this.threads = threads;
  }

  /** The runner of a sweep definition. */
  public static TrainingSegmentRunner of(SweepConfig c) {
    return new TrainingSegmentRunner(
        SweepData.of(c),
        c.metrics(),
        c.pruner().maxResource(),
        c.threads(),
        c.model().family(),
        c.oneDnn());
  }

  @Override
  public String backend() {
    return Backend.name();
  }

  @Override
  public SegmentResult run(SegmentTask task, TaskPlacement placement) {
    long start = System.currentTimeMillis();
    List<EpochMetrics> epochs = new ArrayList<>();
    Map<String, Double> objectives = new LinkedHashMap<>();
    ExecutorOutcome outcome;
    String reason = null;
    try {
      Backend.setThreads(threads);
      Backend.useLayerHelpers(oneDnn);
      if (placement.gpu() != null) {
        DeviceAffinity.pin(placement.gpu().split(",")[0]);
      }
      Metric metric = Metric.parse(metrics.get(0));
      SegmentMonitor monitor =
          new SegmentMonitor(task, metric.name().toLowerCase(Locale.ROOT), start, epochs);
      SegmentReporter reporter = new SegmentReporter(metric, monitor);
      TrainingTask.Result done =
          new TrainingTask(
                  data.spec(),
                  withFamily(task.params()),
                  task.seed(),
                  task.epochFrom(),
                  task.epochTo(),
                  task.inputCheckpoint(),
                  task.outputCheckpoint())
              .run(reporter);
      TrainingOutcome result = done.outcome();
      EpochTrainer trainer = done.trainer();
      if (result.pruned()) {
        outcome = monitor.timedOut() ? ExecutorOutcome.TIMEOUT : ExecutorOutcome.PRUNED;
        reason = monitor.stopReason();
      } else {
        outcome = ExecutorOutcome.FINISHED;
        if (task.epochTo() >= maxEpochs) {
          objectives.putAll(finalObjectives(trainer, epochs));
        }
      }
    } catch (TrainingDivergedException e) {
      outcome = ExecutorOutcome.FAILED;
      reason = "training diverged: " + e.getMessage();
    } catch (OutOfMemoryError e) {
      outcome = ExecutorOutcome.FAILED;
      reason = "out of memory: " + e.getMessage();
    } catch (RuntimeException e) {
      outcome = ExecutorOutcome.FAILED;
      reason = e.getClass().getSimpleName() + ": " + e.getMessage();
    }
    return SegmentResult.of(task, placement, outcome, reason, epochs, start, objectives);
  }

  private Map<String, Double> finalObjectives(EpochTrainer trainer, List<EpochMetrics> epochs) {
    Map<String, Double> out = new LinkedHashMap<>();
    EpochMetrics last = epochs.get(epochs.size() - 1);
    for (String m : metrics) {
      switch (m) {
        case "latency_ms" ->
            out.put(
                m,
                1000
                    * Latency.perExampleSeconds(
                        trainer.network(),
                        trainer
                            .data()
                            .validation()
                            .range(0, Math.min(64, trainer.data().validation().size()))
                            .getFeatures(),
                        3,
                        10));
        case "param_count" -> out.put(m, (double) Latency.parameterCount(trainer.network()));
        case "val_accuracy" -> out.put(m, last.valAccuracy());
        case "val_macro_f1" -> out.put(m, last.valMacroF1());
        case "val_loss" -> out.put(m, last.valLoss());
        case "train_loss" -> out.put(m, last.trainLoss());
        default -> throw new IllegalArgumentException("unknown metric '" + m + "'");
      }
    }
    return out;
  }

  /**
   * Evaluates a trial's checkpoint once on the test set (the tuning never saw it) and exports the
   * network to {@code exportDir} as a DL4J model zip with its parameters and metrics beside it.
   *
   * @return the tuning metrics with test_accuracy, test_macro_f1, test_loss
   */
  @Override
  public Map<String, Double> testAndExport(
      Map<String, Object> params,
      String checkpoint,
      Map<String, Double> tuningMetrics,
      String exportDir,
      long seed,
      int trial) {
    PreparedData prepared = DataCache.get(data.spec());
    EpochTrainer trainer =
        Checkpoint.load(checkpoint).resume(TrainingSpecs.fromParams(withFamily(params)), prepared);
    Evaluation test = trainer.evaluateTest();
    Map<String, Double> out = new LinkedHashMap<>(tuningMetrics);
    out.put("test_accuracy", test.accuracy());
    out.put("test_macro_f1", test.macroF1());
    out.put("test_loss", test.loss());
    ModelExport.write(trainer.network(), exportDir, params, out);
    return out;
  }

  @Override
  public String exported(String exportDir) {
    return exportDir + "/model.zip (with model.json)";
  }

  /** The parameters with the sweep's model family, unless a "model" parameter chooses it. */
  private Map<String, Object> withFamily(Map<String, Object> params) {
    Map<String, Object> p = new LinkedHashMap<>(params);
    p.putIfAbsent("model", family);
    return p;
  }

  /** Hands each epoch to the segment's monitor. */
  private static final class SegmentReporter implements EpochReporter {
    private final Metric metric;
    private final SegmentMonitor monitor;

    SegmentReporter(Metric metric, SegmentMonitor monitor) {
      this.metric = metric;
      this.monitor = monitor;
    }

    @Override
    public void report(dev.rung.training.loop.EpochMetrics m) {
      monitor.record(
          new EpochMetrics(
              m.epoch(),
              m.value(metric),
              m.trainLoss(),
              m.validationLoss(),
              m.validationAccuracy(),
              m.validationMacroF1(),
              Math.round(1000 * (m.trainSeconds() + m.evalSeconds()))));
    }

    @Override
    public boolean shouldPrune() {
      return monitor.shouldStop();
    }
  }
}
