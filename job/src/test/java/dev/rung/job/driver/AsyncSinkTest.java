package dev.rung.job.driver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rung.job.exec.ExecutorOutcome;
import dev.rung.job.exec.SegmentResult;
import dev.rung.job.exec.SegmentTask;
import dev.rung.job.tables.SegmentOutcome;
import dev.rung.study.FrozenTrial;
import dev.rung.study.TrialState;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;

class AsyncSinkTest {

  private static SegmentTask task(int trial) {
    return new SegmentTask(
        "s", "t" + trial, trial, 0, 0, 0, 1, Map.of(), 1, null, "/c", null, Map.of(), 0);
  }

  private static SegmentResult result(int trial) {
    return new SegmentResult(
        "t" + trial,
        trial,
        ExecutorOutcome.FINISHED,
        null,
        List.of(),
        "e",
        "h",
        null,
        0,
        0,
        1,
        Map.of());
  }

  @Test
  void everySegmentIsRecordedInOrderAndTheLastSnapshotWins() {
    MemorySink memory = new MemorySink();
    AsyncSink sink = new AsyncSink(memory);
    List<FrozenTrial> trials = new ArrayList<>();
    for (int i = 0; i < 200; i++) {
      sink.segmentEnded(task(i), result(i), SegmentOutcome.COMPLETED);
      trials.add(FrozenTrial.create(i, TrialState.RUNNING, null));
      sink.trialsChanged(List.copyOf(trials));
    }
    sink.close();
    assertEquals(200, memory.segments.size());
    for (int i = 0; i < 200; i++) {
      assertEquals(i, memory.segments.get(i).task().trial());
    }
    assertEquals(200, memory.trials.size(), "the newest snapshot is written last");
  }

  /**
   * A target that logs its calls, and holds the writer in each snapshot until {@code release}
   * (after counting {@code writing} down), so that what the driver records meanwhile piles up.
   */
  private static SweepSink loggingTarget(
      List<String> calls, CountDownLatch writing, CountDownLatch release) {
    return new MemorySink() {
      @Override
      public void segmentsEnded(List<SweepSink.Ended> ended) {
        calls.add("segments " + ended.stream().map(e -> e.task().trial()).toList());
      }

      @Override
      public void trialsChanged(List<FrozenTrial> all) {
        calls.add("trials " + all.size());
        writing.countDown();
        try {
          release.await();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
    };
  }

  @Test
  void segmentsThatEndWhileTheWriterIsBusyAreRecordedTogetherInCallOrder() throws Exception {
    CountDownLatch writing = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    List<String> calls = new CopyOnWriteArrayList<>();
    SweepSink target = loggingTarget(calls, writing, release);
    AsyncSink sink = new AsyncSink(target);
    FrozenTrial first = FrozenTrial.create(0, TrialState.RUNNING, null);
    FrozenTrial second = FrozenTrial.create(1, TrialState.RUNNING, null);
    sink.trialsChanged(List.of(first));
    writing.await();
    // The writer is busy with the first snapshot: these pile up.
    sink.segmentEnded(task(0), result(0), SegmentOutcome.COMPLETED);
    sink.segmentEnded(task(1), result(1), SegmentOutcome.COMPLETED);
    sink.trialsChanged(List.of(first, second));
    sink.segmentEnded(task(2), result(2), SegmentOutcome.COMPLETED);
    release.countDown();
    sink.close();
    assertEquals(List.of("trials 1", "segments [0, 1]", "trials 2", "segments [2]"), calls);
  }

  /**
   * Two snapshots pile up with a segment between them while the writer is busy: the newer snapshot,
   * which counts that segment's epochs, is written after the segment, never before it (if the
   * segment's write then failed, the trials table would claim epochs the other tables lack).
   */
  @Test
  void aSnapshotIsNeverWrittenBeforeASegmentRecordedBeforeIt() throws Exception {
    CountDownLatch writing = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    List<String> calls = new CopyOnWriteArrayList<>();
    SweepSink target = loggingTarget(calls, writing, release);
    AsyncSink sink = new AsyncSink(target);
    FrozenTrial running = FrozenTrial.create(0, TrialState.RUNNING, null);
    sink.trialsChanged(List.of(running));
    writing.await();
    sink.trialsChanged(List.of(running));
    sink.segmentEnded(task(0), result(0), SegmentOutcome.COMPLETED);
    sink.trialsChanged(List.of(running, FrozenTrial.create(1, TrialState.RUNNING, null)));
    release.countDown();
    sink.close();
    assertEquals(List.of("trials 1", "segments [0]", "trials 2"), calls);
  }

  @Test
  void aFailedWriteIsReportedToTheDriver() {
    SweepSink failing =
        new MemorySink() {
          @Override
          public void segmentEnded(SegmentTask t, SegmentResult r, SegmentOutcome decision) {
            throw new IllegalStateException("disk full");
          }
        };
    AsyncSink sink = new AsyncSink(failing);
    sink.segmentEnded(task(0), result(0), SegmentOutcome.COMPLETED);
    IllegalStateException e = assertThrows(IllegalStateException.class, sink::close);
    assertTrue(e.getMessage().contains("disk full"));
  }
}
