package dev.rung.job.driver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rung.distributions.FloatDistribution;
import dev.rung.job.exec.SegmentResult;
import dev.rung.job.exec.SegmentTask;
import dev.rung.job.sim.SimulatedCluster;
import dev.rung.job.tables.LockLostException;
import dev.rung.job.tables.SegmentOutcome;
import dev.rung.pruners.AshaScheduler;
import dev.rung.pruners.HyperbandPruner;
import dev.rung.samplers.RandomSampler;
import dev.rung.space.ParamSpec;
import dev.rung.space.SearchSpace;
import dev.rung.study.Direction;
import dev.rung.study.FrozenTrial;
import dev.rung.study.InMemoryStorage;
import dev.rung.study.Study;
import dev.rung.study.TrialState;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * How a driver stops before the end of its work: at the time budget (counted across runs), on a
 * stop request (Ctrl-C), and when it can no longer prove that it holds the output's lock.
 */
class SweepDriverStopTest {
  private static final SearchSpace SPACE =
      new SearchSpace(List.of(ParamSpec.of("x", FloatDistribution.uniform(0, 1))));

  private static Study study() {
    return Study.builder()
        .name("sim")
        .direction(Direction.MAXIMIZE)
        .storage(new InMemoryStorage())
        .sampler(new RandomSampler(5))
        .pruner(HyperbandPruner.of(1, 9, 3))
        .build();
  }

  /** Hyperband on 1..9 epochs; each epoch takes 1.0-1.2 s of simulated time. */
  private static SweepPolicy policy(int trials, long maxEpochs, long maxMillis) {
    return new SweepPolicy(
        AshaScheduler.hyperband(1, 9, 3, 0),
        9,
        trials,
        maxEpochs,
        maxMillis,
        1,
        0,
        List.of("val_accuracy"),
        null);
  }

  private static SweepDriver driver(SweepPolicy policy, SweepSink sink) {
    return new SweepDriver(
        study(),
        SPACE,
        policy,
        new SimulatedCluster(4, CurveModels.quadratic(), false),
        sink,
        Progress.silent(),
        "/tmp/out",
        1);
  }

  @Test
  void theTimeBudgetStopsSegmentsInFlightAtTheLimit() throws Exception {
    MemorySink sink = new MemorySink();
    SweepDriver driver = driver(policy(0, 0, 30_000), sink);
    List<FrozenTrial> trials = driver.run();

    assertTrue(driver.stats().stoppedSegments() > 0, "segments were in flight at the limit");
    long lastEnd = sink.segments.stream().mapToLong(e -> e.result().endMillis()).max().orElse(0);
    // Results are taken as they come; the one that carries the clock past the limit is the last.
    assertTrue(
        lastEnd < 30_000 + 9 * 1_200, "no segment recorded long after the limit: " + lastEnd);
    for (FrozenTrial t : trials) {
      assertTrue(t.state().isFinished(), "every trial ends: " + t);
    }
    long recorded = sink.segments.stream().mapToLong(e -> e.result().epochs().size()).sum();
    long inTrials = trials.stream().mapToLong(t -> t.lastStep().orElse(0)).sum();
    assertEquals(recorded, inTrials, "stopped segments add no epoch to their trials");
  }

  @Test
  void timeSpentByEarlierRunsCountsAgainstTheBudget() throws Exception {
    MemorySink sink = new MemorySink();
    SweepDriver driver = driver(policy(0, 0, 30_000), sink).continuing(0, 30_000);
    assertEquals(List.of(), driver.run(), "the budget was spent before: no trial starts");

    SweepDriver half = driver(policy(0, 0, 30_000), new MemorySink()).continuing(0, 15_000);
    SweepDriver whole = driver(policy(0, 0, 30_000), new MemorySink());
    long halfEpochs = epochs(half.run());
    long wholeEpochs = epochs(whole.run());
    assertTrue(
        halfEpochs < wholeEpochs * 0.75,
        "half the time left trains clearly less: " + halfEpochs + " vs " + wholeEpochs);
  }

  @Test
  void epochsRecordedByEarlierRunsCountAgainstTheBudget() throws Exception {
    SweepDriver spent = driver(policy(0, 60, 0), new MemorySink()).continuing(60, 0);
    assertEquals(List.of(), spent.run());
    SweepDriver part = driver(policy(0, 60, 0), new MemorySink()).continuing(40, 0);
    long trained = epochs(part.run());
    assertTrue(trained > 0 && trained <= 20, "only what is left is trained: " + trained);
  }

  private static long epochs(List<FrozenTrial> trials) {
    return trials.stream().mapToLong(t -> t.lastStep().orElse(0)).sum();
  }

  @Test
  void aStopRequestReturnsWithUnfinishedTrialsStillRunning() throws Exception {
    SweepDriver[] self = new SweepDriver[1];
    MemorySink sink =
        new MemorySink() {
          @Override
          public void segmentEnded(
              SegmentTask task, SegmentResult result, SegmentOutcome decision) {
            super.segmentEnded(task, result, decision);
            if (segments.size() == 10) {
              self[0].requestStop("SIGINT");
            }
          }
        };
    self[0] = driver(policy(40, 0, 0), sink);
    List<FrozenTrial> trials = self[0].run();

    assertEquals("SIGINT", self[0].stoppedBy());
    assertTrue(trials.size() < 40, "no more trials started: " + trials.size());
    assertTrue(
        trials.stream().anyMatch(t -> t.state() == TrialState.RUNNING),
        "unfinished trials stay RUNNING for the next run to continue");
    long recorded = sink.segments.stream().mapToLong(e -> e.result().epochs().size()).sum();
    assertEquals(recorded, epochs(trials), "segments stopped in flight add no epoch");

    SweepDriver toEnd = driver(policy(10, 0, 0), new MemorySink());
    toEnd.run();
    assertNull(toEnd.stoppedBy(), "a driver that ran to the end was not stopped");
  }

  @Test
  void aDriverThatLosesItsLockStopsBeforeItsNextDecision() {
    AtomicInteger checks = new AtomicInteger();
    MemorySink sink = new MemorySink();
    SweepDriver driver =
        driver(policy(40, 0, 0), sink)
            .guardedBy(
                () -> {
                  if (checks.incrementAndGet() > 6) {
                    throw new LockLostException("lost the lock of output /tmp/out");
                  }
                },
                null);
    LockLostException e = assertThrows(LockLostException.class, driver::run);
    assertTrue(e.getMessage().contains("lost the lock"));
    int recordedWhenLost = sink.segments.size();
    assertTrue(recordedWhenLost < 40, "the driver stopped early: " + recordedWhenLost);
    assertEquals(7, checks.get(), "the guard is checked before every round and not after");
  }
}
