package dev.rung.job.driver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rung.job.exec.SegmentOutcome;
import dev.rung.job.exec.SegmentResult;
import dev.rung.job.exec.SegmentTask;
import dev.rung.study.FrozenTrial;
import dev.rung.study.TrialState;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
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
        SegmentOutcome.FINISHED,
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
      sink.segmentEnded(task(i), result(i), "completed");
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

  @Test
  void aFailedWriteIsReportedToTheDriver() {
    SweepSink failing =
        new MemorySink() {
          @Override
          public void segmentEnded(SegmentTask t, SegmentResult r, String decision) {
            throw new IllegalStateException("disk full");
          }
        };
    AsyncSink sink = new AsyncSink(failing);
    sink.segmentEnded(task(0), result(0), "completed");
    IllegalStateException e = assertThrows(IllegalStateException.class, sink::close);
    assertTrue(e.getMessage().contains("disk full"));
  }
}
