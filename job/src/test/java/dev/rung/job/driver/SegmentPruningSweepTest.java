package dev.rung.job.driver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.ConfigFactory;
import dev.rung.job.config.SweepConfig;
import dev.rung.job.config.SweepConfigLoader;
import dev.rung.job.exec.SegmentTask;
import dev.rung.job.sim.SimulatedCluster;
import dev.rung.job.tables.SegmentOutcome;
import dev.rung.pruners.Pruner;
import dev.rung.study.FrozenTrial;
import dev.rung.study.History;
import dev.rung.study.InMemoryStorage;
import dev.rung.study.Study;
import dev.rung.study.TrialState;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.IntToDoubleFunction;
import org.junit.jupiter.api.Test;

/**
 * Sweeps whose pruner decides inside segments (median, threshold, patient), on one simulated
 * executor: each trial starts when the one before it has ended, so the study its segment's pruner
 * was frozen against holds exactly the trials before it. Every trial must stop at the first epoch
 * where the core pruner, asked on that study, prunes it, and run to the end when there is none.
 */
class SegmentPruningSweepTest {
  private static final int EPOCHS = 10;

  private record Run(Study study, List<FrozenTrial> trials, MemorySink sink) {}

  private static Run sweep(SimulatedCluster.CurveModel curves, String... overrides)
      throws InterruptedException {
    SweepConfig c =
        SweepConfigLoader.loadForSimulation(
            ConfigFactory.parseString(
                """
                rung {
                  study.name = segments
                  space { x { type = float, low = 0, high = 1 } }
                  training.epochs = %d
                  sampler { type = random, seed = 11 }
                  budget.trials = 24
                }
                """
                    .formatted(EPOCHS)),
            List.of(overrides));
    Study study = StudyFactory.create(c, new InMemoryStorage());
    SweepPolicy policy = SweepPolicy.of(c, study.pruner());
    MemorySink sink = new MemorySink();
    List<FrozenTrial> trials =
        new SweepDriver(
                study,
                c.space(),
                policy,
                new SimulatedCluster(1, curves, false),
                sink,
                Progress.silent(),
                "/simulated",
                c.sampler().seed())
            .run();
    return new Run(study, trials, sink);
  }

  /**
   * The epoch at which the core pruner stops trial {@code t} (its whole curve recomputed from the
   * model) given the trials before it, or 0 when it never does.
   */
  private static int expectedStop(Run run, FrozenTrial t, SimulatedCluster.CurveModel curves) {
    Pruner pruner = run.study().pruner();
    History before =
        new History(
            run.study().name(), run.study().directions(), run.trials().subList(0, t.number()));
    long seed = TrialSeed.of(t).orElseThrow();
    FrozenTrial running = FrozenTrial.create(t.number(), TrialState.RUNNING, Instant.EPOCH);
    for (int epoch = 1; epoch <= EPOCHS; epoch++) {
      running = running.withIntermediate(epoch, curves.value(t.params(), seed, epoch));
      if (pruner.prune(before, running)) {
        return epoch;
      }
    }
    return 0;
  }

  /** Checks every trial against the core pruner; returns how many were pruned. */
  private static int assertDecidedAsTheCorePruner(Run run, SimulatedCluster.CurveModel curves)
      throws Exception {
    assertEquals(24, run.trials().size());
    int pruned = 0;
    for (FrozenTrial t : run.trials()) {
      int stop = expectedStop(run, t, curves);
      String shown = "trial " + t.number() + " " + t.intermediateValues();
      if (stop > 0) {
        pruned++;
        assertEquals(TrialState.PRUNED, t.state(), shown);
        assertEquals(stop, t.lastStep().orElseThrow(), shown);
      } else {
        assertEquals(TrialState.COMPLETE, t.state(), shown);
        assertEquals(EPOCHS, t.lastStep().orElseThrow(), shown);
      }
    }
    for (MemorySink.Ended e : run.sink().segments) {
      assertEquals(e.task(), roundTrip(e.task()), "a segment goes to an executor serialized");
      if (e.decision() == SegmentOutcome.PRUNED) {
        assertEquals(
            "pruned by the sweep's pruner after epoch " + e.result().epochs().size(),
            e.result().reason());
      }
    }
    return pruned;
  }

