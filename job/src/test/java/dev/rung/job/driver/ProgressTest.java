package dev.rung.job.driver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rung.distributions.FloatDistribution;
import dev.rung.job.sim.SimulatedCluster;
import dev.rung.pruners.AshaScheduler;
import dev.rung.pruners.HyperbandPruner;
import dev.rung.samplers.RandomSampler;
import dev.rung.space.ParamSpec;
import dev.rung.space.SearchSpace;
import dev.rung.study.Direction;
import dev.rung.study.FrozenTrial;
import dev.rung.study.InMemoryStorage;
import dev.rung.study.Study;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ProgressTest {

  @Test
  void progressLinesReportCountsAndTheBestTrial() throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    Study study =
        Study.builder()
            .name("p")
            .direction(Direction.MAXIMIZE)
            .storage(new InMemoryStorage())
            .sampler(new RandomSampler(1))
            .pruner(HyperbandPruner.of(1, 9, 3))
            .build();
    SweepPolicy policy =
        new SweepPolicy(
            AshaScheduler.hyperband(1, 9, 3, 0), 9, 12, 0, 0, 0, 0, List.of("val_accuracy"), null);
    new SweepDriver(
            study,
            new SearchSpace(List.of(ParamSpec.of("x", FloatDistribution.uniform(0, 1)))),
            policy,
            new SimulatedCluster(2, CurveModels.quadratic()),
            new MemorySink(),
            new Progress(new PrintStream(bytes, true), 1),
            "/tmp/p",
            1)
        .run();
    List<String> lines = bytes.toString(StandardCharsets.UTF_8).lines().toList();
    assertTrue(lines.size() >= 2, "a line while running and one at the end: " + lines);
    String last = lines.get(lines.size() - 1);
    long complete =
        study.trials().stream().filter(t -> t.state().name().equals("COMPLETE")).count();
    assertTrue(last.startsWith("[rung] " + complete + " complete, "), last);
    assertTrue(last.contains("| 0 training, 0 waiting at a rung |"), last);
    assertTrue(last.endsWith(" elapsed"), "no estimate on the last line: " + last);
    assertEquals(true, last.contains("best 0."), last);
  }

  private static Study study() {
    return Study.builder()
        .name("p")
        .direction(Direction.MAXIMIZE)
        .storage(new InMemoryStorage())
        .sampler(new RandomSampler(1))
        .build();
  }

  /** A new RUNNING trial with {@code values} reported at epochs 1, 2, ... */
  private static int trial(Study study, double... values) {
    int n = study.ask().number();
    FrozenTrial t = study.storage().trial("p", n);
    for (int i = 0; i < values.length; i++) {
      t = t.withIntermediate(i + 1, values[i]);
    }
    study.storage().updateTrial("p", t);
    return n;
  }

  private static Eta.Work work(long epochs, int slots) {
    return new Eta.Work(epochs, 30_000, epochs, 30_000, 0, new int[0], new int[0], slots);
  }

  private static final SweepPolicy NO_BUDGET =
      new SweepPolicy(null, 9, 0, 0, 0, 0, 0, List.of("val_accuracy"), null);

  @Test
  void segmentsBeyondTheSlotsAreQueuedNotTraining() {
    Study study = study();
    for (int i = 0; i < 5; i++) {
      trial(study, 0.5);
    }
    Progress.Snapshot s =
        Progress.Snapshot.of(study, Set.of(0, 1, 2), 30_000, work(5, 2), NO_BUDGET);
    assertEquals(2, s.training());
    assertEquals(1, s.queued());
    assertEquals(2, s.waiting(), "five RUNNING trials, three of them in flight");
    assertTrue(s.line().contains("| 2 training, 1 queued, 2 waiting at a rung |"), s.line());
  }

  @Test
  void beforeAnyTrialCompletesTheBestValueAtTheHighestEpochIsShownAsSuch() {
    Study study = study();
    trial(study, 0.9);
    trial(study, 0.5, 0.7);
    int leader = trial(study, 0.4, 0.8);
    Progress.Snapshot s = Progress.Snapshot.of(study, Set.of(), 30_000, work(5, 2), NO_BUDGET);
    assertEquals(leader, s.bestTrial());
    assertEquals(2, s.bestEpoch());
    assertTrue(s.line().contains("none complete; best at epoch 2 0.80000 (trial 2)"), s.line());

    study.tell(0, 0.6);
    Progress.Snapshot after = Progress.Snapshot.of(study, Set.of(), 30_000, work(5, 2), NO_BUDGET);
    assertEquals(0, after.bestTrial(), "a COMPLETE trial's value, however low");
    assertTrue(after.line().contains("| best 0.60000 (trial 0) |"), after.line());
  }

  @Test
  void theLineSaysWhenTheTimeLeftIsUnknown() {
    Progress.Snapshot s = Progress.Snapshot.of(study(), Set.of(), 30_000, work(0, 2), NO_BUDGET);
    assertTrue(s.line().endsWith("elapsed, ETA unknown"), s.line());
    assertTrue(s.finalLine().endsWith("elapsed"), s.finalLine());
    assertTrue(s.line().contains("no value yet"), s.line());
  }

  @Test
  void onATerminalTheLineHasABarOfTheBudgetUsed() {
    SweepPolicy tenMinutes =
        new SweepPolicy(null, 9, 0, 0, 600_000, 0, 0, List.of("val_accuracy"), null);
    Eta.Work w = new Eta.Work(10, 60_000, 10, 150_000, 0, new int[0], new int[0], 2);
    Progress.Snapshot s = Progress.Snapshot.of(study(), Set.of(), 30_000, w, tenMinutes);
    assertEquals(0.25, s.done(), 1e-9);
    assertTrue(
        s.barLine().startsWith("[rung] [#####...............]  25%, about 7m30s left | 0 complete"),
        s.barLine());
    assertTrue(s.line().endsWith("about 7m30s left"), s.line());
  }

  @Test
  void trialsWaitingAtARungCountAsSettledForTheTrialBudget() {
    // Four trials of one epoch each, one of them training on: the three waiting ones say a trial
    // takes one epoch, so the six not started take six, at one epoch per second.
    Study study = study();
    for (int i = 0; i < 4; i++) {
      trial(study, 0.5);
    }
    SweepPolicy tenTrials = new SweepPolicy(null, 9, 10, 0, 0, 0, 0, List.of("val_accuracy"), null);
    Eta.Work w = new Eta.Work(4, 4_000, 4, 4_000, 0, new int[0], new int[0], 2);
    Progress.Snapshot s = Progress.Snapshot.of(study, Set.of(3), 30_000, w, tenTrials);
    assertEquals(6_000, s.eta().millis());
    assertTrue(s.line().endsWith("about 6s left"), s.line());
  }
}
