package dev.rung.samplers.nsga2;

import static dev.rung.samplers.nsga2.Populations.MIN2;
import static dev.rung.samplers.nsga2.Populations.UNIT;
import static dev.rung.samplers.nsga2.Populations.trial;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rung.distributions.IntDistribution;
import dev.rung.study.FrozenTrial;
import dev.rung.study.Seeds;
import dev.rung.study.TrialState;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ReproductionTest {

  /** A COMPLETE trial with genes g0..g(n-1) all equal to {@code value}. */
  private static FrozenTrial genes(int number, int n, double value, double f1, double f2) {
    FrozenTrial t = FrozenTrial.create(number, TrialState.RUNNING, null);
    for (int i = 0; i < n; i++) {
      t = t.withParam("g" + i, value, UNIT);
    }
    return t.finish(TrialState.COMPLETE, List.of(f1, f2), null, null);
  }

  @Test
  void withoutCrossoverAndMutationAChildIsACopyOfOneParent() {
    Reproduction r = new Reproduction(0, 0.5, 0);
    List<FrozenTrial> population = List.of(genes(0, 4, 0.1, 0, 1), genes(1, 4, 0.2, 1, 0));
    for (int seed = 0; seed < 50; seed++) {
      var child = r.child(population, MIN2, Seeds.rng(seed));
      Set<Double> values = Set.copyOf(child.values().values());
      assertEquals(1, values.size(), "a copy holds one parent's genes only");
      assertEquals(Set.of("g0", "g1", "g2", "g3"), child.values().keySet());
    }
  }

  @Test
  void uniformCrossoverMixesBothParentsGeneByGene() {
    // Two non-dominated parents with different gene values: crossover must pick two distinct
    // parents; each of 8 genes comes from either with probability 1/2, so a child is a pure copy of
    // one parent with probability 2/256 per child: over 100 children, at least one mixed child
    // (false-failure rate (2/256)^100) and both parents' genes seen.
    Reproduction r = new Reproduction(1, 0.5, 0);
    List<FrozenTrial> population = List.of(genes(0, 8, 0.1, 0, 1), genes(1, 8, 0.2, 1, 0));
    int mixed = 0;
    int fromFirst = 0;
    int total = 0;
    for (int seed = 0; seed < 100; seed++) {
      var child = r.child(population, MIN2, Seeds.rng(seed));
      Set<Double> values = Set.copyOf(child.values().values());
      assertTrue(Set.of(0.1, 0.2).containsAll(values));
      mixed += values.size() == 2 ? 1 : 0;
      for (double v : child.values().values()) {
        fromFirst += v == 0.1 ? 1 : 0;
        total++;
      }
    }
    assertTrue(mixed > 0);
    // Binomial(800, 1/2): mean 400, sd 14.1; 5 sd bound, false-failure rate below 1e-6.
    assertTrue(
        Math.abs(fromFirst - total / 2.0) < 5 * Math.sqrt(total / 4.0), "from first " + fromFirst);
  }

  @Test
  void genesOfOnlyOneParentAreInheritedFromIt() {
    // Conditional parameters: parent 0 has x and a, parent 1 has x and b (another distribution).
    IntDistribution ints = IntDistribution.of(0, 9);
    FrozenTrial p0 =
        FrozenTrial.create(0, TrialState.RUNNING, null)
            .withParam("x", 0.5, UNIT)
            .withParam("a", 0.25, UNIT)
            .finish(TrialState.COMPLETE, List.of(0.0, 1.0), null, null);
    FrozenTrial p1 =
        FrozenTrial.create(1, TrialState.RUNNING, null)
            .withParam("x", 0.75, UNIT)
            .withParam("b", 7, ints)
            .finish(TrialState.COMPLETE, List.of(1.0, 0.0), null, null);
    Reproduction r = new Reproduction(1, 0.5, 0);
    for (int seed = 0; seed < 20; seed++) {
      var child = r.child(List.of(p0, p1), MIN2, Seeds.rng(seed));
      assertEquals(Set.of("x", "a", "b"), child.values().keySet());
      assertEquals(0.25, child.values().get("a"));
      assertEquals(7.0, child.values().get("b"));
      assertEquals(ints, child.distributions().get("b"));
      assertTrue(Set.of(0.5, 0.75).contains(child.values().get("x")));
    }
  }

  @Test
  void defaultMutationDropsOneGeneInEveryNumberOfGenes() {
    Reproduction r = new Reproduction(0.9, 0.5, Double.NaN);
    List<FrozenTrial> population = List.of(genes(0, 10, 0.1, 0, 1), genes(1, 10, 0.2, 1, 0));
    int dropped = 0;
    int children = 500;
    for (int seed = 0; seed < children; seed++) {
      dropped += 10 - r.child(population, MIN2, Seeds.rng(seed)).values().size();
    }
    // Binomial(5000, 1/10): mean 500, sd 21.2; 5 sd bound, false-failure rate below 1e-6.
    assertTrue(Math.abs(dropped - 500) < 5 * 21.22, "dropped " + dropped);
  }

  @Test
  void tournamentPrefersTheDominatingTrial() {
    // The dominated trial wins only when both draws pick it: probability 1/4.
    List<FrozenTrial> population = List.of(trial(0, 1, 1), trial(1, 2, 2));
    int worse = 0;
    int n = 4000;
    for (int seed = 0; seed < n; seed++) {
      worse += Reproduction.tournament(population, MIN2, Seeds.rng(seed)).number();
    }
    // Binomial(4000, 1/4): mean 1000, sd 27.4; 5 sd bound, false-failure rate below 1e-6.
    assertTrue(Math.abs(worse - 1000) < 5 * 27.39, "dominated trial won " + worse + " times");
  }

  @Test
  void tournamentUsesConstrainedDomination() {
    FrozenTrial infeasible = trial(0, 0, 0).withConstraints(List.of(1.0));
    FrozenTrial feasible = trial(1, 5, 5).withConstraints(List.of(-1.0));
    int infeasibleWins = 0;
    for (int seed = 0; seed < 400; seed++) {
      infeasibleWins +=
          Reproduction.tournament(List.of(infeasible, feasible), MIN2, Seeds.rng(seed)).number()
                  == 0
              ? 1
              : 0;
    }
    // Expected 100 (both draws infeasible); 5 sd of Binomial(400, 1/4) = 43.
    assertTrue(Math.abs(infeasibleWins - 100) < 43, "infeasible won " + infeasibleWins);
    assertEquals(Map.of(), Reproduction.Child.NONE.values());
  }
}
