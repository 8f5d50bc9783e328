package dev.rung.job.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rung.job.tables.SegmentRow;
import dev.rung.study.TrialState;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A sweep submitted with spark-submit to a standalone cluster of two workers, each with 2 task
 * slots and 2 (fake) GPUs, one GPU per task: every segment runs on exactly one GPU address, which
 * the {@code segments} table records, and no two segments that overlap in time share a GPU.
 */
class GpuSchedulingIT {

  @Test
  void everySegmentRunsOnItsOwnGpu(@TempDir Path dir) throws Exception {
    // Two slots per worker, so two segments run side by side on each executor and could collide
    // on a GPU if Spark's assignment were not used.
    try (LocalCluster cluster = LocalCluster.startTwoWorkers(dir.resolve("cluster"), 2)) {
      ClusterSweep sweep =
          new ClusterSweep(
              cluster,
              dir,
              List.of(
                  "study.name=gpus",
                  "budget.trials=8",
                  "training.epochs=3",
                  "execution.parallelism=4"),
              List.of("spark.executor.cores=2"));
      int exit = sweep.run(900);
      assertEquals(0, exit, sweep.log());
      assertTrue(sweep.log().contains("test accuracy"), sweep.log());
      assertTrue(Files.exists(sweep.output.resolve("best-model/model.zip")));
      sweep.assertConsistent(3);
      assertEquals(8, sweep.trials().size());
      assertTrue(sweep.count(TrialState.COMPLETE) >= 1);

      List<SegmentRow> segments = sweep.segments();
      Map<String, Set<String>> gpusOfExecutor = new HashMap<>();
      for (SegmentRow s : segments) {
        assertNotNull(s.gpuAddress(), "segment " + s.segmentId() + " has no GPU address");
        assertFalse(
            s.gpuAddress().contains(","), "segment " + s.segmentId() + ": " + s.gpuAddress());
        assertTrue(
            Set.of("0", "1", "2", "3").contains(s.gpuAddress()),
            "segment " + s.segmentId() + " on GPU " + s.gpuAddress());
        gpusOfExecutor.computeIfAbsent(s.executorId(), k -> new HashSet<>()).add(s.gpuAddress());
      }
      // Each executor owns the GPUs of its worker: 0,1 or 2,3, never a mix.
      for (Map.Entry<String, Set<String>> e : gpusOfExecutor.entrySet()) {
        Set<String> g = e.getValue();
        assertTrue(
            Set.of("0", "1").containsAll(g) || Set.of("2", "3").containsAll(g),
            "executor " + e.getKey() + " used GPUs " + g);
      }
      assertTrue(gpusOfExecutor.size() >= 2, "both executors ran segments: " + gpusOfExecutor);
      int overlapping = 0;
      List<SegmentRow> sorted = new ArrayList<>(segments);
      for (int i = 0; i < sorted.size(); i++) {
        for (int j = i + 1; j < sorted.size(); j++) {
          SegmentRow a = sorted.get(i);
          SegmentRow b = sorted.get(j);
          boolean overlap = a.start().isBefore(b.end()) && b.start().isBefore(a.end());
          if (overlap && a.host().equals(b.host())) {
            overlapping++;
            assertFalse(
                a.gpuAddress().equals(b.gpuAddress()),
                "segments "
                    + a.segmentId()
                    + " and "
                    + b.segmentId()
                    + " ran at the same time on GPU "
                    + a.gpuAddress());
          }
        }
      }
      // Four slots: segments did run concurrently, so the check above had something to check.
      assertTrue(overlapping > 0, "no two segments overlapped in time");
    }
  }
}
