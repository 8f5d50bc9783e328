package dev.rung.job.exec;

import dev.rung.job.config.Settings;
import dev.rung.job.config.SweepConfig;
import dev.rung.training.api.Trainer;
import dev.rung.training.api.TrialContext;
import dev.rung.training.checkpoint.CheckpointException;
import dev.rung.training.data.DataCache;
import dev.rung.training.data.PreparedData;
import dev.rung.training.device.Backend;
import dev.rung.training.device.BackendUnavailableException;
import dev.rung.training.loop.EpochFit;
import dev.rung.training.loop.EpochMetrics;
import dev.rung.training.loop.EpochReporter;
import dev.rung.training.loop.TrainingDivergedException;
import dev.rung.training.model.NetworkTrainer;
import dev.rung.training.trainer.TrainerClasses;
import dev.rung.training.trainer.TrainerTask;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.apache.spark.api.java.JavaSparkContext;

/**
 * Trains a sweep's segments on an executor, whatever trains them: the built-in networks ({@link
 * NetworkTrainer}, with the sweep's model family and oneDNN setting as its options) or the user's
 * {@link Trainer} class named by {@code rung.model.trainer} (loaded there through the task's
 * context class loader, which sees the jars given to spark-submit with {@code --jars}). Around the
 * trainer everything is the same: the data read once per JVM, each epoch's metrics recorded,
 * pruning by the sweep's pruner (frozen by the driver), the segment's time limit, checkpoints at
 * the locations the driver chose, and the final objectives of a trial's last segment.
 *
 * <p>A trial's own failure (an exception of the trainer, a NaN objective, out of memory, a bad
 * checkpoint, the trainer class missing on the executor) comes back as a FAILED result with the
 * reason; Spark never retries it.
 */
public final class TrainingSegmentRunner implements SweepRunner {
  private static final long serialVersionUID = 3L;

  /**
   * Mini-batches each task trains between two averagings of a trial across executors: DL4J Spark's
   * own default.
   */
  public static final int AVERAGING_FREQUENCY = 5;

  private final String trainer;
  private final SweepData data;
  private final List<String> metrics;
  private final List<String> reported;
  private final int maxEpochs;
  private final int threads;
  private final LinkedHashMap<String, Object> options;
  private final int executorsPerTrial;

  private TrainingSegmentRunner(
      String trainer,
      SweepData data,
      List<String> metrics,
      List<String> reported,
      int maxEpochs,
      int threads,
      Map<String, Object> options,
      int executorsPerTrial) {
    this.trainer = trainer;
    this.data = data;
    this.metrics = List.copyOf(metrics);
    this.reported = List.copyOf(reported);
    this.maxEpochs = maxEpochs;
    this.threads = threads;
    this.options = new LinkedHashMap<>(options);
    this.executorsPerTrial = executorsPerTrial;
  }

  /** The runner of a sweep definition: its trainer class, or the built-in networks. */
  public static TrainingSegmentRunner of(SweepConfig c) {
    SweepData data = c.data().format().equals("none") ? null : SweepData.of(c);
    if (c.model().hasTrainer()) {
      return new TrainingSegmentRunner(
          c.model().trainer(),
          data,
          c.metrics(),
          c.reportedMetrics(),
          c.pruner().maxResource(),
          c.threads(),
          c.model().options(),
          1);
    }
    Map<String, Object> options = new LinkedHashMap<>();
    options.put(NetworkTrainer.FAMILY, c.model().family());
    options.put(NetworkTrainer.ONEDNN, c.oneDnn());
    return new TrainingSegmentRunner(
        NetworkTrainer.class.getName(),
        data,
        c.metrics(),
        c.reportedMetrics(),
        c.pruner().maxResource(),
        c.threads(),
        options,
        c.executorsPerTrial());
  }

  @Override
  public String backend() {
    return builtIn() ? Backend.name() + acrossExecutors() : "trainer " + trainer;
  }

