package dev.rung.job.exec;

import dev.rung.job.config.SweepConfig;
import dev.rung.training.api.Trainer;
import dev.rung.training.api.TrialContext;
import dev.rung.training.checkpoint.CheckpointException;
import dev.rung.training.data.DataCache;
import dev.rung.training.data.PreparedData;
import dev.rung.training.export.ModelExport;
import dev.rung.training.loop.TrainingDivergedException;
import dev.rung.training.trainer.EpochListener;
import dev.rung.training.trainer.TrainerClasses;
import dev.rung.training.trainer.TrainerTask;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Trains segments with a user's {@link Trainer} class on an executor. The class is loaded there
 * through the task's context class loader (which sees the jars given to spark-submit with {@code
 * --jars}); everything around the trainer is as for the built-in networks: the epochs' metrics,
 * pruning by the sweep's pruner (frozen by the driver), the segment's time limit, checkpoints at
 * the locations the driver chose, and a FAILED result with the reason when the trainer throws or
 * its objective is NaN.
 */
public final class TrainerSegmentRunner implements SweepRunner {
  private static final long serialVersionUID = 1L;

  private final String trainer;
  private final SweepData data;
  private final List<String> metrics;
  private final int maxEpochs;
  private final LinkedHashMap<String, Object> options;

  TrainerSegmentRunner(
      String trainer,
      SweepData data,
      List<String> metrics,
      int maxEpochs,
      Map<String, Object> options) {
    this.trainer = trainer;
    this.data = data;
    this.metrics = List.copyOf(metrics);
    this.maxEpochs = maxEpochs;
    this.options = new LinkedHashMap<>(options);
  }

  /** The runner of a sweep definition whose {@code rung.model.trainer} names a class. */
  public static TrainerSegmentRunner of(SweepConfig c) {
    if (!c.model().hasTrainer()) {
      throw new IllegalArgumentException("the sweep names no trainer class (rung.model.trainer)");
    }
    return new TrainerSegmentRunner(
        c.model().trainer(),
        c.data().format().equals("none") ? null : SweepData.of(c),
        c.metrics(),
        c.pruner().maxResource(),
        c.model().options());
  }

  @Override
  public String backend() {
    return "trainer " + trainer;
  }

  @Override
  public SegmentResult run(SegmentTask task, TaskPlacement placement) {
    long start = System.currentTimeMillis();
    List<EpochMetrics> epochs = new ArrayList<>();
    Map<String, Double> objectives = new LinkedHashMap<>();
    ExecutorOutcome outcome;
    String reason = null;
    try {
      SegmentMonitor monitor = new SegmentMonitor(task, metrics.get(0), start, epochs);
      Listener listener = new Listener(monitor);
      TrainerTask segment =
          new TrainerTask(
              TrainerClasses.load(trainer),
              context(task.trial(), task.params(), task.seed(), placement.gpu()),
              task.epochFrom(),
              task.epochTo(),
              task.inputCheckpoint(),
              task.outputCheckpoint());
      int trained = segment.run(listener);
      if (trained < task.epochTo()) {
        outcome = monitor.timedOut() ? ExecutorOutcome.TIMEOUT : ExecutorOutcome.PRUNED;
        reason = monitor.stopReason();
      } else {
        outcome = ExecutorOutcome.FINISHED;
        if (task.epochTo() >= maxEpochs) {
          objectives.putAll(finalObjectives(listener.last, task.epochTo()));
        }
      }
    } catch (TrainingDivergedException e) {
      outcome = ExecutorOutcome.FAILED;
      reason = "training diverged: " + e.getMessage();
    } catch (OutOfMemoryError e) {
      outcome = ExecutorOutcome.FAILED;
      reason = "out of memory: " + e.getMessage();
    } catch (CheckpointException e) {
      outcome = ExecutorOutcome.FAILED;
      reason = e.getMessage();
    } catch (Exception | LinkageError e) {
      // The trainer's own failure, or its class missing from this executor: the trial's problem.
      outcome = ExecutorOutcome.FAILED;
      reason = trainer + " failed: " + e;
    }
    return SegmentResult.of(task, placement, outcome, reason, epochs, start, objectives);
  }

  private Map<String, Double> finalObjectives(Map<String, Double> last, int epoch) {
    Map<String, Double> out = new LinkedHashMap<>();
    for (String m : metrics) {
      Double v = last.get(m);
      if (v == null || !Double.isFinite(v)) {
        throw new IllegalStateException(
            "the last epoch ("
                + epoch
                + ") reported "
                + (v == null ? "no '" + m + "'" : m + " = " + v)
                + "; the study optimizes "
                + metrics
                + " (it reported "
                + last.keySet()
                + ")");
      }
      out.put(m, v);
    }
    return out;
  }

  @Override
  public Map<String, Double> testAndExport(
      Map<String, Object> params,
      String checkpoint,
      Map<String, Double> tuningMetrics,
      String exportDir,
      long seed,
      int trial) {
    Map<String, Double> out = new LinkedHashMap<>(tuningMetrics);
    try {
      out.putAll(
          TrainerTask.testAndExport(
              TrainerClasses.load(trainer),
              context(trial, params, seed, null),
              maxEpochs,
              checkpoint,
              exportDir));
    } catch (RuntimeException e) {
      throw e;
    } catch (Exception e) {
      throw new IllegalStateException(trainer + " failed on the test set: " + e, e);
    }
    ModelExport.writeTrainerMeta(exportDir, trainer, params, out);
    return out;
  }

  @Override
  public String exported(String exportDir) {
    return exportDir + " (files written by " + trainer + ", with model.json)";
  }

  private TrialContext context(int trial, Map<String, Object> params, long seed, String gpu) {
    SweepData d = data;
    Supplier<PreparedData> prepared =
        () -> {
          if (d == null) {
            throw new IllegalStateException(
                "this sweep has no data (rung.data.format = none): the trainer reads its own");
          }
          return DataCache.get(d.spec());
        };
    return new TrialContext(trial, params, options, seed, maxEpochs, gpu, prepared);
  }

  /** Turns a trainer's metrics into the recorded epochs. */
  private final class Listener implements EpochListener {
    private final SegmentMonitor monitor;
    Map<String, Double> last = new LinkedHashMap<>();

    Listener(SegmentMonitor monitor) {
      this.monitor = monitor;
    }

    @Override
    public void epoch(int epoch, Map<String, Double> reported, long millis) {
      String objective = metrics.get(0);
      Double value = reported.get(objective);
      if (value == null) {
        throw new IllegalStateException(
            "epoch "
                + epoch
                + " reported no '"
                + objective
                + "', the study's objective (it reported "
                + reported.keySet()
                + ")");
      }
      last = new LinkedHashMap<>(reported);
      monitor.record(
          new EpochMetrics(
              epoch,
              value,
              optional(reported, "train_loss"),
              optional(reported, "val_loss"),
              optional(reported, "val_accuracy"),
              optional(reported, "val_macro_f1"),
              millis));
    }

    @Override
    public boolean shouldStop() {
      return monitor.shouldStop();
    }

    private static double optional(Map<String, Double> m, String name) {
      Double v = m.get(name);
      return v == null ? Double.NaN : v;
    }
  }
}
