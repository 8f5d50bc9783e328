package dev.rung.importance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rung.distributions.CategoricalDistribution;
import dev.rung.distributions.Distribution;
import dev.rung.distributions.FloatDistribution;
import dev.rung.distributions.IntDistribution;
import dev.rung.study.Direction;
import dev.rung.study.FrozenTrial;
import dev.rung.study.Study;
import dev.rung.study.TrialState;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** What every evaluator promises: the trials it uses, the shape of its result, its errors. */
class ImportanceContractTest {

  static Stream<ImportanceEvaluator> evaluators() {
    return Stream.of(new FanovaEvaluator(3, 16, 64), new PedAnovaEvaluator());
  }

  @ParameterizedTest
  @MethodSource("evaluators")
  void sharesAreNonNegativeSumToOneAndComeInDecreasingOrder(ImportanceEvaluator evaluator) {
    Map<String, Double> shares =
        evaluator.evaluate(MixedSpace.additive(200, 11), FrozenTrial::value);
    assertEquals(5, shares.size());
    assertEquals(1.0, shares.values().stream().mapToDouble(Double::doubleValue).sum(), 1e-12);
    double previous = Double.POSITIVE_INFINITY;
    for (double s : shares.values()) {
      assertTrue(s >= 0 && s <= previous, "" + shares);
      previous = s;
    }
  }

  @ParameterizedTest
  @MethodSource("evaluators")
  void onlyCompleteTrialsWithAFiniteTargetAreUsed(ImportanceEvaluator evaluator) {
    List<FrozenTrial> clean = MixedSpace.additive(100, 12);
    List<FrozenTrial> noisy = new ArrayList<>(clean);
    // A trial with a NaN target, and failed, pruned and running trials with a wild parameter.
    FrozenTrial first = clean.get(0);
    noisy.add(KnownShares.complete(100, Double.NaN, first.params(), first.distributions()));
    Map<String, Object> wild = new LinkedHashMap<>(first.params());
    Map<String, Distribution> wildDists = new LinkedHashMap<>(first.distributions());
    MixedSpace.put(wild, wildDists, "other", 0.5, FloatDistribution.uniform(0, 1));
    FrozenTrial base = KnownShares.complete(101, -1e9, wild, wildDists);
    noisy.add(base.withState(TrialState.FAIL));
    noisy.add(base.withNumber(102).withState(TrialState.PRUNED));
    noisy.add(base.withNumber(103).withState(TrialState.RUNNING));
    assertEquals(
        evaluator.evaluate(clean, FrozenTrial::value),
        evaluator.evaluate(noisy, t -> t.values().isEmpty() ? Double.NaN : t.value()));
  }

  @ParameterizedTest
  @MethodSource("evaluators")
  void aParameterWithOneValueGetsZeroAndComesLast(ImportanceEvaluator evaluator) {
    List<FrozenTrial> trials = new ArrayList<>();
    for (FrozenTrial t : KnownShares.trials(100, 13)) {
      trials.add(t.withParam("fixed", 4, IntDistribution.of(4, 4)));
    }
    Map<String, Double> shares = evaluator.evaluate(trials, FrozenTrial::value);
    assertEquals(0.0, shares.get("fixed"));
    assertEquals("fixed", List.copyOf(shares.keySet()).get(shares.size() - 1));
  }

  @ParameterizedTest
  @MethodSource("evaluators")
  void rangesThatDifferBetweenTrialsAreCovered(ImportanceEvaluator evaluator) {
    List<FrozenTrial> trials = new ArrayList<>();
    for (FrozenTrial t : KnownShares.trials(100, 14)) {
      double x0 = (double) t.params().get("x0");
      Distribution d =
          t.number() < 50 ? FloatDistribution.uniform(0, 1) : FloatDistribution.uniform(0, 2);
      trials.add(t.withParam("x0", t.number() < 50 ? x0 : 2 * x0, d));
    }
    assertEquals(10, evaluator.evaluate(trials, FrozenTrial::value).size());
  }

  @ParameterizedTest
  @MethodSource("evaluators")
  void fewerThanTwoUsableTrialsAreRefusedSayingSo(ImportanceEvaluator evaluator) {
    List<FrozenTrial> trials = new ArrayList<>(KnownShares.trials(1, 15));
    trials.add(KnownShares.trials(1, 16).get(0).withNumber(1).withState(TrialState.FAIL));
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class, () -> evaluator.evaluate(trials, FrozenTrial::value));
    assertTrue(
        e.getMessage().contains("at least 2 COMPLETE trials with a finite target value, got 1"),
        e.getMessage());
  }

  @ParameterizedTest
  @MethodSource("evaluators")
  void trialsWithoutParametersAreRefusedSayingSo(ImportanceEvaluator evaluator) {
    List<FrozenTrial> trials =
        List.of(
            KnownShares.complete(0, 1, Map.of(), Map.of()),
            KnownShares.complete(1, 2, Map.of(), Map.of()));
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class, () -> evaluator.evaluate(trials, FrozenTrial::value));
    assertTrue(e.getMessage().contains("needs parameters"), e.getMessage());
  }

  @ParameterizedTest
  @MethodSource("evaluators")
  void aParameterOfTwoKindsIsRefusedNamingIt(ImportanceEvaluator evaluator) {
    List<FrozenTrial> trials =
        List.of(
            KnownShares.complete(
                0, 1, Map.of("opt", 0.5), Map.of("opt", FloatDistribution.uniform(0, 1))),
            KnownShares.complete(
                1, 2, Map.of("opt", "adam"), Map.of("opt", CategoricalDistribution.of("adam"))));
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class, () -> evaluator.evaluate(trials, FrozenTrial::value));
    assertTrue(e.getMessage().contains("parameter 'opt' is float[0.0, 1.0]"), e.getMessage());
  }

  @Test
  void aStudyIsEvaluatedOnItsFirstObjectiveInItsDirection() {
    Study study = Study.builder().name("importance").direction(Direction.MAXIMIZE).build();
    for (FrozenTrial t : MixedSpace.additive(100, 17)) {
      study.addTrial(t.withStart(Instant.EPOCH));
    }
    assertEquals(
        new FanovaEvaluator(0).evaluate(study.trials(), FrozenTrial::value, Direction.MAXIMIZE),
        Importances.of(study));
    assertEquals(
        new PedAnovaEvaluator().evaluate(study.trials(), t -> -t.value()),
        Importances.of(study, new PedAnovaEvaluator()));
  }
}
