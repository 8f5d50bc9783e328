package dev.rung.job.exec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.spark.api.java.JavaSparkContext;
import org.junit.jupiter.api.Test;

class SparkDispatcherTest extends dev.rung.job.SparkTestBase {
  private static JavaSparkContext jsc() {
    return JavaSparkContext.fromSparkContext(spark().sparkContext());
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
          SegmentOutcome.FINISHED,
          null,
          List.of(new EpochMetrics(0, 0.5, 1, 1, 0.5, 0.5, 1)),
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
    Map<String, Object> params =
        fail ? Map.of("sleep", sleep, "fail", true) : Map.of("sleep", sleep);
    return new SegmentTask("s", id, 0, 0, 0, 0, 1, params, 1, null, "/tmp/x", null, 0);
  }

  @Test
  void eachResultArrivesWhenItsOwnTaskEnds() throws Exception {
    try (SparkDispatcher d = new SparkDispatcher(jsc(), new SleepRunner(), 2)) {
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

  @Test
  void aJobSparkGivesUpOnReportsItsUnfinishedSegmentsAsLost() throws Exception {
    try (SparkDispatcher d = new SparkDispatcher(jsc(), new SleepRunner(), 2)) {
      d.submit(List.of(task("ok", 10, false), task("doomed", 200, true)), "batch c");
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
}