  /**
   * The runner of segments on the driver whose epochs are fitted across {@code
   * training.executors-per-trial} Spark tasks through {@code jsc} ({@link SparkEpochFit}), each
   * segment's Spark jobs in a job group of its own. It stays on the driver: it is never shipped.
   */
  public SegmentRunner acrossExecutors(JavaSparkContext jsc) {
    if (executorsPerTrial < 2 || !builtIn()) {
      throw new IllegalStateException(
          "a trial trains across executors only with the built-in networks and "
              + Settings.EXECUTORS_PER_TRIAL.key()
              + " above 1 (it is "
              + executorsPerTrial
              + ")");
    }
    return new AcrossExecutors(this, jsc);
  }

  @Override
  public SegmentResult run(SegmentTask task, TaskPlacement placement) {
    return run(task, placement, null);
  }

  /** As {@link #run(SegmentTask, TaskPlacement)}, each epoch fitted by {@code fit} if not null. */
  private SegmentResult run(SegmentTask task, TaskPlacement placement, EpochFit fit) {
    long start = System.currentTimeMillis();
    List<EpochMetrics> epochs = new ArrayList<>();
    Map<String, Double> objectives = new LinkedHashMap<>();
    ExecutorOutcome outcome;
    String reason = null;
    try {
      if (builtIn() || data != null) {
        // The executor's first ND4J use: a CUDA build on a machine without CUDA fails the
        // segment saying what the machine lacks.
        Backend.ensureLoaded();
      }
      SegmentMonitor monitor = new SegmentMonitor(task, start, epochs);
      TrainerTask segment =
          new TrainerTask(
              TrainerClasses.load(trainer),
              fit == null
                  ? context(task.trial(), task.params(), task.seed(), placement.devices())
                  : context(task.trial(), task.params(), task.seed(), null).withEpochFit(fit),
              task.epochFrom(),
              task.epochTo(),
              task.inputCheckpoint(),
              task.outputCheckpoint());
      int trained = segment.run(reporter(monitor));
      if (trained < task.epochTo()) {
        outcome = monitor.timedOut() ? ExecutorOutcome.TIMEOUT : ExecutorOutcome.PRUNED;
        reason = monitor.stopReason();
      } else {
        outcome = ExecutorOutcome.FINISHED;
        if (task.epochTo() >= maxEpochs) {
          objectives.putAll(finalObjectives(epochs.get(epochs.size() - 1)));
        }
      }
    } catch (TrainingDivergedException e) {
      outcome = ExecutorOutcome.FAILED;
      reason = "training diverged: " + e.getMessage();
    } catch (OutOfMemoryError e) {
      outcome = ExecutorOutcome.FAILED;
      reason = "out of memory: " + e.getMessage();
    } catch (SparkEpochFit.LostTasksException e) {
      // The cluster lost the segment's tasks: a retry can cure that, the trial did not fail.
      throw e;
    } catch (CheckpointException | BackendUnavailableException e) {
      outcome = ExecutorOutcome.FAILED;
      reason = e.getMessage();
    } catch (Exception | LinkageError e) {
      // The trainer's own failure, or its class missing from this executor: the trial's problem.
      outcome = ExecutorOutcome.FAILED;
      reason =
          builtIn()
              ? e.getClass().getSimpleName() + ": " + e.getMessage()
              : trainer + " failed: " + e;
    }
    return SegmentResult.of(task, placement, outcome, reason, epochs, start, objectives)
        .withBackend(
            builtIn()
                ? Backend.describe() + (fit == null ? replicas(placement) : ", " + fit.describe())
                : backend());
  }

  /**
   * What the built-in networks add to the backend for a task of several GPUs: they train one
   * replica on each ({@link dev.rung.training.device.DeviceAffinity#claim}), or fail the segment.
   */
  private static String replicas(TaskPlacement placement) {
    String devices = placement.devices();
    int n = devices == null || devices.isBlank() ? 1 : devices.split(",").length;
    return n > 1 ? ", data-parallel on " + n + " replicas" : "";
  }

