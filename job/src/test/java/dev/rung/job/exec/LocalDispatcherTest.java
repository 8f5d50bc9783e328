package dev.rung.job.exec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * What {@link LocalDispatcher} does beyond what every dispatcher does ({@link
 * SparkDispatcherTest}): the tries and task slots of the local master, and segments stopped before
 * or while they run.
 */
class LocalDispatcherTest {
  private static final long WAIT_MILLIS = 60_000;

  private static SegmentTask task(String id) {
    return new SegmentTask(
        "s", id, 0, 0, 0, 0, 1, Map.of(), 1, null, "/tmp/x", null, Map.of(), 0, "val_accuracy");
  }

  private static SegmentResult finished(SegmentTask task, TaskPlacement placement) {
    return SegmentResult.of(
        task, placement, ExecutorOutcome.FINISHED, null, List.of(), 0, Map.of());
  }

  private static DispatchEvent next(WorkDispatcher d) throws InterruptedException {
    DispatchEvent e = d.next(WAIT_MILLIS);
    assertNotNull(e, "an event within a minute");
    return e;
  }

  /** Throws on its first try of each segment, then finishes. */
  private static final class FailsOnce implements SegmentRunner {
    private static final long serialVersionUID = 1L;
    final List<Integer> attempts = new CopyOnWriteArrayList<>();

    @Override
    public SegmentResult run(SegmentTask task, TaskPlacement placement) {
      attempts.add(placement.attempt());
      if (placement.attempt() == 0) {
        throw new IllegalStateException("lost its file system");
      }
      return finished(task, placement);
    }
  }

  @Test
  void aFailingTaskIsTriedAsOftenAsTheMasterSays() throws Exception {
    FailsOnce runner = new FailsOnce();
    try (LocalDispatcher d = new LocalDispatcher(runner, 1, true, new LocalMaster(1, 2))) {
      d.submit(List.of(task("a")), "two tries");
      SegmentResult r = assertInstanceOf(DispatchEvent.Finished.class, next(d)).result();
      assertEquals(1, r.attempt());
      assertEquals(List.of(0, 1), runner.attempts);
    }
  }

  @Test
  void aTaskThatFailsEveryTryIsLostWithItsFailure() throws Exception {
    FailsOnce runner = new FailsOnce();
    try (LocalDispatcher d = new LocalDispatcher(runner, 1, true, new LocalMaster(1, 1))) {
      d.submit(List.of(task("a")), "one try");
      DispatchEvent.Lost lost = assertInstanceOf(DispatchEvent.Lost.class, next(d));
      assertEquals("a", lost.task().segmentId());
      assertTrue(lost.reason().contains("lost its file system"), lost.reason());
      assertEquals(List.of(0), runner.attempts);
    }
  }

  /** Waits for a partner at a barrier of two, counting how many run at once. */
  private static final class Pairs implements SegmentRunner {
    private static final long serialVersionUID = 1L;
    final AtomicInteger running = new AtomicInteger();
    final AtomicInteger most = new AtomicInteger();
    final CyclicBarrier pair = new CyclicBarrier(2);

    @Override
    public SegmentResult run(SegmentTask task, TaskPlacement placement) {
      most.accumulateAndGet(running.incrementAndGet(), Math::max);
      try {
        pair.await(WAIT_MILLIS, TimeUnit.MILLISECONDS);
      } catch (Exception e) {
        throw new IllegalStateException("no partner: " + e, e);
      } finally {
        running.decrementAndGet();
      }
      return finished(task, placement);
    }
  }

