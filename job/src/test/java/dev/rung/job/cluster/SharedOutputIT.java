package dev.rung.job.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rung.job.tables.SegmentRow;
import dev.rung.study.TrialState;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A sweep whose output is a relative path, submitted to a standalone cluster of two workers: the
 * driver resolves it once against its own working directory, so both executors write and read the
 * same checkpoints (each worker runs its executor in a directory of its own, where the relative
 * path would name a different place), and promoted trials find the checkpoint an executor on the
 * other worker wrote.
 */
class SharedOutputIT {

  @Test
  void aRelativeOutputIsResolvedOnceForEveryExecutor(@TempDir Path dir) throws Exception {
    // Relative to the driver's working directory (the module's, where the tests run).
    Path relative = Path.of("target", "relative-output-" + System.nanoTime());
    Path absolute = relative.toAbsolutePath();
    try (LocalCluster cluster = LocalCluster.startTwoWorkers(dir.resolve("cluster"), 1)) {
      ClusterSweep sweep =
          new ClusterSweep(
              cluster,
              absolute,
              List.of(
                  "study.name=relative",
                  "budget.trials=8",
                  "training.epochs=3",
                  "execution.parallelism=2",
                  "output=" + relative.resolve("out")),
              List.of());
      int exit = sweep.run(900);
      assertEquals(0, exit, sweep.log());
      sweep.assertConsistent(3);
      assertEquals(0, sweep.count(TrialState.FAIL), "no trial lost its checkpoint: " + sweep.log());
      assertTrue(Files.exists(sweep.runDir().resolve("best-model/model.zip")), sweep.log());

      Set<String> executors = new HashSet<>();
      int continued = 0;
      for (SegmentRow s : sweep.segments()) {
        executors.add(s.executorId());
        for (String c : new String[] {s.inputCheckpoint(), s.outputCheckpoint()}) {
          if (c != null) {
            assertTrue(
                c.startsWith("file:" + absolute.resolve("out")),
                "checkpoint paths are absolute and the driver's: " + c);
          }
        }
        continued += s.inputCheckpoint() != null ? 1 : 0;
      }
      assertTrue(executors.size() >= 2, "both executors ran segments: " + executors);
      assertTrue(continued > 0, "some promoted trial continued from a checkpoint");
    } finally {
      SparkDistribution.deleteTree(absolute);
    }
  }
}
