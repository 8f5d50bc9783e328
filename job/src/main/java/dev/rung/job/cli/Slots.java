package dev.rung.job.cli;

import dev.rung.job.config.SweepConfig;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;

/** How many segments run at once: the configured parallelism, or every task slot Spark has. */
final class Slots {
  private Slots() {}

  static int of(SweepConfig c, JavaSparkContext jsc) {
    if (c.execution().parallelism() > 0) {
      return c.execution().parallelism();
    }
    return available(jsc);
  }

  /**
   * Every task slot Spark has: cores per task, and GPUs per task when tasks take GPUs. When a sweep
   * uses fewer, segments submitted beyond its slots would not wait in Spark's queue but run at
   * once.
   */
  static int available(JavaSparkContext jsc) {
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
}
