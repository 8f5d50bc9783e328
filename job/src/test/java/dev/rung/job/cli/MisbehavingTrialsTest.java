package dev.rung.job.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rung.job.SparkTestBase;
import dev.rung.job.tables.SqlQuery;
import dev.rung.job.trainers.MisbehavingTrainer;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Trials that do to their process what would end or block an executor - {@code System.exit}, a
 * native crash, a thread that never ends, a hang that ignores interrupts - each fail alone (or, the
 * thread, not at all) on the embedded local Spark, where the executors share the driver's JVM: the
 * trials run in JVMs of their own ({@code execution.isolation = process}, the default), and the
 * sweep runs to its end.
 */
@Tag("slow")
class MisbehavingTrialsTest extends SparkTestBase {

  @Test
  void eachMisbehavingTrialFailsAloneWithWhatHappenedAndTheSweepGoesOn(@TempDir Path dir)
      throws Exception {
    spark();
    Path conf =
        Sweeps.trainerSweep(
            dir,
            "misbehaving",
            MisbehavingTrainer.class,
            """
            sampler { type = random, seed = 5 }
            training.epochs = 3
            budget.trials = 8
            execution { parallelism = 2, retries = 0, segment-timeout = 8s }
            """);
    Sweeps.Run run = Sweeps.main(List.of("sweep", conf.toString()));
    assertEquals(0, run.exit(), run.all());

    Map<Integer, Row> trials = new HashMap<>();
    for (Row r :
        SqlQuery.run(
                spark(),
                dir.resolve("out").toString(),
                "SELECT number, state, fail_reason FROM trials")
            .collectAsList()) {
      trials.put(r.getInt(0), r);
    }
    assertEquals(8, trials.size(), "the sweep ran to its end: " + trials);
    assertFailed(trials.get(1), "exit code 17");
    assertFailed(trials.get(2), "exit code 134");
    assertTrue(
        List.of("COMPLETE", "PRUNED").contains(trials.get(3).getString(1)),
        "a thread left behind harms nobody: " + trials.get(3));
    assertFailed(trials.get(4), "time limit of 8000 ms");
    for (int n : List.of(0, 5, 6, 7)) {
      assertTrue(
          List.of("COMPLETE", "PRUNED").contains(trials.get(n).getString(1)),
          "trial " + n + " trains normally: " + trials.get(n));
    }
    Sweeps.assertConsistent(spark(), dir.resolve("out"));
  }

  private static void assertFailed(Row trial, String reason) {
    assertEquals("FAIL", trial.getString(1), trial.toString());
    assertTrue(trial.getString(2).contains(reason), trial.getString(2));
  }
}
