package dev.rung.samplers.nsga2;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rung.samplers.RandomSampler;
import dev.rung.samplers.Sampler;
import dev.rung.study.Direction;
import dev.rung.study.FrozenTrial;
import dev.rung.study.History;
import dev.rung.study.OptimizeOptions;
import dev.rung.study.Study;
import dev.rung.study.Trial;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class Nsga2SamplerTest {

  private static double[] objective(Trial t) {
    double x = t.suggestFloat("x", 0, 1);
    double y = t.suggestFloat("y", -2, 2);
    int k = t.suggestInt("k", 0, 10);
    String c = t.suggestCategorical("c", "a", "b", "c");
    double penalty = c.equals("b") ? 0 : 0.5;
    return new double[] {x + penalty, (1 - x) + y * y + k / 10.0};
  }

  private static Study run(Sampler sampler, int trials) {
    Study study =
        Study.builder().directions(Direction.MINIMIZE, Direction.MINIMIZE).sampler(sampler).build();
    study.optimizeMulti(Nsga2SamplerTest::objective, OptimizeOptions.trials(trials));
    return study;
  }

  @Test
  void generationZeroIsRandomSamplingWithTheSameSeed() {
    List<FrozenTrial> nsga =
        run(Nsga2Sampler.builder().populationSize(20).seed(5).build(), 20).trials();
    List<FrozenTrial> random = run(new RandomSampler(5), 20).trials();
    for (int i = 0; i < 20; i++) {
      assertEquals(random.get(i).params(), nsga.get(i).params(), "trial " + i);
    }
  }

  @Test
  void withoutMutationEveryParameterOfAChildComesFromItsParents() {
    Nsga2Sampler sampler =
        Nsga2Sampler.builder().populationSize(10).mutationProbability(0).seed(11).build();
    Study study = run(sampler, 60);
    List<FrozenTrial> all = study.trials();
    for (int n = 10; n < 60; n++) {
      final int number = n;
      History before = new History(study.name(), study.directions(), all.subList(0, number));
      List<FrozenTrial> parents = sampler.parentPopulation(before);
      assertEquals(10, parents.size());
      for (var e : all.get(n).params().entrySet()) {
        Set<Object> parentValues = new HashSet<>();
        parents.forEach(p -> parentValues.add(p.params().get(e.getKey())));
        assertTrue(
            parentValues.contains(e.getValue()),
            "trial " + number + " parameter " + e.getKey() + " = " + e.getValue());
      }
    }
  }

  @Test
  void withMutationSomeChildrenHaveNewValues() {
    // With mutation 1 every gene is redrawn: a continuous value equal to a parent's has
    // probability 0.
    Nsga2Sampler sampler =
        Nsga2Sampler.builder().populationSize(10).mutationProbability(1).seed(12).build();
    List<FrozenTrial> all = run(sampler, 30).trials();
    Set<Object> firstGeneration = new HashSet<>();
    all.subList(0, 10).forEach(t -> firstGeneration.add(t.params().get("y")));
    for (FrozenTrial t : all.subList(10, 30)) {
      assertTrue(!firstGeneration.contains(t.params().get("y")));
    }
  }

  @Test
  void sameSeedSameStudyOtherSeedOtherStudy() {
    List<Map<String, Object>> a =
        params(run(Nsga2Sampler.builder().populationSize(8).seed(3).build(), 40));
    List<Map<String, Object>> b =
        params(run(Nsga2Sampler.builder().populationSize(8).seed(3).build(), 40));
    List<Map<String, Object>> c =
        params(run(Nsga2Sampler.builder().populationSize(8).seed(4).build(), 40));
    assertEquals(a, b);
    assertNotEquals(a.subList(8, 40), c.subList(8, 40));
  }

  private static List<Map<String, Object>> params(Study study) {
    return study.trials().stream().map(FrozenTrial::params).toList();
  }

  @Test
  void builderRejectsInvalidSettingsNamingThem() {
    var b = Nsga2Sampler.builder();
    assertEquals(
        "NSGA-II populationSize must be >= 2 (crossover needs two parents), got 1",
        assertThrows(IllegalArgumentException.class, () -> b.populationSize(1)).getMessage());
    assertEquals(
        "NSGA-II crossoverProbability must be a probability in [0, 1], got 1.5",
        assertThrows(IllegalArgumentException.class, () -> b.crossoverProbability(1.5))
            .getMessage());
    assertEquals(
        "NSGA-II mutationProbability must be a probability in [0, 1], got NaN",
        assertThrows(IllegalArgumentException.class, () -> b.mutationProbability(Double.NaN))
            .getMessage());
    assertThrows(IllegalArgumentException.class, () -> b.swappingProbability(-0.1));
    assertEquals(50, b.build().populationSize());
  }
}