  private static SegmentTask roundTrip(SegmentTask task) throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
      out.writeObject(task);
    }
    try (ObjectInputStream in =
        new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
      return (SegmentTask) in.readObject();
    }
  }

  /**
   * In a sweep with {@code overrides} where the trials below x = 0.3 follow {@code bad}, those
   * (there are some) are PRUNED at {@code epoch} and the others COMPLETE.
   */
  private static void assertOnlyTheBadTrialsStopAt(
      int epoch, IntToDoubleFunction bad, String... overrides) throws Exception {
    SimulatedCluster.CurveModel curves = curves(bad);
    Run run = sweep(curves, overrides);
    int pruned = assertDecidedAsTheCorePruner(run, curves);
    assertTrue(pruned > 0, "some trials have x < 0.3");
    for (FrozenTrial t : run.trials()) {
      boolean below = ((Number) t.params().get("x")).doubleValue() < 0.3;
      assertEquals(below ? TrialState.PRUNED : TrialState.COMPLETE, t.state());
      assertEquals(below ? epoch : EPOCHS, t.lastStep().orElseThrow(), "epochs trained");
    }
  }

  /**
   * Curves rising to 0.5 + 0.4 (1 - e^-3) except below {@code x = 0.3}, where {@code bad} holds.
   */
  private static SimulatedCluster.CurveModel curves(IntToDoubleFunction bad) {
    return new SimulatedCluster.CurveModel() {
      @Override
      public double value(Map<String, Object> p, long seed, int epochs) {
        return ((Number) p.get("x")).doubleValue() < 0.3
            ? bad.applyAsDouble(epochs)
            : 0.5 + 0.4 * (1 - Math.exp(-epochs / 3.0));
      }

      @Override
      public long epochMillis(Map<String, Object> p, long seed, int epoch) {
        return 1000;
      }
    };
  }

  @Test
  void thresholdPruningStopsACurveThatFallsBelowTheLowerBound() throws Exception {
    // Rises to 0.66 at epoch 4, then falls by 0.15 an epoch: 0.51, 0.36, 0.21 (below 0.3) at 7.
    assertOnlyTheBadTrialsStopAt(
        7,
        e -> e <= 4 ? 0.5 + 0.04 * e : 0.66 - 0.15 * (e - 4),
        "pruner.type=threshold",
        "pruner.lower=0.3");
  }

  @Test
  void patientPruningStopsATrialThatPlateaued() throws Exception {
    // Up to 0.7 at epoch 4, then a plateau that only moves below it: 0.699, 0.698, 0.697, ...
    // With patience 2 the best of epochs 5-7 is worse than the best before them: pruned at 7.
    assertOnlyTheBadTrialsStopAt(
        7,
        e -> e <= 4 ? 0.3 + 0.1 * e : 0.7 - 0.001 * (e - 4),
        "pruner.type=patient",
        "pruner.patience=2");
  }

  @Test
  void medianPruningStopsTrialsBelowTheMedianOfTheCompleteOnes() throws Exception {
    Run run = sweep(CurveModels.quadratic(), "pruner.type=median");
    int pruned = assertDecidedAsTheCorePruner(run, CurveModels.quadratic());
    long complete = run.trials().stream().filter(t -> t.state() == TrialState.COMPLETE).count();
    assertTrue(pruned >= 5 && complete >= 5, pruned + " pruned, " + complete + " complete");
    for (int n = 0; n < 5; n++) {
      assertEquals(
          TrialState.COMPLETE, run.trials().get(n).state(), "the 5 startup trials run to the end");
    }
  }
}
