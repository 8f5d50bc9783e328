package dev.rung.job.cli;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rung.job.RunDirs;
import dev.rung.job.SparkTestBase;
import dev.rung.job.config.InvalidConfigException;
import dev.rung.job.config.SweepConfig;
import dev.rung.job.config.SweepConfigLoader;
import dev.rung.job.tables.SqlQuery;
import java.io.File;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.spark.SparkConf;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerStageSubmitted;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code training.executors-per-trial}: each trial of the built-in networks trains data-parallel
 * across several Spark tasks, from the driver (DL4J Spark's parameter averaging).
 */
class AcrossExecutorsTest extends SparkTestBase {
  private static final File CONF = new File("../conf/digits.conf");

  private static SweepConfig sweep(String... overrides) {
    return SweepConfigLoader.load(CONF, List.of(overrides));
  }

  private static String refusal(String... overrides) {
    return assertThrows(InvalidConfigException.class, () -> sweep(overrides)).getMessage();
  }

  @Test
  void settingsThatCannotGoWithItAreRefusedNamingTheKey() {
    assertEquals(1, sweep().executorsPerTrial());
    assertEquals(
        2,
        sweep("training.executors-per-trial=2", "execution.isolation=thread").executorsPerTrial());
    String process = refusal("training.executors-per-trial=2");
    assertTrue(process.contains("rung.training.executors-per-trial"), process);
    assertTrue(process.contains("set rung.execution.isolation = thread"), process);
    String zero = refusal("training.executors-per-trial=0", "execution.isolation=thread");
    assertTrue(zero.contains("rung.training.executors-per-trial"), zero);
    String trainer =
        refusal(
            "training.executors-per-trial=2",
            "execution.isolation=thread",
            "model.trainer=dev.rung.job.trainers.CurveTrainer",
            "study.metrics=[skill_squared]",
            "data.format=none");
    assertTrue(trainer.contains("only with the built-in networks"), trainer);
  }

  @Test
  void sparkThatSchedulesGpusIsRefused() {
    SweepConfig c = sweep("training.executors-per-trial=2", "execution.isolation=thread");
    String m =
        assertThrows(
                InvalidConfigException.class,
                () ->
                    Slots.checkAcrossExecutors(
                        c, new SparkConf(false).set("spark.task.resource.gpu.amount", "1")))
            .getMessage();
    assertTrue(m.contains("training.executors-per-trial: is 2"), m);
    assertTrue(m.contains("spark.task.resource.gpu.amount = 1"), m);
    assertDoesNotThrow(() -> Slots.checkAcrossExecutors(c, new SparkConf(false)));
    assertDoesNotThrow(
        () ->
            Slots.checkAcrossExecutors(
                sweep(), new SparkConf(false).set("spark.task.resource.gpu.amount", "1")));
  }

  /**
   * The digits sweep with every trial across the local master's two task slots: each epoch's Spark
   * jobs run in the segment's job group with two tasks per stage, every segment records where it
   * trained, promoted trials continue from their checkpoints, and the networks learn.
   */
  @Test
  void theDigitsSweepTrainsEachTrialAcrossTwoTasks(@TempDir Path dir) {
    Map<Integer, Integer> tasksPerStage = new ConcurrentHashMap<>();
    SparkListener stages =
        new SparkListener() {
          @Override
          public void onStageSubmitted(SparkListenerStageSubmitted e) {
            String group =
                e.properties() == null ? null : e.properties().getProperty("spark.jobGroup.id");
            if (group != null && group.startsWith("rung-segment-")) {
              tasksPerStage.put(e.stageInfo().stageId(), e.stageInfo().numTasks());
            }
          }
        };
    spark().sparkContext().addSparkListener(stages);
    Sweeps.Run r;
    try {
      r =
          Sweeps.digits(
              "output=" + dir,
              "training.executors-per-trial=2",
              "execution.isolation=thread",
              "execution.parallelism=1",
              "budget.trials=4",
              "training.epochs=3",
              "pruner.max-resource=3");
    } finally {
      spark().sparkContext().removeSparkListener(stages);
    }
    assertEquals(0, r.exit(), r.all());
    assertTrue(r.out().contains("each trial trains across 2 Spark tasks"), r.out());
    assertTrue(!tasksPerStage.isEmpty(), "no Spark job of a segment's group ran");
    assertTrue(
        tasksPerStage.values().stream().allMatch(n -> n == 2),
        "tasks per stage of the segments' jobs: " + tasksPerStage);
    Path run = RunDirs.only(dir);
    String out = run.toString();
    List<Row> segments =
        SqlQuery.run(spark(), out, "SELECT epoch_from, executor_id, backend FROM segments")
            .collectAsList();
    assertTrue(segments.size() >= 4, segments.toString());
    for (Row s : segments) {
      assertEquals("driver", s.getString(1), s.toString());
      assertTrue(s.getString(2).contains("across 2 Spark tasks"), s.toString());
    }
    assertTrue(
        segments.stream().anyMatch(s -> s.getInt(0) > 0),
        "a promoted trial continued from its checkpoint: " + segments);
    double best =
        SqlQuery.run(spark(), out, "SELECT MAX(value) FROM trials WHERE state = 'COMPLETE'")
            .first()
            .getDouble(0);
    // Ten digits: chance is 0.1; three epochs of any of these networks reach far more.
    assertTrue(best > 0.5, "best validation accuracy " + best);
    Sweeps.assertConsistent(spark(), run);
  }
}