  /** The study's metrics as the trial's last epoch reported them; each must be a number. */
  private Map<String, Double> finalObjectives(EpochMetrics last) {
    Map<String, Double> out = new LinkedHashMap<>();
    for (String m : metrics) {
      Double v = last.values().get(m);
      if (v == null || !Double.isFinite(v)) {
        throw new IllegalStateException(
            "the last epoch ("
                + last.step()
                + ") reported "
                + (v == null ? "no '" + m + "'" : m + " = " + v)
                + "; the study optimizes "
                + metrics
                + " (it reported "
                + last.values().keySet()
                + ")");
      }
      out.put(m, v);
    }
    return out;
  }

  /**
   * Restores a trial's checkpoint, evaluates it once on the test set (the tuning never saw it) and
   * exports it to {@code exportDir} with its parameters and metrics in {@code model.json}.
   *
   * @return the tuning metrics with the test metrics (test_accuracy, test_macro_f1 and test_loss
   *     for the built-in networks)
   */
  @Override
  public Map<String, Double> testAndExport(
      Map<String, Object> params,
      String checkpoint,
      Map<String, Double> tuningMetrics,
      String exportDir,
      long seed,
      int trial) {
    try {
      return TrainerTask.testAndExport(
          TrainerClasses.load(trainer),
          context(trial, params, seed, null),
          maxEpochs,
          checkpoint,
          exportDir,
          tuningMetrics);
    } catch (RuntimeException e) {
      throw e;
    } catch (Exception e) {
      throw new IllegalStateException(trainer + " failed on the test set: " + e, e);
    }
  }

  @Override
  public String exported(String exportDir) {
    return builtIn()
        ? exportDir + "/model.zip (with model.json)"
        : exportDir + " (files written by " + trainer + ", with model.json)";
  }

  private TrialContext context(int trial, Map<String, Object> params, long seed, String gpu) {
    SweepData d = data;
    Supplier<PreparedData> prepared =
        () -> {
          if (d == null) {
            throw new IllegalStateException(
                "this sweep has no data ("
                    + Settings.DATA_FORMAT.key()
                    + " = none): the trainer reads its own");
          }
          return DataCache.get(d.spec());
        };
    return new TrialContext(
        trial, params, options, seed, maxEpochs, gpu, prepared, reported, threads);
  }

  /** Hands each epoch to the segment's monitor. */
  private static EpochReporter reporter(SegmentMonitor monitor) {
    return new EpochReporter() {
      @Override
      public void report(EpochMetrics m) {
        monitor.record(m);
      }

      @Override
      public boolean shouldPrune() {
        return monitor.shouldStop();
      }
    };
  }

  /** What the provenance adds for trials trained across executors; empty for one task each. */
  private String acrossExecutors() {
    return executorsPerTrial > 1
        ? ", data-parallel across " + executorsPerTrial + " Spark tasks per trial"
        : "";
  }

  /** Segments on the driver, each trial's epochs fitted across Spark tasks. */
  private static final class AcrossExecutors implements SegmentRunner {
    private static final long serialVersionUID = 1L;
    private final TrainingSegmentRunner runner;
    // The driver's context: this runner never leaves the driver.
    private final transient JavaSparkContext jsc;

    AcrossExecutors(TrainingSegmentRunner runner, JavaSparkContext jsc) {
      this.runner = runner;
      this.jsc = jsc;
    }

    @Override
    public SegmentResult run(SegmentTask task, TaskPlacement placement) {
      if (jsc == null) {
        throw new IllegalStateException("a trial across executors is trained from the driver");
      }
      return runner.run(
          task,
          placement,
          new SparkEpochFit(
              jsc,
              runner.executorsPerTrial,
              AVERAGING_FREQUENCY,
              "rung-segment-" + task.segmentId()));
    }
  }

  /** Whether the built-in networks train the segments. */
  private boolean builtIn() {
    return trainer.equals(NetworkTrainer.class.getName());
  }
}
