package dev.rung.job.driver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rung.distributions.FloatDistribution;
import dev.rung.job.exec.SegmentResult;
import dev.rung.job.exec.SegmentTask;
import dev.rung.job.sim.SimulatedCluster;
import dev.rung.job.tables.SegmentOutcome;
import dev.rung.pruners.AshaScheduler;
import dev.rung.pruners.HyperbandPruner;
import dev.rung.pruners.RungAttrs;
import dev.rung.samplers.RandomSampler;
import dev.rung.space.ParamSpec;
import dev.rung.space.SearchSpace;
import dev.rung.study.Direction;
import dev.rung.study.FrozenTrial;
import dev.rung.study.InMemoryStorage;
import dev.rung.study.Study;
import dev.rung.study.TrialState;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SweepDriverTest {
  private static final SearchSpace SPACE =
      new SearchSpace(List.of(ParamSpec.of("x", FloatDistribution.uniform(0, 1))));

  private static Study study(InMemoryStorage storage) {
    return Study.builder()
        .name("sim")
        .direction(Direction.MAXIMIZE)
        .storage(storage)
        .loadIfExists(true)
        .sampler(new RandomSampler(5))
        .pruner(HyperbandPruner.of(1, 9, 3))
        .build();
  }

  private static SweepPolicy hyperband(int trials) {
    return new SweepPolicy(
        AshaScheduler.hyperband(1, 9, 3, 0), 9, trials, 0, 0, 1, 0, List.of("val_accuracy"), null);
  }

  /**
   * Every trials snapshot counts only epochs whose segments were recorded before it, also when a
   * segment paused at its rung is recorded after the next fill: the tables agree wherever the
   * writes stop.
   */
  @Test
  void noSnapshotCountsEpochsOfSegmentsNotYetRecorded() throws Exception {
    Map<Integer, Integer> recorded = new HashMap<>();
    List<String> ahead = new ArrayList<>();
    MemorySink sink =
        new MemorySink() {
          @Override
          public void segmentEnded(SegmentTask task, SegmentResult r, SegmentOutcome decision) {
            super.segmentEnded(task, r, decision);
            recorded.merge(task.trial(), r.epochs().size(), Integer::sum);
          }

          @Override
          public void trialsChanged(List<FrozenTrial> all) {
            super.trialsChanged(all);
            for (FrozenTrial t : all) {
              int known = t.intermediateValues().size();
              if (known > recorded.getOrDefault(t.number(), 0)) {
                ahead.add(
                    "trial "
                        + t.number()
                        + ": "
                        + known
                        + " epochs known, "
                        + recorded.get(t.number())
                        + " recorded");
              }
            }
          }
        };
    SimulatedCluster cluster = new SimulatedCluster(4, CurveModels.quadratic());
    new SweepDriver(
            study(new InMemoryStorage()),
            SPACE,
            hyperband(40),
            cluster,
            sink,
            Progress.silent(),
            "/tmp/out",
            1)
        .run();
    assertTrue(sink.segments.stream().anyMatch(e -> e.decision() == SegmentOutcome.PROMOTED));
    assertEquals(List.of(), ahead);
  }

  @Test
  void everyTrialTrainsExactlyTheEpochsOfTheRungItReached() throws Exception {
    InMemoryStorage storage = new InMemoryStorage();
    MemorySink sink = new MemorySink();
    SimulatedCluster cluster = new SimulatedCluster(4, CurveModels.quadratic());
    SweepDriver driver =
        new SweepDriver(
            study(storage), SPACE, hyperband(40), cluster, sink, Progress.silent(), "/tmp/out", 1);
    List<FrozenTrial> trials = driver.run();
    assertEquals(40, trials.size());
    Map<Integer, Integer> trained = new HashMap<>();
    for (MemorySink.Ended e : sink.segments) {
      trained.merge(e.task().trial(), e.result().epochs().size(), Integer::sum);
      if (e.task().epochFrom() > 0) {
        assertEquals(
            String.format(
                "/tmp/out/checkpoints/sim/trial-%05d/epoch-%04d",
                e.task().trial(), e.task().epochFrom()),
            e.task().inputCheckpoint(),
            "a promoted trial continues from its checkpoint");
      }
    }
    for (FrozenTrial t : trials) {
      assertTrue(t.state() == TrialState.COMPLETE || t.state() == TrialState.PRUNED, "" + t);
      int reached = t.lastStep().orElseThrow();
      assertEquals(
          reached,
          (int) trained.get(t.number()),
          "trial " + t.number() + " trained each epoch once");
      assertEquals(t.state() == TrialState.COMPLETE, reached == 9);
    }
    assertTrue(driver.stats().promotions() > 0, "some paused trials were promoted");
    assertTrue(trials.stream().anyMatch(t -> t.state() == TrialState.COMPLETE));
    // Brackets are recorded on every trial.
    assertTrue(trials.stream().allMatch(t -> RungAttrs.bracket(t).isPresent()));
  }

  @Test
  void theSlotsStayBusyWhileThereIsWork() throws Exception {
    SimulatedCluster cluster = new SimulatedCluster(8, CurveModels.quadratic());
    new SweepDriver(
            study(new InMemoryStorage()),
            SPACE,
            hyperband(200),
            cluster,
            new MemorySink(),
            Progress.silent(),
            "/tmp/out",
            2)
        .run();
    assertTrue(cluster.utilization() > 0.8, "utilization " + cluster.utilization());
  }

  @Test
  void aFailingTrialIsRetriedThenFailsAloneWithItsReason() throws Exception {
    SimulatedCluster.CurveModel failing =
        new SimulatedCluster.CurveModel() {
          final SimulatedCluster.CurveModel base = CurveModels.quadratic();

          @Override
          public double value(Map<String, Object> p, long seed, int epochs) {
            return base.value(p, seed, epochs);
          }

          @Override
          public long epochMillis(Map<String, Object> p, long seed, int epoch) {
            return base.epochMillis(p, seed, epoch);
          }

          @Override
          public boolean fails(Map<String, Object> p, long seed, int epoch) {
            return ((Number) p.get("x")).doubleValue() < 0.2;
          }
        };
    MemorySink sink = new MemorySink();
    List<FrozenTrial> trials =
        new SweepDriver(
                study(new InMemoryStorage()),
                SPACE,
                hyperband(30),
                new SimulatedCluster(3, failing),
                sink,
                Progress.silent(),
                "/tmp/out",
                3)
            .run();
    List<FrozenTrial> failed = trials.stream().filter(t -> t.state() == TrialState.FAIL).toList();
    assertTrue(!failed.isEmpty(), "about a fifth of the trials have x < 0.2");
    for (FrozenTrial t : failed) {
      assertTrue(((Double) t.params().get("x")) < 0.2);
      assertTrue(t.failReason().startsWith("failed: simulated failure in epoch 0"), t.failReason());
      assertTrue(t.failReason().endsWith("(after 1 retry)"), t.failReason());
      long attempts = sink.segments.stream().filter(e -> e.task().trial() == t.number()).count();
      assertEquals(2, attempts, "one try and one retry");
    }
    assertTrue(
        trials.stream().anyMatch(t -> t.state() == TrialState.COMPLETE), "the sweep goes on");
  }

  @Test
  void aStoppedSweepResumesWithoutLosingOrRepeatingWork() throws Exception {
    InMemoryStorage storage = new InMemoryStorage();
    MemorySink first = new MemorySink();
    new SweepDriver(
            study(storage),
            SPACE,
            hyperband(20),
            new SimulatedCluster(4, CurveModels.quadratic()),
            first,
            Progress.silent(),
            "/tmp/out",
            4)
        .run();
    MemorySink second = new MemorySink();
    List<FrozenTrial> trials =
        new SweepDriver(
                study(storage),
                SPACE,
                hyperband(35),
                new SimulatedCluster(4, CurveModels.quadratic()),
                second,
                Progress.silent(),
                "/tmp/out",
                4)
            .run();
    assertEquals(35, trials.size(), "the budget counts the trials already done");
    for (MemorySink.Ended e : second.segments) {
      assertTrue(e.task().trial() >= 20, "finished trials are not run again");
    }
  }

  @Test
  void aKilledDriverIsResumedFromWhatWasRecorded() throws Exception {
    InMemoryStorage storage = new InMemoryStorage();
    MemorySink crashing =
        new MemorySink() {
          @Override
          public void segmentEnded(
              dev.rung.job.exec.SegmentTask task,
              dev.rung.job.exec.SegmentResult result,
              SegmentOutcome decision) {
            super.segmentEnded(task, result, decision);
            if (segments.size() == 25) {
              throw new IllegalStateException("driver killed");
            }
          }
        };
    try {
      new SweepDriver(
              study(storage),
              SPACE,
              hyperband(30),
              new SimulatedCluster(4, CurveModels.quadratic()),
              crashing,
              Progress.silent(),
              "/tmp/out",
              6)
          .run();
    } catch (IllegalStateException expected) {
      assertEquals("driver killed", expected.getMessage());
    }
    long running =
        storage.trials("sim").stream().filter(t -> t.state() == TrialState.RUNNING).count();
    assertTrue(running > 0, "trials were paused or in flight at the crash");
    Map<Integer, Integer> recorded = new HashMap<>();
    for (FrozenTrial t : storage.trials("sim")) {
      if (t.state() == TrialState.RUNNING) {
        recorded.put(t.number(), t.lastStep().orElse(0));
      }
    }
    MemorySink resumed = new MemorySink();
    List<FrozenTrial> trials =
        new SweepDriver(
                study(storage),
                SPACE,
                hyperband(30),
                new SimulatedCluster(4, CurveModels.quadratic()),
                resumed,
                Progress.silent(),
                "/tmp/out",
                6)
            .run();
    assertEquals(30, trials.size());
    Map<Integer, Integer> firstFrom = new HashMap<>();
    for (MemorySink.Ended e : resumed.segments) {
      firstFrom.putIfAbsent(e.task().trial(), e.task().epochFrom());
    }
    recorded.forEach(
        (trial, step) -> {
          if (firstFrom.containsKey(trial)) {
            assertEquals(
                step,
                firstFrom.get(trial),
                "trial " + trial + " continues from the last epoch recorded before the crash");
          }
        });
    for (FrozenTrial t : trials) {
      assertTrue(t.state().isFinished());
    }
  }
}
