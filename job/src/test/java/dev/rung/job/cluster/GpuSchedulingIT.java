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
      assertTrue(Files.exists(sweep.runDir().resolve("best-model/model.zip")));
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

  /**
   * Half a GPU per task ({@code spark.task.resource.gpu.amount=0.5}): two workers of 2 cores and 1
   * GPU each run two trials per GPU. The sweep counts 4 slots from the executors' GPUs, every
   * segment runs on its worker's one GPU, segments share a GPU two at a time, never three.
   */
  @Test
  void halfAGpuPerTaskRunsTwoTrialsOnEachGpu(@TempDir Path dir) throws Exception {
    try (LocalCluster cluster =
        LocalCluster.start(
            dir.resolve("cluster"),
            List.of(
                new LocalCluster.WorkerSpec(2, "1g", List.of("0")),
                new LocalCluster.WorkerSpec(2, "1g", List.of("1"))))) {
      ClusterSweep sweep =
          new ClusterSweep(
              cluster,
              dir,
              List.of(
                  "study.name=half-gpus",
                  "budget.trials=12",
                  "training.epochs=3",
                  "execution.parallelism=0"),
              List.of(
                  "spark.executor.cores=2",
                  "spark.executor.resource.gpu.amount=1",
                  "spark.task.resource.gpu.amount=0.5"));
      int exit = sweep.run(900);
      assertEquals(0, exit, sweep.log());
      sweep.assertConsistent(3);
      assertEquals(12, sweep.trials().size());
      // Four slots once both executors are there (at the start, or as they register).
      assertTrue(
          sweep.log().contains(" 4 slot(s)") || sweep.log().contains("task slots: 2 -> 4"),
          sweep.log());
      List<SegmentRow> segments = sweep.segments();
      Map<String, Set<String>> gpusOfExecutor = new HashMap<>();
      for (SegmentRow s : segments) {
        assertTrue(
            Set.of("0", "1").contains(s.gpuAddress()),
            "segment " + s.segmentId() + " on GPU " + s.gpuAddress());
        gpusOfExecutor.computeIfAbsent(s.executorId(), k -> new HashSet<>()).add(s.gpuAddress());
      }
      for (Map.Entry<String, Set<String>> e : gpusOfExecutor.entrySet()) {
        assertEquals(1, e.getValue().size(), "executor " + e.getKey() + " used " + e.getValue());
      }
      int shared = 0;
      for (SegmentRow a : segments) {
        int atOnce = 0;
        for (SegmentRow b : segments) {
          // b runs when a starts, on a's GPU (a itself included).
          if (b.gpuAddress().equals(a.gpuAddress())
              && !b.start().isAfter(a.start())
              && b.end().isAfter(a.start())) {
            atOnce++;
          }
        }
        assertTrue(
            atOnce <= 2, "segment " + a.segmentId() + " started with " + atOnce + " on its GPU");
        shared += atOnce == 2 ? 1 : 0;
      }
      assertTrue(shared > 0, "no two segments ever shared a GPU");
    }
  }

  /**
   * Two GPUs per task: two workers of 2 cores and 2 GPUs each, one task (one trial) per executor at
   * a time, trained data-parallel on both GPUs of the task. Every segment records both addresses of
   * its worker's GPUs and two replicas; the trials complete.
   */
  @Test
  void twoGpusPerTaskTrainEachTrialDataParallel(@TempDir Path dir) throws Exception {
    try (LocalCluster cluster = LocalCluster.startTwoWorkers(dir.resolve("cluster"), 2)) {
      ClusterSweep sweep =
          new ClusterSweep(
              cluster,
              dir,
              List.of(
                  "study.name=two-gpus",
                  "budget.trials=6",
                  "training.epochs=3",
                  "execution.parallelism=0"),
              List.of(
                  "spark.executor.cores=2",
                  "spark.task.cpus=2",
                  "spark.executor.resource.gpu.amount=2",
                  "spark.task.resource.gpu.amount=2"));
      int exit = sweep.run(900);
      assertEquals(0, exit, sweep.log());
      sweep.assertConsistent(3);
      assertEquals(6, sweep.trials().size());
      assertTrue(sweep.count(TrialState.COMPLETE) >= 1, sweep.log());
      Set<String> pairs = new HashSet<>();
      for (SegmentRow s : sweep.segments()) {
        assertTrue(
            Set.of("0,1", "2,3").contains(s.gpuAddress()),
            "segment " + s.segmentId() + " on GPUs " + s.gpuAddress());
        assertTrue(
            s.backend() != null && s.backend().endsWith(", data-parallel on 2 replicas"),
            "segment " + s.segmentId() + ": " + s.backend() + " / " + s.reason());
        pairs.add(s.gpuAddress());
      }
      assertEquals(Set.of("0,1", "2,3"), pairs, "both workers' GPU pairs trained");
    }
  }
}
