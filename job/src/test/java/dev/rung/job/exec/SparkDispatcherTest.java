package dev.rung.job.exec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rung.training.loop.EpochMetrics;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.spark.api.java.JavaSparkContext;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The dispatchers of a sweep on Spark's local master, each held to the same behaviour: a Spark job
 * per segment ({@link SparkDispatcher}) and the driver's own threads ({@link LocalDispatcher}, what
 * a sweep uses on a local master).
 */
@Tag("slow")
class SparkDispatcherTest extends dev.rung.job.SparkTestBase {
  private static JavaSparkContext jsc() {
    return JavaSparkContext.fromSparkContext(spark().sparkContext());
  }

  /** Where segments run. */
  enum Dispatch {
    SPARK_JOBS,
    DRIVER_THREADS;

    /** A dispatcher of {@code slots} slots on the test session's {@code local[2]}. */
    WorkDispatcher of(SegmentRunner runner, int slots) {
      return this == SPARK_JOBS
          ? new SparkDispatcher(jsc(), runner, slots)
          : new LocalDispatcher(runner, slots, true, LocalMaster.of(jsc().getConf()).orElseThrow());
    }
  }

  /** Sleeps as long as the task's "sleep" parameter says; fails when "fail" is set. */
  static final class SleepRunner implements SegmentRunner {
    private static final long serialVersionUID = 1L;

    @Override
    public SegmentResult run(SegmentTask task, TaskPlacement placement) {
      long start = System.currentTimeMillis();
      try {
        Thread.sleep(((Number) task.params().get("sleep")).longValue());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      if (task.params().containsKey("fail")) {
        throw new IllegalStateException("executor lost");
      }
      return new SegmentResult(
          task.segmentId(),
          task.trial(),
          ExecutorOutcome.FINISHED,
          null,
          List.of(new EpochMetrics(0, 1, 1, 0.5, 0.5, 0.001, 0)),
          placement.executorId(),
          placement.host(),
          placement.gpu(),
          placement.attempt(),
          start,
          System.currentTimeMillis(),
          Map.of());
    }
  }

  private static SegmentTask task(String id, long sleep, boolean fail) {
    return task(id, sleep, fail, 0);
  }

  private static SegmentTask task(String id, long sleep, boolean fail, long limitMillis) {
    Map<String, Object> params =
        fail ? Map.of("sleep", sleep, "fail", true) : Map.of("sleep", sleep);
    return new SegmentTask(
        "s",
        id,
        0,
        0,
        0,
        0,
        1,
        params,
        1,
        null,
        "/tmp/x",
        null,
        Map.of(),
        limitMillis,
        "val_accuracy");
  }

  /** Set until the end of a test: a segment that ignores interrupts spins while it is set. */
  static final java.util.concurrent.atomic.AtomicBoolean SPIN =
      new java.util.concurrent.atomic.AtomicBoolean();

  /**
   * Hangs inside its "epoch" when the task's "hang" parameter says so: "sleep" waits a minute
   * (interruptibly), "spin" loops ignoring interrupts while {@link #SPIN} is set; else it is a
   * {@link SleepRunner}.
   */
  static final class HangRunner implements SegmentRunner {
    private static final long serialVersionUID = 1L;

    @Override
    public SegmentResult run(SegmentTask task, TaskPlacement placement) {
      Object hang = task.params().get("hang");
      if ("sleep".equals(hang)) {
        try {
          Thread.sleep(60_000);
        } catch (InterruptedException e) {
          throw new IllegalStateException("interrupted", e);
        }
      } else if ("spin".equals(hang)) {
        long spins = 0;
        while (SPIN.get()) {
          spins++;
        }
        assertTrue(spins >= 0);
      }
      return new SleepRunner().run(task, placement);
    }
  }

  private static SegmentTask hanging(String id, String how, long limitMillis) {
    return new SegmentTask(
        "s",
        id,
        0,
        0,
        0,
        0,
        1,
        Map.of("sleep", 0, "hang", how),
        1,
        null,
        "/tmp/x",
        null,
        Map.of(),
        limitMillis,
        "val_accuracy");
  }

  private static Map<String, SegmentResult> results(WorkDispatcher d, int n) throws Exception {
    Map<String, SegmentResult> out = new java.util.LinkedHashMap<>();
    for (int i = 0; i < n; i++) {
      DispatchEvent e = d.next(60_000);
      assertNotNull(e, "a result within a minute, after " + out.keySet());
      SegmentResult r = assertInstanceOf(DispatchEvent.Finished.class, e).result();
      out.put(r.segmentId(), r);
    }
    return out;
  }

