package dev.rung.job.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rung.job.tables.SegmentRow;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A sweep that takes every task slot Spark has (execution.parallelism = 0, the default) follows
 * Spark's executors on a real standalone cluster: it starts on one worker of one slot, a second
 * worker joins mid-sweep (the slots rise to two and its executor gets segments that run beside the
 * first worker's), then the first worker goes for good (the slots fall back to one and the sweep
 * finishes on the second), with consistent tables.
 */
class ElasticSlotsIT {
  @TempDir static Path dir;
  private static LocalCluster cluster;

  @BeforeAll
  static void startCluster() throws Exception {
    cluster =
        LocalCluster.start(
            dir.resolve("cluster"), List.of(new LocalCluster.WorkerSpec(1, "1g", List.of("0"))));
  }

  @AfterAll
  static void stopCluster() {
    if (cluster != null) {
      cluster.close();
    }
  }

  @Test
  void slotsFollowWorkersThatComeAndGo() throws Exception {
    // Segments of seconds (MLPs of 2x1,024 units), so that both workers' segments overlap.
    ClusterSweep s =
        new ClusterSweep(
            cluster,
            dir.resolve("elastic"),
            List.of(
                "study.name=elastic",
                "budget.trials=24",
                "execution.parallelism=0",
                "training.epochs=3",
                "space.mlp_layers={type=int, low=2, high=2}",
                "space.mlp={per=mlp_layers, params{width{type=int, low=1024, high=1024}}}",
                "space.batch_size={type=categorical, choices=[16]}"),
            List.of("spark.executor.resource.gpu.amount=1"));
    Process driver = s.start();
    long addedAt;
    long removedAt;
    try {
      assertTrue(
          LocalCluster.await(() -> s.epochsRecorded() >= 1 || !driver.isAlive(), 600)
              && driver.isAlive(),
          "the sweep trains on one worker\n" + s.log());
      // One slot: at the start, or once the executor registered after the sweep started (Spark's
      // default parallelism, the count before any executor, is at least 2).
      assertTrue(
          LocalCluster.await(
              () -> s.log().contains(" 1 slot(s)") || s.log().contains("task slots: 2 -> 1"), 60),
          "one slot on one worker\n" + s.log());
      cluster.addWorker(new LocalCluster.WorkerSpec(1, "1g", List.of("1")));
      addedAt = System.currentTimeMillis();
      assertTrue(
          LocalCluster.await(
              () -> s.log().contains("task slots: 1 -> 2") || !driver.isAlive(), 300),
          "the slots rise when the worker joins\n" + s.log());
      // Wait until the new worker's executor has finished a segment, then take the first away.
      assertTrue(
          LocalCluster.await(
              () -> executorsAfter(s, addedAt).size() >= 2 || !driver.isAlive(), 600),
          "both workers' executors train segments\n" + s.log());
      assertTrue(driver.isAlive(), "work is left when the first worker goes\n" + s.log());
      cluster.killWorker(0);
      removedAt = System.currentTimeMillis();
      assertTrue(driver.waitFor(900, TimeUnit.SECONDS), s.log());
    } finally {
      LocalCluster.kill(driver.toHandle());
    }
    assertEquals(0, driver.exitValue(), s.log());
    String log = s.log();
    assertTrue(
        log.indexOf("task slots: 2 -> 1", log.indexOf("task slots: 1 -> 2")) > 0,
        "the slots fall with the worker\n" + log);
    s.assertConsistent(3);
    s.assertSettled(24);
    List<SegmentRow> segments = s.segments();
    // Two segments on different executors that ran at the same time: the second slot was used.
    boolean overlapped = false;
    for (SegmentRow a : segments) {
      for (SegmentRow b : segments) {
        overlapped |=
            a.executorId() != null
                && b.executorId() != null
                && !a.executorId().equals(b.executorId())
                && a.start().isBefore(b.end())
                && b.start().isBefore(a.end());
      }
    }
    assertTrue(overlapped, "segments ran side by side on the two workers\n" + s.log());
    long after = segments.stream().filter(r -> r.start().toEpochMilli() > removedAt).count();
    assertTrue(after > 0, "segments ran after the first worker was gone\n" + s.log());
    System.out.println(
        "[elastic] "
            + segments.size()
            + " segments on executors "
            + executorsAfter(s, 0)
            + ", "
            + after
            + " after the first worker went");
  }

  /**
   * Spark's dynamic allocation on a cluster of two workers of one core, starting with one executor:
   * the work waiting for it is the backlog that makes Spark ask for a second, the slots follow, and
   * both executors train segments.
   */
  @Test
  void dynamicAllocationAddsAnExecutorThatGetsSegments(@TempDir Path own) throws Exception {
    try (LocalCluster two = LocalCluster.startTwoWorkers(own.resolve("cluster"), 1)) {
      ClusterSweep s =
          new ClusterSweep(
              two,
              own.resolve("dynamic"),
              List.of(
                  "study.name=dynamic",
                  "budget.trials=16",
                  "training.epochs=3",
                  "execution.parallelism=0",
                  "space.mlp_layers={type=int, low=2, high=2}",
                  "space.mlp={per=mlp_layers, params{width{type=int, low=1024, high=1024}}}",
                  "space.batch_size={type=categorical, choices=[16]}"),
              List.of(
                  "spark.executor.cores=1",
                  "spark.dynamicAllocation.enabled=true",
                  "spark.dynamicAllocation.shuffleTracking.enabled=true",
                  "spark.dynamicAllocation.initialExecutors=1",
                  "spark.dynamicAllocation.minExecutors=1",
                  "spark.dynamicAllocation.maxExecutors=2",
                  "spark.dynamicAllocation.schedulerBacklogTimeout=1s",
                  "spark.dynamicAllocation.sustainedSchedulerBacklogTimeout=1s"));
      assertEquals(0, s.run(900), s.log());
      s.assertConsistent(3);
      s.assertSettled(16);
      String log = s.log();
      // Spark adds the second executor while the first work waits (the output check's tasks, or
      // the segments queued behind the first slot): the sweep counts its slot either way.
      assertTrue(
          log.contains(" 2 slot(s)") || log.contains("task slots: 1 -> 2"),
          "the slots follow the second executor\n" + log);
      assertEquals(2, executorsAfter(s, 0).size(), "both executors trained segments\n" + log);
    }
  }

  /** The executors that finished a segment that started after {@code millis}. */
  private static Set<String> executorsAfter(ClusterSweep s, long millis) {
    Set<String> ids = new TreeSet<>();
    try {
      for (SegmentRow r : s.segments()) {
        if (r.executorId() != null && r.end().toEpochMilli() > millis) {
          ids.add(r.executorId());
        }
      }
    } catch (Exception e) {
      // The table is being written: look again later.
    }
    return ids;
  }
}
