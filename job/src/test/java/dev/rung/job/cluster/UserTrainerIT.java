package dev.rung.job.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rung.job.tables.SegmentRow;
import dev.rung.job.trainers.CurveTrainer;
import dev.rung.job.trainers.TrainerJars;
import dev.rung.study.TrialState;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A user's own trainer class, shipped in the user's jar the way users do it ({@code spark.jars},
 * i.e. {@code --jars}), not in Rung's jar: the driver checks it before any work, the executors load
 * it from the jar Spark fetched for them, and promoted trials continue from the trainer's own
 * checkpoints.
 */
class UserTrainerIT {

  @Test
  void aTrainerFromTheUsersJarTrainsOnTheExecutors(@TempDir Path dir) throws Exception {
    Path jar = TrainerJars.curveTrainer(dir);
    try (LocalCluster cluster = LocalCluster.startTwoWorkers(dir.resolve("cluster"), 2)) {
      ClusterSweep sweep =
          new ClusterSweep(
              cluster,
              dir,
              List.of(
                  "study.name=user-trainer",
                  "model.trainer=" + CurveTrainer.class.getName(),
                  "data.format=none",
                  "space.width={type=int, low=4, high=256, log=true}",
                  "budget.trials=12",
                  "training.epochs=9",
                  "execution.parallelism=4"),
              List.of("spark.executor.cores=2", "spark.jars=" + jar));
      assertEquals(0, sweep.run(900), sweep.log());
      sweep.assertConsistent(9);
      sweep.assertSettled(12);
      assertTrue(sweep.count(TrialState.COMPLETE) >= 1, sweep.log());
      List<SegmentRow> segments = sweep.segments();
      for (SegmentRow s : segments) {
        assertFalse("driver".equals(s.executorId()), "segment " + s.segmentId() + " on the driver");
      }
      // Hyperband from 1 epoch: some trial went on past a rung, from its own checkpoint.
      assertTrue(
          segments.stream().anyMatch(s -> s.epochFrom() > 0 && s.inputCheckpoint() != null),
          "no segment continued a checkpoint\n" + sweep.log());
    }
  }
}
