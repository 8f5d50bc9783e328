package dev.rung.study;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rung.distributions.FloatDistribution;
import dev.rung.distributions.IntDistribution;
import dev.rung.samplers.RandomSampler;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class StudyTest {

  private static Study study(Direction... directions) {
    return Study.builder().name("s").directions(directions).sampler(new RandomSampler(1)).build();
  }

  @Test
  void optimizeRunsDefineByRunTrialsAndFindsTheBest() {
    Study s = study(Direction.MINIMIZE);
    s.optimize(
        t -> {
          double x = t.suggestFloat("x", -10, 10);
          int n = t.suggestInt("n", 1, 5);
          String kind = t.suggestCategorical("kind", "a", "b");
          return x * x + n + (kind.equals("a") ? 0 : 1);
        },
        50);
    assertEquals(50, s.trials().size());
    assertEquals(50, s.trials(TrialState.COMPLETE).size());
    double min = s.trials().stream().mapToDouble(FrozenTrial::value).min().orElseThrow();
    assertEquals(min, s.bestValue());
    assertEquals(s.bestTrial().params(), s.bestParams());
    FrozenTrial best = s.bestTrial();
    assertNotNull(best.start());
    assertNotNull(best.complete());
    assertTrue(best.durationMillis() >= 0);
    assertEquals(
        List.of("x", "n", "kind"), List.copyOf(best.params().keySet()), "suggestion order kept");
  }

  @Test
  void nullIsACategoricalChoice() {
    Study s = study(Direction.MINIMIZE);
    s.optimize(
        t -> t.suggestCategorical("init", java.util.Arrays.asList(null, "xavier")) == null ? 0 : 1,
        30);
    assertTrue(
        s.trials().stream()
            .anyMatch(t -> t.params().get("init") == null && t.params().containsKey("init")),
        "null drawn and recorded");
    assertEquals(0.0, s.bestValue());
  }

  @Test
  void maximizeChoosesTheLargestValue() {
    Study s = study(Direction.MAXIMIZE);
    s.optimize(t -> t.suggestFloat("x", 0, 1), 20);
    double max = s.trials().stream().mapToDouble(FrozenTrial::value).max().orElseThrow();
    assertEquals(max, s.bestValue());
  }

  @Test
  void conditionalAndPerLayerParametersAreDefinedByRunning() {
    Study s = study(Direction.MINIMIZE);
    s.optimize(
        t -> {
          String opt = t.suggestCategorical("optimizer", "sgd", "adam");
          if (opt.equals("sgd")) {
            t.suggestFloat("momentum", 0, 0.99);
          }
          int layers = t.suggestInt("layers", 1, 3);
          for (int i = 0; i < layers; i++) {
            t.suggestInt("conv_" + i + "_channels", 8, 64, true);
          }
          return 0;
        },
        40);
    for (FrozenTrial t : s.trials()) {
      assertEquals("sgd".equals(t.params().get("optimizer")), t.hasParam("momentum"));
      int layers = (Integer) t.params().get("layers");
      for (int i = 0; i < 3; i++) {
        assertEquals(i < layers, t.hasParam("conv_" + i + "_channels"));
      }
    }
  }

  @Test
  void suggestingTheSameNameAgainReturnsTheFirstValue() {
    Study s = study(Direction.MINIMIZE);
    Trial t = s.ask();
    double first = t.suggestFloat("x", 0, 1);
    assertEquals(first, t.suggestFloat("x", 0, 1));
  }

  @Test
  void suggestingTheSameNameWithAnotherDistributionIsAnError() {
    Study s = study(Direction.MINIMIZE);
    Trial t = s.ask();
    t.suggestFloat("x", 0, 1);
    var e = assertThrows(IllegalArgumentException.class, () -> t.suggestFloat("x", 0, 2));
    assertEquals(
        "parameter 'x' was already suggested in trial 0 as float[0.0, 1.0]; it cannot be"
            + " suggested again as float[0.0, 2.0]",
        e.getMessage());
  }

  @Test
  void aParameterKeepsItsKindAcrossTrials() {
    Study s = study(Direction.MINIMIZE);
    s.ask().suggestFloat("lr", 1e-4, 1e-1, true);
    Trial t = s.ask();
    var e = assertThrows(IllegalArgumentException.class, () -> t.suggestFloat("lr", 1e-4, 1e-1));
    assertTrue(
        e.getMessage().startsWith("parameter 'lr' is float[1.0E-4, 0.1] here but"), e.getMessage());
    // A different range of the same kind is fine across trials.
    assertEquals(
        Double.class, s.ask().suggest("lr", FloatDistribution.logUniform(1e-5, 1)).getClass());
  }

  @Test
  void badRangesNameTheParameter() {
    Trial t = study(Direction.MINIMIZE).ask();
    var inverted =
        assertThrows(IllegalArgumentException.class, () -> t.suggestInt("batch_size", 256, 16));
    assertEquals(
        "parameter 'batch_size': int range [256, 16] is inverted: low must be <= high",
        inverted.getMessage());
    var log = assertThrows(IllegalArgumentException.class, () -> t.suggestFloat("lr", 0, 1, true));
    assertEquals(
        "parameter 'lr': float range [0.0, 1.0] is log-scale: low must be > 0, got 0.0",
        log.getMessage());
    var empty =
        assertThrows(IllegalArgumentException.class, () -> t.suggestCategorical("opt", List.of()));
    assertEquals(
        "parameter 'opt': categorical choices are empty: give at least one choice",
        empty.getMessage());
  }

  @Test
  void nanAndInfiniteValuesFailTheTrialWithTheReasonAndTheStudyGoesOn() {
    Study s = study(Direction.MINIMIZE);
    AtomicInteger calls = new AtomicInteger();
    s.optimize(
        t -> {
          int i = calls.getAndIncrement();
          return i == 0 ? Double.NaN : i == 1 ? Double.POSITIVE_INFINITY : i;
        },
        4);
    List<FrozenTrial> trials = s.trials();
    assertEquals(TrialState.FAIL, trials.get(0).state());
    assertEquals(
        "the objective returned NaN: values must be finite numbers", trials.get(0).failReason());
    assertEquals(TrialState.FAIL, trials.get(1).state());
    assertTrue(trials.get(1).failReason().contains("Infinity"));
    assertEquals(2, s.trials(TrialState.COMPLETE).size());
    assertEquals(2.0, s.bestValue());
  }

  @Test
  void wrongNumberOfValuesFailsAMultiObjectiveTrial() {
    Study s = study(Direction.MINIMIZE, Direction.MAXIMIZE);
    s.optimizeMulti(t -> new double[] {1}, OptimizeOptions.trials(1));
    FrozenTrial t = s.trials().get(0);
    assertEquals(TrialState.FAIL, t.state());
    assertTrue(
        t.failReason().contains("1 value(s) [1.0] but the study has 2 direction(s)"),
        t.failReason());
  }

  @Test
  void caughtExceptionsFailOnlyTheirTrial() {
    Study s = study(Direction.MINIMIZE);
    AtomicInteger calls = new AtomicInteger();
    s.optimize(
        t -> {
          if (calls.getAndIncrement() % 2 == 0) {
            throw new IOException("disk full");
          }
          return 1;
        },
        OptimizeOptions.trials(6).catching(IOException.class));
    assertEquals(3, s.trials(TrialState.FAIL).size());
    assertEquals("java.io.IOException: disk full", s.trials(TrialState.FAIL).get(0).failReason());
    assertEquals(3, s.trials(TrialState.COMPLETE).size());
  }

  @Test
  void uncaughtExceptionsFailTheTrialAndStopTheStudy() {
    Study s = study(Direction.MINIMIZE);
    IllegalStateException boom = new IllegalStateException("boom");
    var thrown =
        assertThrows(
            IllegalStateException.class,
            () ->
                s.optimize(
                    t -> {
                      if (t.number() == 2) {
                        throw boom;
                      }
                      return 1;
                    },
                    10));
    assertSame(boom, thrown);
    assertEquals(3, s.trials().size());
    assertEquals(TrialState.FAIL, s.trials().get(2).state());
    var checked =
        assertThrows(
            ObjectiveException.class,
            () ->
                s.optimize(
                    t -> {
                      throw new IOException("no data");
                    },
                    1));
    assertTrue(checked.getCause() instanceof IOException);
  }

  @Test
  void prunedTrialsKeepTheirLastIntermediateValue() {
    Study s = study(Direction.MINIMIZE);
    s.optimize(
        t -> {
          t.report(0.9, 0);
          t.report(0.7, 1);
          throw new TrialPrunedException();
        },
        1);
    FrozenTrial t = s.trials().get(0);
    assertEquals(TrialState.PRUNED, t.state());
    assertEquals(List.of(0.7), t.values());
    assertEquals(1, t.lastStep().getAsInt());
    assertThrows(IllegalStateException.class, s::bestTrial, "a pruned trial is not a best trial");
  }

  @Test
  void reportRejectsNegativeStepsAndIgnoresDuplicates() {
    Trial t = study(Direction.MINIMIZE).ask();
    var e = assertThrows(IllegalArgumentException.class, () -> t.report(1, -1));
    assertEquals("trial 0: report step -1 is not allowed: step must be >= 0", e.getMessage());
    t.report(0.5, 3);
    t.report(0.1, 3);
    assertEquals(Map.of(3, 0.5), t.snapshot().intermediateValues());
  }

  @Test
  void askAndTellDriveTrialsFromOutside() {
    Study s = study(Direction.MINIMIZE);
    Trial a = s.ask();
    Trial b = s.ask(Map.of("x", FloatDistribution.uniform(0, 1), "n", IntDistribution.of(1, 3)));
    assertEquals(Set.of("x", "n"), b.params().keySet());
    assertEquals(TrialState.RUNNING, s.trials().get(1).state());
    s.tell(b, 0.25);
    s.tell(a.number(), TrialState.PRUNED);
    var again = assertThrows(IllegalStateException.class, () -> s.tell(b, 0.1));
    assertEquals("trial 1 of study 's' is already COMPLETE", again.getMessage());
    assertEquals(0.25, s.bestValue());
    FrozenTrial failed = s.tellFail(s.ask().number(), "out of memory");
    assertEquals("out of memory", failed.failReason());
    FrozenTrial nan = s.tell(s.ask().number(), Double.NaN);
    assertEquals(TrialState.FAIL, nan.state());
  }

  @Test
  void finishedTrialsAreImmutable() {
    Study s = study(Direction.MINIMIZE);
    s.optimize(t -> t.suggestFloat("x", 0, 1), 1);
    FrozenTrial t = s.trials().get(0);
    assertThrows(UnsupportedOperationException.class, () -> t.params().put("x", 2.0));
    assertThrows(UnsupportedOperationException.class, () -> t.values().add(1.0));
    assertThrows(UnsupportedOperationException.class, () -> t.intermediateValues().put(1, 1.0));
    assertThrows(
        IllegalStateException.class, () -> s.storage().updateTrial("s", t.withUserAttr("late", 1)));
  }

  @Test
  void enqueuedTrialsRunFirstExactlyOnce() {
    Study s = study(Direction.MINIMIZE);
    s.enqueueTrial(Map.of("x", 0.5, "n", 2));
    s.enqueueTrial(Map.of("x", 5.0, "n", 2)); // outside the range: used anyway, with a warning
    s.enqueueTrial(Map.of("x", 0.5, "n", 2), Map.of(), true); // already enqueued: skipped
    s.optimize(t -> t.suggestFloat("x", 0, 1) + t.suggestInt("n", 1, 3), 4);
    List<FrozenTrial> trials = s.trials();
    assertEquals(4, trials.size());
    assertEquals(Map.of("x", 0.5, "n", 2), trials.get(0).params());
    assertEquals(Map.of("x", 5.0, "n", 2), trials.get(1).params());
    assertFalse(trials.get(2).params().equals(trials.get(0).params()));
    assertEquals(2.5, trials.get(0).value());
  }

  @Test
  void finishedTrialsCanBeAddedFromElsewhere() {
    Study source = study(Direction.MINIMIZE);
    source.optimize(t -> t.suggestFloat("x", 0, 1), 3);
    Study target = study(Direction.MINIMIZE);
    for (FrozenTrial t : source.trials()) {
      target.addTrial(t);
    }
    assertEquals(source.bestValue(), target.bestValue());
    var running =
        assertThrows(
            IllegalArgumentException.class,
            () -> target.addTrial(FrozenTrial.create(0, TrialState.RUNNING, null)));
    assertEquals("only finished trials can be added, got a RUNNING trial", running.getMessage());
  }

  @Test
  void aStudyIsResumedFromItsStorage() {
    TrialStorage storage = new InMemoryStorage();
    Study first =
        Study.builder().name("resume").storage(storage).sampler(new RandomSampler(3)).build();
    first.optimize(t -> t.suggestFloat("x", 0, 1), 5);
    var duplicate =
        assertThrows(
            IllegalArgumentException.class,
            () -> Study.builder().name("resume").storage(storage).build());
    assertTrue(duplicate.getMessage().contains("loadIfExists(true)"));
    Study second =
        Study.builder()
            .name("resume")
            .storage(storage)
            .loadIfExists(true)
            .sampler(new RandomSampler(3))
            .build();
    second.optimize(t -> t.suggestFloat("x", 0, 1), 5);
    assertEquals(10, second.trials().size());
    assertEquals(9, second.trials().get(9).number());
    var kind =
        assertThrows(IllegalArgumentException.class, () -> second.ask().suggestInt("x", 0, 1));
    assertTrue(kind.getMessage().contains("earlier trials"), "distributions reloaded");
  }

  @Test
  void timeoutStopsStartingTrials() {
    Study s = study(Direction.MINIMIZE);
    s.optimize(
        t -> {
          Thread.sleep(20);
          return 1;
        },
        OptimizeOptions.timeout(Duration.ofMillis(200)));
    int n = s.trials().size();
    assertTrue(n >= 2 && n <= 11, "about 10 trials of 20 ms in 200 ms, got " + n);
  }

  @Test
  void callbacksSeeEveryFinishedTrialAndCanStopTheStudy() {
    Study s = study(Direction.MINIMIZE);
    List<Integer> seen = new java.util.concurrent.CopyOnWriteArrayList<>();
    s.optimize(
        t -> t.suggestFloat("x", 0, 1),
        OptimizeOptions.trials(100)
            .withCallback(
                (study, trial) -> {
                  seen.add(trial.number());
                  if (seen.size() == 7) {
                    study.stop();
                  }
                }));
    assertEquals(List.of(0, 1, 2, 3, 4, 5, 6), seen);
    assertEquals(7, s.trials().size());
  }

  @Test
  void parallelWorkersRunExactlyTheRequestedTrialsWithDenseNumbers() {
    Study s = study(Direction.MINIMIZE);
    s.optimize(
        t -> {
          double x = t.suggestFloat("x", 0, 1);
          t.report(x, 0);
          return x;
        },
        OptimizeOptions.trials(400).withWorkers(4));
    List<FrozenTrial> trials = s.trials();
    assertEquals(400, trials.size());
    Set<Integer> numbers = new HashSet<>();
    for (int i = 0; i < trials.size(); i++) {
      assertEquals(i, trials.get(i).number());
      assertEquals(TrialState.COMPLETE, trials.get(i).state());
      assertEquals(trials.get(i).params().get("x"), trials.get(i).value());
      numbers.add(trials.get(i).number());
    }
    assertEquals(400, numbers.size());
  }

  @Test
  void onlyFeasibleTrialsCanBeBest() {
    Study s = study(Direction.MINIMIZE);
    for (double[] vc : new double[][] {{1, 0.5}, {2, 0}, {3, -1}}) {
      Trial t = s.ask();
      t.setConstraints(vc[1]);
      s.tell(t, vc[0]);
    }
    assertEquals(2.0, s.bestValue(), "value 1 violates its constraint");
    assertEquals(List.of(1), s.bestTrials().stream().map(FrozenTrial::number).toList());
  }

  @Test
  void optimizeOptionsAreValidated() {
    assertThrows(IllegalArgumentException.class, () -> OptimizeOptions.trials(-1));
    var forever = assertThrows(IllegalArgumentException.class, () -> OptimizeOptions.trials(0));
    assertTrue(forever.getMessage().contains("run forever"));
    assertThrows(IllegalArgumentException.class, () -> OptimizeOptions.trials(1).withWorkers(0));
  }

  @Test
  void uncheckedWrappersAreStillCatchableByType() {
    Study s = study(Direction.MINIMIZE);
    s.optimize(
        t -> {
          throw new UncheckedIOException(new IOException("x"));
        },
        OptimizeOptions.trials(2).catching(RuntimeException.class));
    assertEquals(2, s.trials(TrialState.FAIL).size());
  }
}
