package dev.rung.job.driver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rung.distributions.FloatDistribution;
import dev.rung.job.exec.DispatchEvent;
import dev.rung.job.exec.ExecutorOutcome;
import dev.rung.job.exec.SegmentResult;
import dev.rung.job.exec.SegmentTask;
import dev.rung.job.exec.WorkDispatcher;
import dev.rung.samplers.RandomSampler;
import dev.rung.space.ParamSpec;
import dev.rung.space.SearchSpace;
import dev.rung.study.Direction;
import dev.rung.study.FrozenTrial;
import dev.rung.study.InMemoryStorage;
import dev.rung.study.Study;
import dev.rung.study.TrialState;
import dev.rung.training.loop.EpochMetrics;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The driver's backstop for a segment whose task never returns, on a simulated clock. */
class DriverBackstopTest {

  /**
   * Runs every segment at once except trial 1's, which never returns; cancelling a single segment
   * makes it report a loss. Cancelling a whole batch is an error here. The clock advances by the
   * wait when nothing is ready.
   */
  private static final class StuckDispatcher implements WorkDispatcher {
    final ArrayDeque<DispatchEvent> ready = new ArrayDeque<>();
    final Map<String, SegmentTask> stuck = new java.util.HashMap<>();
    final List<String> cancelled = new ArrayList<>();
    long now;
    int batches;

    @Override
    public String submit(List<SegmentTask> batch, String description) {
      for (SegmentTask t : batch) {
        if (t.trial() == 1) {
          stuck.put(t.segmentId(), t);
          continue;
        }
        List<EpochMetrics> epochs = new ArrayList<>();
        for (int e = t.epochFrom(); e < t.epochTo(); e++) {
          epochs.add(new EpochMetrics(e, 1, 1, 0.5, 0.5, 0.001, 0));
        }
        ready.add(
            new DispatchEvent.Finished(
                new SegmentResult(
                    t.segmentId(),
                    t.trial(),
                    ExecutorOutcome.FINISHED,
                    null,
                    epochs,
                    "1",
                    "h",
                    null,
                    0,
                    now,
                    now + 1000,
                    Map.of())));
      }
      return "batch-" + (++batches);
    }

    @Override
    public DispatchEvent next(long timeoutMillis) {
      if (ready.isEmpty()) {
        now += timeoutMillis;
        return null;
      }
      return ready.poll();
    }

    @Override
    public void cancel(String handle) {
      throw new AssertionError("the whole batch " + handle + " was cancelled");
    }

    @Override
    public void cancel(String handle, String segmentId) {
      cancelled.add(segmentId);
      SegmentTask t = stuck.remove(segmentId);
      if (t != null) {
        ready.add(new DispatchEvent.Lost(t, "Job 7 cancelled"));
      }
    }

    @Override
    public int slots() {
      return 2;
    }

    @Override
    public long nowMillis() {
      return now;
    }

    @Override
    public void close() {}
  }

  @Test
  void aSegmentThatNeverReturnsIsCancelledAloneAndItsTrialFails() throws Exception {
    long limit = 60_000;
    StuckDispatcher d = new StuckDispatcher();
    MemorySink sink = new MemorySink();
    Study study =
        Study.builder()
            .name("stuck")
            .direction(Direction.MAXIMIZE)
            .storage(new InMemoryStorage())
            .sampler(new RandomSampler(3))
            .build();
    SearchSpace space =
        new SearchSpace(List.of(ParamSpec.of("x", FloatDistribution.uniform(0, 1))));
    SweepPolicy policy = new SweepPolicy(null, 2, 4, 0, 0, 1, limit, List.of("val_accuracy"), null);
    List<FrozenTrial> trials =
        new SweepDriver(study, space, policy, d, sink, Progress.silent(), "/tmp/out", 1).run();
    assertEquals(4, trials.size());
    FrozenTrial one = trials.get(1);
    assertEquals(TrialState.FAIL, one.state());
    assertTrue(
        one.failReason()
            .startsWith(
                "lost: no result "
                    + SweepDriver.backstopMillis(limit)
                    + " ms after it was sent (segment time limit 60000 ms), cancelled by the"
                    + " driver: Job 7 cancelled"),
        one.failReason());
    assertTrue(one.failReason().endsWith("(after 1 retry)"), one.failReason());
    assertEquals(
        List.of("t00001-e0-2", "t00001-e0-2-r1"), d.cancelled, "each try cancelled once, alone");
    for (int t : List.of(0, 2, 3)) {
      assertEquals(TrialState.COMPLETE, trials.get(t).state(), "trial " + t);
    }
    assertEquals(150_000, SweepDriver.backstopMillis(limit), "2 x 60 s + 30 s");
  }
}