  /**
   * Two segments hang inside an epoch (one interruptible, one ignoring interrupts) in a batch with
   * a healthy one: each hung segment comes back TIMEOUT with the reason, the healthy one FINISHED,
   * and a batch sent afterwards runs on the freed slots while the second hung thread still spins.
   */
  @ParameterizedTest
  @EnumSource(Dispatch.class)
  void aSegmentHungInsideAnEpochTimesOutAloneAndFreesItsSlot(Dispatch dispatch) throws Exception {
    SPIN.set(true);
    try (WorkDispatcher d = dispatch.of(new HangRunner(), 2)) {
      d.submit(
          List.of(
              hanging("hung-sleep", "sleep", 300),
              hanging("hung-spin", "spin", 300),
              task("healthy", 200, false, 300)),
          "batch with hung segments");
      d.submit(List.of(task("after-1", 50, false), task("after-2", 50, false)), "batch after");
      Map<String, SegmentResult> r = results(d, 5);
      assertTrue(SPIN.get(), "the spinning segment was still running");
      for (String id : List.of("healthy", "after-1", "after-2")) {
        assertEquals(ExecutorOutcome.FINISHED, r.get(id).outcome(), id + ": " + r.get(id));
      }
      SegmentResult sleep = r.get("hung-sleep");
      assertEquals(ExecutorOutcome.TIMEOUT, sleep.outcome());
      assertTrue(sleep.reason().contains("time limit of 300 ms"), sleep.reason());
      assertTrue(sleep.reason().endsWith("interrupted and stopped"), sleep.reason());
      assertTrue(sleep.epochs().isEmpty());
      SegmentResult spin = r.get("hung-spin");
      assertEquals(ExecutorOutcome.TIMEOUT, spin.outcome());
      assertTrue(spin.reason().contains("its thread is left running"), spin.reason());
      assertTrue(
          spin.endMillis() - spin.startMillis() >= 300 + GuardedRunner.graceMillis(300),
          "stopped only after the limit and the grace: " + spin);
    } finally {
      SPIN.set(false);
    }
  }

  /** Cancelling one segment of a batch stops that segment only. */
  @ParameterizedTest
  @EnumSource(Dispatch.class)
  void cancellingOneSegmentLeavesItsBatchMatesRunning(Dispatch dispatch) throws Exception {
    try (WorkDispatcher d = dispatch.of(new HangRunner(), 2)) {
      String handle =
          d.submit(List.of(hanging("stuck", "sleep", 0), task("mate", 1500, false)), "batch d");
      Thread.sleep(500);
      d.cancel(handle, "stuck");
      DispatchEvent first = d.next(60_000);
      DispatchEvent.Lost lost = assertInstanceOf(DispatchEvent.Lost.class, first);
      assertEquals("stuck", lost.task().segmentId());
      DispatchEvent second = d.next(60_000);
      SegmentResult mate = assertInstanceOf(DispatchEvent.Finished.class, second).result();
      assertEquals("mate", mate.segmentId());
      assertEquals(ExecutorOutcome.FINISHED, mate.outcome());
    }
  }

  /** An out-of-memory error inside a segment is that trial's failure, not the task's. */
  @Test
  void outOfMemoryInsideASegmentFailsTheTrial() {
    SegmentRunner oom =
        (SegmentRunner)
            (task, placement) -> {
              throw new OutOfMemoryError("Cannot allocate 4 GB");
            };
    for (long limit : new long[] {0, 5_000}) {
      SegmentResult r =
          new GuardedRunner(oom)
              .run(task("oom", 0, false, limit), new TaskPlacement("e", "h", null, 0));
      assertEquals(ExecutorOutcome.FAILED, r.outcome());
      assertEquals("out of memory: Cannot allocate 4 GB", r.reason());
    }
  }

  @ParameterizedTest
  @EnumSource(Dispatch.class)
  void eachResultArrivesWhenItsOwnTaskEnds(Dispatch dispatch) throws Exception {
    try (WorkDispatcher d = dispatch.of(new SleepRunner(), 2)) {
      d.submit(List.of(task("a-slow", 2500, false), task("a-fast", 50, false)), "batch a");
      d.submit(List.of(task("b-fast", 300, false)), "batch b");
      List<String> order = new ArrayList<>();
      for (int i = 0; i < 3; i++) {
        DispatchEvent e = d.next(60_000);
        assertNotNull(e, "a result within a minute");
        SegmentResult r = assertInstanceOf(DispatchEvent.Finished.class, e).result();
        order.add(r.segmentId());
        assertEquals("driver", r.executorId(), "local mode runs tasks in the driver JVM");
      }
      assertEquals("a-slow", order.get(2), "the slow task does not hold back the others");
      assertTrue(order.subList(0, 2).containsAll(List.of("a-fast", "b-fast")));
    }
  }

  @ParameterizedTest
  @EnumSource(Dispatch.class)
  void aJobSparkGivesUpOnReportsItsUnfinishedSegmentsAsLost(Dispatch dispatch) throws Exception {
    try (WorkDispatcher d = dispatch.of(new SleepRunner(), 2)) {
      d.submit(List.of(task("ok", 10, false), task("doomed", 2000, true)), "batch c");
      List<DispatchEvent> events = new ArrayList<>();
      for (int i = 0; i < 2; i++) {
        events.add(d.next(60_000));
      }
      assertInstanceOf(DispatchEvent.Finished.class, events.get(0));
      DispatchEvent.Lost lost = assertInstanceOf(DispatchEvent.Lost.class, events.get(1));
      assertEquals("doomed", lost.task().segmentId());
      assertTrue(lost.reason().contains("executor lost"), lost.reason());
    }
  }

  @Test
  void slotsThatFollowTheExecutorsChangeTheSegmentsKeptOutstanding() {
    java.util.concurrent.atomic.AtomicInteger executors =
        new java.util.concurrent.atomic.AtomicInteger(1);
    try (SparkDispatcher d = new SparkDispatcher(jsc(), new SleepRunner(), executors::get)) {
      assertEquals(1, d.slots());
      assertEquals(2, d.capacity(), "one slot and one segment queued behind it");
      executors.set(4);
      assertEquals(4, d.slots());
      assertEquals(6, d.capacity(), "four slots and one queued segment per two");
      executors.set(2);
      assertEquals(3, d.capacity());
    }
  }
}