  /**
   * Four slots on a master with two task slots: segments run two at a time (each waits for a
   * partner), as Spark would run them, never more.
   */
  @Test
  void noMoreSegmentsRunAtOnceThanTheMasterHasTaskSlots() throws Exception {
    Pairs runner = new Pairs();
    try (LocalDispatcher d = new LocalDispatcher(runner, 4, true, new LocalMaster(2, 1))) {
      d.submit(List.of(task("a"), task("b"), task("c"), task("d")), "four");
      for (int i = 0; i < 4; i++) {
        assertInstanceOf(DispatchEvent.Finished.class, next(d));
      }
      assertEquals(2, runner.most.get());
      assertEquals(6, d.capacity(), "four slots and two queued");
    }
  }

  /** Blocks segment "first" until released; records what ran and whether it was interrupted. */
  private static final class Gate implements SegmentRunner {
    private static final long serialVersionUID = 1L;
    final CountDownLatch started = new CountDownLatch(1);
    final CountDownLatch release = new CountDownLatch(1);
    final CountDownLatch interrupted = new CountDownLatch(1);
    final List<String> ran = new CopyOnWriteArrayList<>();

    @Override
    public SegmentResult run(SegmentTask task, TaskPlacement placement) {
      ran.add(task.segmentId());
      if (task.segmentId().equals("first")) {
        started.countDown();
        try {
          release.await();
        } catch (InterruptedException e) {
          interrupted.countDown();
          throw new IllegalStateException("interrupted", e);
        }
      }
      return finished(task, placement);
    }
  }

  @Test
  void aCancelledSegmentThatWaitsIsLostAndNeverRuns() throws Exception {
    Gate runner = new Gate();
    try (LocalDispatcher d = new LocalDispatcher(runner, 1, true, new LocalMaster(1, 1))) {
      String handle = d.submit(List.of(task("first"), task("second")), "two");
      assertTrue(runner.started.await(WAIT_MILLIS, TimeUnit.MILLISECONDS));
      d.cancel(handle, "second");
      DispatchEvent.Lost lost = assertInstanceOf(DispatchEvent.Lost.class, next(d));
      assertEquals("second", lost.task().segmentId());
      runner.release.countDown();
      d.submit(List.of(task("third")), "after");
      for (String id : List.of("first", "third")) {
        SegmentResult r = assertInstanceOf(DispatchEvent.Finished.class, next(d)).result();
        assertEquals(id, r.segmentId());
      }
      assertEquals(List.of("first", "third"), runner.ran);
    }
  }

  /**
   * A running segment that is cancelled is lost at once, its thread is interrupted, and whatever it
   * returns then is not delivered; its slot runs the next segment.
   */
  @Test
  void aCancelledRunningSegmentIsInterruptedAndFreesItsSlot() throws Exception {
    Gate runner = new Gate();
    try (LocalDispatcher d = new LocalDispatcher(runner, 1, true, new LocalMaster(1, 3))) {
      String handle = d.submit(List.of(task("first")), "one");
      assertTrue(runner.started.await(WAIT_MILLIS, TimeUnit.MILLISECONDS));
      d.cancel(handle);
      DispatchEvent.Lost lost = assertInstanceOf(DispatchEvent.Lost.class, next(d));
      assertEquals("first", lost.task().segmentId());
      assertTrue(runner.interrupted.await(WAIT_MILLIS, TimeUnit.MILLISECONDS));
      d.submit(List.of(task("next")), "after");
      SegmentResult r = assertInstanceOf(DispatchEvent.Finished.class, next(d)).result();
      assertEquals("next", r.segmentId());
      assertEquals(List.of("first", "next"), runner.ran, "the cancelled one is not tried again");
    }
  }

  @Test
  void closingInterruptsTheSegmentsStillRunning() throws Exception {
    Gate runner = new Gate();
    LocalDispatcher d = new LocalDispatcher(runner, 1, true, new LocalMaster(1, 1));
    d.submit(List.of(task("first")), "one");
    assertTrue(runner.started.await(WAIT_MILLIS, TimeUnit.MILLISECONDS));
    d.close();
    assertTrue(runner.interrupted.await(WAIT_MILLIS, TimeUnit.MILLISECONDS));
  }
}
