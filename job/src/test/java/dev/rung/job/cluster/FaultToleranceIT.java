package dev.rung.job.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rung.job.tables.RunRow;
import dev.rung.job.tables.SegmentRow;
import dev.rung.job.tables.TrialRow;
import dev.rung.study.TrialState;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Faults injected into sweeps on a real standalone cluster (two workers of 1 core, 2 fake GPUs
 * each): executors and drivers killed with SIGKILL at different moments, trials that always fail,
 * checkpoints that are corrupt or gone, a worker lost for good (last: it shrinks the cluster).
 * After each, the sweep's tables must be consistent ({@link ClusterSweep#assertConsistent}): every
 * trial once, no epoch recorded or trained twice. Recovery times are printed for docs/cluster.md.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FaultToleranceIT {
  @TempDir static Path dir;
  private static LocalCluster cluster;
  private static int runs;

  @BeforeAll
  static void startCluster() throws Exception {
    cluster = LocalCluster.startDefault(dir.resolve("cluster"));
  }

  @AfterAll
  static void stopCluster() {
    if (cluster != null) {
      cluster.close();
    }
  }

  private static ClusterSweep sweep(String name, String... overrides) {
    List<String> o = new ArrayList<>(List.of("study.name=" + name));
    o.addAll(List.of(overrides));
    return new ClusterSweep(
        cluster, dir.resolve(name + "-" + (++runs)), o, List.of("spark.task.maxFailures=4"));
  }

  private static void report(String fault, String what) {
    System.out.println("[fault] " + fault + ": " + what);
  }

  /**
   * An executor JVM killed while it trains a segment: Spark runs the task again elsewhere, the
   * sweep completes, every trial is there once, and the task that ran again continued from the same
   * input checkpoint. The kill comes {@code delayMillis} after a task started.
   */
  @ParameterizedTest(name = "kill {0} ms into a task")
  @ValueSource(ints = {0, 400, 1200})
  @Order(1)
  void anExecutorKilledMidSegmentIsRetried(int delayMillis) throws Exception {
    // Networks large enough that a segment of the digits takes seconds, whatever the overhead of
    // its dispatch: the kill must find a task still running delayMillis after it was seen.
    ClusterSweep s =
        sweep(
            "executor-kill",
            "budget.trials=5",
            "training.epochs=3",
            "execution.parallelism=2",
            "space.mlp_layers={type=int, low=2, high=2}",
            "space.mlp={per=mlp_layers, params{width{type=int, low=2048, high=2048}}}",
            "space.batch_size={type=categorical, choices=[16]}");
    Process driver = s.start();
    long killedAt = 0;
    try {
      // Wait for a task to run (after at least one segment finished, so promotions with
      // checkpoints are about), wait delayMillis, and kill its executor if it still runs it.
      ProcessHandle victim = null;
      long deadline = System.currentTimeMillis() + 300_000;
      while (victim == null && System.currentTimeMillis() < deadline && driver.isAlive()) {
        Thread.sleep(100);
        if (s.epochsRecorded() < 1) {
          continue;
        }
        for (int w = 0; w < cluster.workerCount() && victim == null; w++) {
          for (ProcessHandle e : cluster.executorsOf(w)) {
            if (cluster.runsTask(w, e)) {
              Thread.sleep(delayMillis);
              if (cluster.runsTask(w, e)) {
                LocalCluster.kill(e);
                victim = e;
              }
              break;
            }
          }
        }
      }
      assertNotNull(victim, "no executor was killed while it ran a task\n" + s.log());
      killedAt = System.currentTimeMillis();
      assertTrue(driver.waitFor(600, java.util.concurrent.TimeUnit.SECONDS), s.log());
    } finally {
      LocalCluster.kill(driver.toHandle());
    }
    assertEquals(0, driver.exitValue(), s.log());
    s.assertConsistent(3);
    List<TrialRow> trials = s.assertSettled(5);
    List<SegmentRow> segments = s.segments();
    List<SegmentRow> retried = segments.stream().filter(r -> r.attempt() > 0).toList();
    assertTrue(!retried.isEmpty(), "the killed task ran again\n" + s.log());
    Map<Integer, List<SegmentRow>> byTrial =
        segments.stream().collect(Collectors.groupingBy(SegmentRow::trial));
    for (SegmentRow r : retried) {
      if (r.epochFrom() > 0) {
        // The retry continued from the checkpoint the trial's previous segment wrote.
        SegmentRow before =
            byTrial.get(r.trial()).stream()
                .filter(p -> p.epochTo() == r.epochFrom())
                .findFirst()
                .orElseThrow();
        assertEquals(before.outputCheckpoint(), r.inputCheckpoint(), r.segmentId());
      }
    }
    long recovered =
        segments.stream()
            .filter(r -> r.attempt() > 0)
            .mapToLong(r -> r.end().toEpochMilli())
            .min()
            .orElse(killedAt);
    report(
        "executor killed " + delayMillis + " ms into a task",
        "trials "
            + trials.size()
            + ", retried segments "
            + retried.size()
            + ", retry finished "
            + (recovered - killedAt)
            + " ms after the kill");
  }

  /**
   * The driver (the spark-submit JVM) killed after {@code epochs} epochs were recorded, then the
   * same command run again: it resumes, and nothing is lost, duplicated or trained twice.
   */
  @ParameterizedTest(name = "kill the driver after {0} epoch(s)")
  @ValueSource(ints = {1, 4, 8})
  @Order(2)
  void aKilledDriverResumes(int epochs) throws Exception {
    ClusterSweep s =
        sweep(
            "driver-kill",
            "budget.trials=6",
            "training.epochs=3",
            "execution.parallelism=2",
            "run.id=night-" + epochs);
    Process driver = s.start();
    try {
      boolean reached =
          LocalCluster.await(() -> s.epochsRecorded() >= epochs || !driver.isAlive(), 600);
      assertTrue(reached && driver.isAlive(), "the sweep ended before the kill\n" + s.log());
    } finally {
      LocalCluster.kill(driver.toHandle());
    }
    long killedAt = System.currentTimeMillis();
    // The tables of a killed driver are checked after the rerun: the trials snapshot is written
    // at most every 2 s, so at the kill it may lag behind the appended epochs.
    int before = s.trials().size();
    long completeBefore = s.count(TrialState.COMPLETE);

    int exit = s.run(900);
    assertEquals(0, exit, s.log());
    assertTrue(s.log().contains("resuming study driver-kill"), s.log());
    s.assertConsistent(3);
    List<TrialRow> trials = s.trials();
    assertEquals(6, trials.size(), "the budget counts the trials of the killed run");
    assertTrue(s.count(TrialState.COMPLETE) >= completeBefore, "no complete trial was lost");
    for (TrialRow t : trials) {
      assertTrue(
          t.state() == TrialState.COMPLETE || t.state() == TrialState.PRUNED,
          "trial " + t.number() + " is " + t.state());
    }
    // The killed driver could not record its run; the rerun did, from the marker it left.
    List<RunRow> runs = s.runs();
    assertEquals(
        List.of(RunRow.Outcome.INTERRUPTED, RunRow.Outcome.FINISHED),
        runs.stream().map(RunRow::outcome).toList(),
        runs.toString());
    assertEquals(List.of(1, 2), runs.stream().map(RunRow::attempt).toList(), runs.toString());
    assertEquals("night-" + epochs, runs.get(0).runId());
    assertEquals("night-" + epochs, runs.get(1).runId());
    assertEquals(null, runs.get(0).exitCode());
    assertEquals(6, runs.get(1).trials());
    report(
        "driver killed after " + epochs + " epoch(s)",
        before
            + " trials recorded at the kill, "
            + trials.size()
            + " after the rerun, "
            + s.count(TrialState.COMPLETE)
            + " complete; rerun took "
            + (System.currentTimeMillis() - killedAt)
            + " ms");
  }

  /**
   * Trials that always fail - a NaN loss (a huge learning rate) - end FAIL with their reason after
   * execution.retries retries, while the others complete; the sweep neither stalls nor retries
   * forever. (Out of native memory is not injected here: the kernel kills the executor, see
   * docs/cluster.md. A value the network refuses, such as an unknown activation, no longer reaches
   * a trial: the definition is refused before any work.)
   */
  @Test
  @Order(3)
  void trialsThatAlwaysFailEndFailedWithTheirReason() throws Exception {
    ClusterSweep s =
        sweep(
            "always-fail",
            "budget.trials=10",
            "training.epochs=1",
            "pruner.type=none",
            "sampler.type=random",
            "execution.retries=2",
            "execution.parallelism=2",
            "space.lr={type=categorical, choices=[0.01, 1e12]}",
            "space.optimizer={type=categorical, choices=[sgd]}",
            "space.mlp_layers={type=int, low=1, high=1}",
            "space.mlp={per=mlp_layers, params{width{type=int, low=32, high=48}}}");
    long start = System.currentTimeMillis();
    assertEquals(0, s.run(900), s.log());
    s.assertConsistent(1);
    List<TrialRow> trials = s.trials();
    assertEquals(10, trials.size());
    Map<Integer, Long> segmentsPerTrial =
        s.segments().stream()
            .collect(Collectors.groupingBy(SegmentRow::trial, Collectors.counting()));
    Map<String, Integer> reasons = new HashMap<>();
    for (TrialRow t : trials) {
      Map<String, Object> p = t.params();
      boolean nan = ((Number) p.get("lr")).doubleValue() > 1;
      if (!nan) {
        assertEquals(TrialState.COMPLETE, t.state(), "trial " + t.number() + " " + p);
        continue;
      }
      assertEquals(TrialState.FAIL, t.state(), "trial " + t.number() + " " + p);
      String r = t.failReason();
      assertNotNull(r);
      assertTrue(r.contains("after 2 retries"), r);
      assertEquals(3L, segmentsPerTrial.get(t.number()), "1 try + 2 retries of " + t.number());
      boolean explained = r.contains("diverged") || r.toLowerCase().contains("nan");
      assertTrue(explained, "trial " + t.number() + " " + p + ": " + r);
      reasons.merge(r.replaceAll(":.*", ""), 1, Integer::sum);
    }
    report(
        "trials that always fail", reasons + " in " + (System.currentTimeMillis() - start) + " ms");
  }

  /**
   * Checkpoints that are corrupt (truncated) or missing when trials continue from them: the driver
   * is killed once trials have paused at the first rung, the epoch-1 checkpoints of the trials
   * whose first segment was recorded and that had not finished are damaged, and the sweep is run
   * again. Each trial that then continues from a damaged checkpoint ends FAIL with the checkpoint
   * named, after its retry; the other trials go on.
   */
  @ParameterizedTest(name = "{0} checkpoint")
  @ValueSource(strings = {"corrupt", "missing"})
  @Order(4)
  void aBadCheckpointFailsItsTrialAlone(String damage) throws Exception {
    String study = "checkpoint-" + damage;
    ClusterSweep s =
        sweep(
            study,
            "budget.trials=6",
            "training.epochs=3",
            "execution.parallelism=2",
            "execution.retries=1",
            "pruner.type=asha");
    Process driver = s.start();
    Path checkpoints = s.runDir().resolve("checkpoints").resolve(study);
    try {
      assertTrue(
          LocalCluster.await(() -> !promotedInFlight(s).isEmpty() || !driver.isAlive(), 600)
              && driver.isAlive(),
          "no trial was promoted from the first rung\n" + s.log());
    } finally {
      LocalCluster.kill(driver.toHandle());
    }
    long killedAt = System.currentTimeMillis();
    // Trials recorded as promoted at epoch 1 whose next segment was not recorded: the rerun
    // continues each of them from its epoch-1 checkpoint.
    List<Path> damaged =
        promotedInFlight(s).stream()
            .map(t -> checkpoints.resolve(String.format("trial-%05d", t)).resolve("epoch-0001"))
            .toList();
    assertTrue(!damaged.isEmpty(), "no promoted trial to damage\n" + s.log());
    for (Path checkpoint : damaged) {
      if (damage.equals("missing")) {
        SparkDistribution.deleteTree(checkpoint);
      } else {
        try (var files = java.nio.file.Files.walk(checkpoint)) {
          for (Path f : files.filter(java.nio.file.Files::isRegularFile).toList()) {
            byte[] b = java.nio.file.Files.readAllBytes(f);
            java.nio.file.Files.write(f, java.util.Arrays.copyOf(b, b.length / 3));
          }
        }
      }
    }
    int exit = s.run(900);
    assertTrue(exit == 0 || exit == 3, s.log());
    s.assertConsistent(3);
    List<TrialRow> trials = s.trials();
    assertEquals(6, trials.size());
    java.util.Set<Integer> affected = new java.util.HashSet<>();
    for (SegmentRow r : s.segments()) {
      if (r.inputCheckpoint() != null
          && r.start().toEpochMilli() > killedAt
          && damaged.stream().anyMatch(d -> r.inputCheckpoint().endsWith(tail(d)))) {
        affected.add(r.trial());
      }
    }
    assertTrue(!affected.isEmpty(), "no trial continued from a damaged checkpoint\n" + s.log());
    for (TrialRow t : trials) {
      if (affected.contains(t.number())) {
        assertEquals(TrialState.FAIL, t.state(), "trial " + t.number() + " " + t.failReason());
        assertTrue(
            t.failReason().contains(String.format("trial-%05d/epoch-0001", t.number())),
            t.failReason());
        assertTrue(t.failReason().contains("after 1 retry"), t.failReason());
      } else {
        assertTrue(
            t.state() == TrialState.COMPLETE || t.state() == TrialState.PRUNED,
            "trial " + t.number() + " is " + t.state() + ": " + t.failReason());
      }
    }
    report(
        damage + " checkpoint",
        damaged.size()
            + " damaged, trials "
            + affected
            + " failed on them: "
            + trials.get(affected.iterator().next()).failReason()
            + "; rerun took "
            + (System.currentTimeMillis() - killedAt)
            + " ms");
  }

  /** Trials recorded as promoted at epoch 1 whose next segment has not been recorded. */
  private static java.util.Set<Integer> promotedInFlight(ClusterSweep s) {
    try {
      List<SegmentRow> rows = s.segments();
      java.util.Set<Integer> out = new java.util.HashSet<>();
      for (SegmentRow r : rows) {
        if (r.epochTo() == 1 && r.outcome() == dev.rung.job.tables.SegmentOutcome.PROMOTED) {
          out.add(r.trial());
        }
      }
      for (SegmentRow r : rows) {
        if (r.epochFrom() >= 1) {
          out.remove(r.trial());
        }
      }
      return out;
    } catch (java.io.IOException | RuntimeException e) {
      return java.util.Set.of(); // the tables are not written yet
    }
  }

  private static String tail(Path checkpoint) {
    return checkpoint.getParent().getFileName() + "/" + checkpoint.getFileName();
  }

  /**
   * Trials whose epochs take far longer than the segment time limit (three hidden layers of 4096
   * units, about 34 million parameters, against one layer): each such segment is stopped by its
   * executor inside the epoch, recorded as a timeout, and its trial ends FAIL after its retry; the
   * other trials, sent in the same batches, complete, and the sweep ends. Repeated with limits of
   * 15 and 25 s (the limit counts from the segment's start, which on a new executor includes
   * loading ND4J and the data).
   */
  @ParameterizedTest(name = "time limit {0} s")
  @ValueSource(ints = {15, 25})
  @Order(5)
  void aTrialSlowerThanTheTimeLimitIsStoppedAlone(int seconds) throws Exception {
    ClusterSweep s =
        sweep(
            "hung-" + seconds,
            "budget.trials=8",
            "training.epochs=3",
            "pruner.type=none",
            "sampler.type=random",
            "execution.retries=1",
            "execution.parallelism=2",
            "execution.segment-timeout=" + seconds + "s",
            "space.mlp_layers={type=int, low=1, high=3, step=2}",
            "space.mlp={per=mlp_layers, params{width{type=int, low=4096, high=4096}}}",
            "space.batch_size={type=categorical, choices=[16]}");
    long start = System.currentTimeMillis();
    assertEquals(0, s.run(900), s.log());
    long took = System.currentTimeMillis() - start;
    s.assertConsistent(3);
    List<TrialRow> trials = s.trials();
    assertEquals(8, trials.size());
    int slow = 0;
    for (TrialRow t : trials) {
      boolean wide = ((Number) t.params().get("mlp_layers")).intValue() == 3;
      if (!wide) {
        assertEquals(TrialState.COMPLETE, t.state(), "trial " + t.number() + " " + t.params());
        continue;
      }
      slow++;
      assertEquals(TrialState.FAIL, t.state(), "trial " + t.number() + " " + t.params());
      assertTrue(
          t.failReason().startsWith("timeout: segment time limit of " + seconds * 1000 + " ms"),
          t.failReason());
      assertTrue(t.failReason().contains("after 1 retry"), t.failReason());
    }
    List<SegmentRow> timedOut =
        s.segments().stream()
            .filter(r -> r.outcome() == dev.rung.job.tables.SegmentOutcome.TIMEOUT)
            .toList();
    // With 8 trials drawn at random, all of one kind has probability 2 / 2^8 < 1 %.
    assertTrue(slow > 0 && slow < 8, slow + " of 8 trials have three layers");
    assertEquals(2 * slow, timedOut.size(), "one try and one retry of each slow trial");
    long longest = timedOut.stream().mapToLong(SegmentRow::durationMs).max().orElse(0);
    report(
        "trial slower than the time limit (" + seconds + " s)",
        slow
            + " of 8 trials stopped (segments up to "
            + longest
            + " ms), reasons e.g. '"
            + timedOut.get(0).reason()
            + "'; sweep took "
            + took
            + " ms");
  }

  /** The last test: it kills one of the two workers for good. */
  @Test
  @Order(10)
  void aWorkerLostForGoodLeavesTheOtherToFinish() throws Exception {
    ClusterSweep s =
        // Enough work that plenty is left when the worker goes (with 5 trials a quiet machine
        // had finished them all by the time the kill was done).
        sweep("worker-loss", "budget.trials=12", "training.epochs=3", "execution.parallelism=2");
    Process driver = s.start();
    long killedAt;
    try {
      assertTrue(
          LocalCluster.await(() -> s.epochsRecorded() >= 1 || !driver.isAlive(), 600)
              && driver.isAlive(),
          s.log());
      cluster.killWorker(1);
      killedAt = System.currentTimeMillis();
      assertTrue(driver.waitFor(900, java.util.concurrent.TimeUnit.SECONDS), s.log());
    } finally {
      LocalCluster.kill(driver.toHandle());
    }
    assertEquals(0, driver.exitValue(), s.log());
    s.assertConsistent(3);
    s.assertSettled(12);
    long after = s.segments().stream().filter(r -> r.end().toEpochMilli() > killedAt).count();
    assertTrue(after > 0, "segments ran after the worker was gone\n" + s.log());
    report(
        "worker lost for good",
        s.trials().size() + " trials, " + after + " segments ran on the remaining worker");
  }
}
