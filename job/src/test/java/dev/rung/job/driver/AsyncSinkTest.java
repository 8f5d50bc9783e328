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
        "s",
        "t" + trial,
        trial,
        0,
        0,
        0,
        1,
        Map.of(),
        1,
        null,
        "/c",
        null,
        Map.of(),
        0,
        "val_accuracy");
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

  /** Records the target's calls; the first write of one table waits until released. */
  private static final class Recording extends MemorySink {
    final List<String> calls = new CopyOnWriteArrayList<>();
    final CountDownLatch writing = new CountDownLatch(1);
    final CountDownLatch release = new CountDownLatch(1);
    private final boolean holdTrials;

    /** Holds the first trials snapshot ({@code holdTrials}) or the first segments. */
    Recording(boolean holdTrials) {
      this.holdTrials = holdTrials;
    }

    @Override
    public void segmentsEnded(List<SweepSink.Ended> ended) {
      calls.add("segments " + ended.stream().map(e -> e.task().trial()).toList());
      hold(!holdTrials);
    }

    @Override
    public void trialsChanged(List<FrozenTrial> all) {
      calls.add("trials " + all.size());
      hold(holdTrials);
    }

    private void hold(boolean here) {
      if (!here) {
        return;
      }
      writing.countDown();
      try {
        release.await();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  @Test
  void segmentsThatEndWhileTheWriterIsBusyAreRecordedTogetherInCallOrder() throws Exception {
    Recording target = new Recording(true);
    AsyncSink sink = new AsyncSink(target);
    FrozenTrial first = FrozenTrial.create(0, TrialState.RUNNING, null);
    FrozenTrial second = FrozenTrial.create(1, TrialState.RUNNING, null);
    sink.trialsChanged(List.of(first));
    target.writing.await();
    // The writer is busy with the first snapshot: these pile up.
    sink.segmentEnded(task(0), result(0), SegmentOutcome.COMPLETED);
    sink.segmentEnded(task(1), result(1), SegmentOutcome.COMPLETED);
    sink.trialsChanged(List.of(first, second));
    sink.segmentEnded(task(2), result(2), SegmentOutcome.COMPLETED);
    target.release.countDown();
    sink.close();
    // Segment 2, queued by the time the newest snapshot is written, goes with the others before it.
    assertEquals(List.of("trials 1", "segments [0, 1, 2]", "trials 2"), target.calls);
  }

  /**
   * A snapshot asked for while the writer is busy, and a newer one asked for after another segment:
   * the newer is written once, after that segment, never ahead of it.
   */
  @Test
  void aSnapshotIsNeverWrittenAheadOfASegmentEndedBeforeIt() throws Exception {
    Recording target = new Recording(false);
    AsyncSink sink = new AsyncSink(target);
    FrozenTrial first = FrozenTrial.create(0, TrialState.RUNNING, null);
    FrozenTrial second = FrozenTrial.create(1, TrialState.RUNNING, null);
    sink.segmentEnded(task(0), result(0), SegmentOutcome.COMPLETED);
    target.writing.await();
    sink.trialsChanged(List.of(first));
    sink.segmentEnded(task(1), result(1), SegmentOutcome.COMPLETED);
    sink.trialsChanged(List.of(first, second));
    target.release.countDown();
    sink.close();
    assertEquals(List.of("segments [0]", "segments [1]", "trials 2"), target.calls);
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
