package dev.rung.job.cli;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rung.job.config.InvalidConfigException;
import dev.rung.job.config.SweepConfig;
import dev.rung.job.config.SweepConfigLoader;
import java.io.File;
import java.util.List;
import org.apache.spark.SparkConf;
import org.junit.jupiter.api.Test;

/**
 * Tasks of several GPUs train one trial data-parallel in a JVM that sees only those GPUs: with
 * trials in the executor's JVM they are refused before the sweep starts.
 */
class GpusPerTaskTest {
  private static final File CONF = new File("../conf/digits.conf");

  private static SweepConfig sweep(String isolation) {
    return SweepConfigLoader.load(CONF, List.of("execution.isolation=" + isolation));
  }

  private static SparkConf gpus(String amount) {
    return new SparkConf(false).set("spark.task.resource.gpu.amount", amount);
  }

  @Test
  void severalGpusPerTaskWithThreadIsolationAreRefusedNamingBothSettings() {
    InvalidConfigException e =
        assertThrows(
            InvalidConfigException.class, () -> Slots.checkGpusPerTask(sweep("thread"), gpus("2")));
    String m = e.getMessage();
    assertTrue(m.contains("execution.isolation"), m);
    assertTrue(m.contains("spark.task.resource.gpu.amount = 2"), m);
    assertTrue(m.contains("expected 'process'"), m);
  }

  @Test
  void oneGpuOrLessPerTaskOrTrialsInTheirOwnJvmsAreAccepted() {
    assertDoesNotThrow(() -> Slots.checkGpusPerTask(sweep("process"), gpus("2")));
    assertDoesNotThrow(() -> Slots.checkGpusPerTask(sweep("thread"), gpus("1")));
    assertDoesNotThrow(() -> Slots.checkGpusPerTask(sweep("thread"), gpus("0.5")));
    assertDoesNotThrow(() -> Slots.checkGpusPerTask(sweep("thread"), new SparkConf(false)));
  }
}
