package dev.rung.job.cli;

import dev.rung.job.config.ConfigError;
import dev.rung.job.config.InvalidConfigException;
import dev.rung.job.config.Settings;
import dev.rung.job.config.SweepConfig;
import java.io.PrintStream;
import java.util.List;
import java.util.Locale;
import java.util.OptionalInt;
import java.util.function.IntSupplier;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.resource.ResourceInformation;
import org.apache.spark.status.api.v1.ExecutorSummary;
import scala.Option;
import scala.collection.JavaConverters;

/** How many segments run at once: the configured parallelism, or every task slot Spark has. */
final class Slots {
  /** How often the slots of a sweep that follows Spark's executors are counted again. */
  static final long RECOUNT_MILLIS = 1_000;

  private Slots() {}

  /**
   * The trials that train at once: the configured parallelism, or every task slot Spark has, shared
   * out by {@code training.executors-per-trial} when each trial trains on several.
   */
  static int of(SweepConfig c, JavaSparkContext jsc) {
    checkGpusPerTask(c, jsc.getConf());
    checkAcrossExecutors(c, jsc.getConf());
    if (c.execution().parallelism() > 0) {
      return c.execution().parallelism();
    }
    return Math.max(1, available(jsc) / c.executorsPerTrial());
  }

  /**
   * Refuses trials across executors where Spark schedules GPUs: DL4J Spark's tasks train on their
   * executor's current device, not on the GPU Spark gave the task, so two tasks could share one.
   */
  static void checkAcrossExecutors(SweepConfig c, SparkConf conf) {
    String gpus = conf.get("spark.task.resource.gpu.amount", "");
    if (c.executorsPerTrial() > 1 && !gpus.isBlank()) {
      throw new InvalidConfigException(
          List.of(
              new ConfigError(
                  Settings.EXECUTORS_PER_TRIAL.path(),
                  null,
                  "is "
                      + c.executorsPerTrial()
                      + ", but this Spark schedules GPUs (spark.task.resource.gpu.amount = "
                      + gpus
                      + "): a trial trains across executors on CPU executors only, because DL4J"
                      + " Spark's tasks train on their executor's current device rather than on"
                      + " the GPU given to the task; expected 1 (the GPUs of one task train a"
                      + " trial data-parallel already)")));
    }
  }

  /**
   * As {@link #following}, for trials of {@code perTrial} task slots each: the trials that fit in
   * Spark's task slots at each moment, at least one (whose Spark jobs wait for slots).
   */
  static IntSupplier followingTrials(
      JavaSparkContext jsc, int initialTrials, int perTrial, PrintStream out) {
    IntSupplier tasks = following(jsc, initialTrials * perTrial, out);
    return () -> Math.max(1, tasks.getAsInt() / perTrial);
  }

  /**
   * Refuses tasks of several GPUs each with trials in the executor's JVM: a trial trains on all the
   * GPUs of its task only in a JVM of its own that sees just those (execution.isolation = process).
   */
  static void checkGpusPerTask(SweepConfig c, SparkConf conf) {
    double gpus = conf.getDouble("spark.task.resource.gpu.amount", 0);
    if (gpus > 1 && !c.execution().isolated()) {
      throw new InvalidConfigException(
          List.of(
              new ConfigError(
                  Settings.ISOLATION.path(),
                  null,
                  String.format(
                      Locale.ROOT,
                      "'thread' cannot train a trial on the %s GPUs of its task"
                          + " (spark.task.resource.gpu.amount = %s): data-parallel training needs"
                          + " a JVM that sees only the task's GPUs; expected 'process', or at most"
                          + " 1 GPU per task",
                      gpus == Math.rint(gpus) ? Long.toString((long) gpus) : Double.toString(gpus),
                      conf.get("spark.task.resource.gpu.amount")))));
    }
  }

  /**
   * Every task slot Spark has: cores per task, and GPUs per task when tasks take GPUs. When a sweep
   * uses fewer, segments submitted beyond its slots would not wait in Spark's queue but run at
   * once.
   */
  static int available(JavaSparkContext jsc) {
    if (!jsc.sc().isLocal()) {
      OptionalInt counted = ofExecutors(jsc);
      if (counted.isPresent()) {
        return Math.max(1, counted.getAsInt());
      }
    }
    SparkConf conf = jsc.getConf();
    int cpusPerTask = conf.getInt("spark.task.cpus", 1);
    int slots = Math.max(1, jsc.defaultParallelism() / Math.max(1, cpusPerTask));
    double gpusPerTask = conf.getDouble("spark.task.resource.gpu.amount", 0);
    if (gpusPerTask > 0) {
      int executors = Math.max(1, jsc.sc().getExecutorMemoryStatus().size() - 1);
      double gpusPerExecutor = conf.getDouble("spark.executor.resource.gpu.amount", 1);
      slots = Math.min(slots, (int) Math.floor(executors * gpusPerExecutor / gpusPerTask));
    }
    return Math.max(1, slots);
  }

  /**
   * The task slots of the executors registered now, each counted as Spark's scheduler does: its
   * cores per task, and its GPUs per task when tasks take GPUs; empty while none is registered. The
   * executors come from Spark's status store, the one its UI's Executors tab shows.
   */
  static OptionalInt ofExecutors(JavaSparkContext jsc) {
    SparkConf conf = jsc.getConf();
    int cpusPerTask = Math.max(1, conf.getInt("spark.task.cpus", 1));
    double gpusPerTask = conf.getDouble("spark.task.resource.gpu.amount", 0);
    int slots = 0;
    boolean any = false;
    for (ExecutorSummary e :
        JavaConverters.seqAsJavaList(jsc.sc().statusStore().executorList(true))) {
      if (e.id().equals("driver")) {
        continue;
      }
      any = true;
      int n = e.totalCores() / cpusPerTask;
      if (gpusPerTask > 0) {
        Option<ResourceInformation> gpus = e.resources().get("gpu");
        int count = gpus.isDefined() ? gpus.get().addresses().length : 0;
        // Fractional amounts: 0.5 GPU per task puts two tasks on each GPU.
        n = Math.min(n, (int) Math.floor(count / gpusPerTask + 1e-9));
      }
      slots += n;
    }
    return any ? OptionalInt.of(slots) : OptionalInt.empty();
  }

  /**
   * The task slots Spark has as its executors come and go (a worker added, dynamic allocation,
   * preemption): counted again ({@link #ofExecutors}) at most every {@link #RECOUNT_MILLIS}, each
   * change said on {@code out}.
   */
  static IntSupplier following(JavaSparkContext jsc, int initial, PrintStream out) {
    return new IntSupplier() {
      private int slots = initial;
      private long countedAt = System.currentTimeMillis();

      @Override
      public synchronized int getAsInt() {
        long now = System.currentTimeMillis();
        if (now - countedAt >= RECOUNT_MILLIS) {
          countedAt = now;
          OptionalInt counted = ofExecutors(jsc);
          // No executor at all (all lost, or dynamic allocation not started yet): keep one slot,
          // whose segment waits in Spark's queue for the next executor.
          int n = Math.max(1, counted.orElse(1));
          if (n != slots) {
            out.printf(
                Locale.ROOT, "[rung] task slots: %d -> %d (Spark's executors changed)%n", slots, n);
            slots = n;
          }
        }
        return slots;
      }
    };
  }
}
