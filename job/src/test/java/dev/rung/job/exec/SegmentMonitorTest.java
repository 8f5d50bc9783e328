package dev.rung.job.exec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rung.pruners.FrozenPruner;
import dev.rung.pruners.PatientPruner;
import dev.rung.pruners.ThresholdPruner;
import dev.rung.study.Direction;
import dev.rung.study.History;
import dev.rung.training.loop.EpochMetrics;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** An executor's segment asks its frozen pruner after every epoch, with all the trial's values. */
class SegmentMonitorTest {
  private static final History MAXIMIZE = new History("s", List.of(Direction.MAXIMIZE), List.of());

  private static SegmentTask task(
      int from, int to, FrozenPruner pruner, Map<Integer, Double> reported) {
    return new SegmentTask(
        "s",
        "seg",
        3,
        0,
        0,
        from,
        to,
        Map.of(),
        1,
        from == 0 ? null : "/in",
        "/out",
        pruner,
        reported,
        0,
        "val_accuracy");
  }

  private static EpochMetrics epoch(int epoch, double value) {
    return new EpochMetrics(epoch, 0, 0, value, 0, 0.001, 0);
  }

  @Test
  void aThresholdStopsTheSegmentAfterTheEpochBelowIt() {
    SegmentMonitor m =
        new SegmentMonitor(task(0, 5, ThresholdPruner.lower(0.3), Map.of()), 0, new ArrayList<>());
    m.record(epoch(0, 0.5));
    assertFalse(m.shouldStop());
    m.record(epoch(1, 0.2));
    assertTrue(m.shouldStop());
    assertFalse(m.timedOut());
    assertEquals("pruned by the sweep's pruner after epoch 2", m.stopReason());
  }

  @Test
  void valuesReportedBeforeTheSegmentCount() {
    FrozenPruner patient = new PatientPruner(null, 2, 0).frozen(MAXIMIZE);
    SegmentMonitor resumed =
        new SegmentMonitor(task(2, 6, patient, Map.of(1, 0.5, 2, 0.7)), 0, new ArrayList<>());
    SegmentMonitor alone = new SegmentMonitor(task(2, 6, patient, Map.of()), 0, new ArrayList<>());
    double[] plateau = {0.69, 0.68, 0.67};
    boolean[] stops = {false, false, true};
    for (int i = 0; i < plateau.length; i++) {
      resumed.record(epoch(2 + i, plateau[i]));
      alone.record(epoch(2 + i, plateau[i]));
      assertEquals(stops[i], resumed.shouldStop(), "step " + (3 + i) + ": best 0.7 at step 2");
      assertFalse(alone.shouldStop(), "without steps 1-2 nothing stalled yet");
    }
  }

  @Test
  void withoutAPrunerASegmentRunsToItsEnd() {
    SegmentMonitor m = new SegmentMonitor(task(0, 3, null, Map.of()), 0, new ArrayList<>());
    for (int e = 0; e < 3; e++) {
      m.record(epoch(e, 0.0));
      assertFalse(m.shouldStop());
    }
  }
}
