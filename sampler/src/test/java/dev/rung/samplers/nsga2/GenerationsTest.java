package dev.rung.samplers.nsga2;

import static dev.rung.samplers.nsga2.Populations.failed;
import static dev.rung.samplers.nsga2.Populations.history;
import static dev.rung.samplers.nsga2.Populations.numbers;
import static dev.rung.samplers.nsga2.Populations.running;
import static dev.rung.samplers.nsga2.Populations.trial;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.rung.study.FrozenTrial;
import dev.rung.study.History;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Generation bookkeeping of {@link Nsga2Sampler} on hand-made histories (population size 3). */
class GenerationsTest {
  private static Nsga2Sampler sampler() {
    return Nsga2Sampler.builder().populationSize(3).seed(1).build();
  }

  // Generation 0: trials 0, 2, 3 (1 failed, 4 is running). Generation 1: trials 5, 6, 7.
  private static final FrozenTrial[] TRIALS = {
    trial(0, 1, 5), // gen 0, front 0
    failed(1),
    trial(2, 3, 3), // gen 0, front 0
    trial(3, 4, 4), // gen 0, dominated by 2
    running(4),
    trial(5, 0, 9), // gen 1, front 0
    trial(6, 2, 2), // gen 1, front 0, dominates 2
    trial(7, 9, 0), // gen 1, front 0
    trial(8, 0.5, 0.5) // generation 2, not full
  };

  private static History first(int count) {
    return history(java.util.Arrays.copyOf(TRIALS, count));
  }

  @Test
  void generationCountsOnlyCompleteTrials() {
    Nsga2Sampler s = sampler();
    assertEquals(0, s.generation(first(0)));
    assertEquals(0, s.generation(first(3))); // two COMPLETE
    assertEquals(1, s.generation(first(4))); // three COMPLETE
    assertEquals(1, s.generation(first(7)));
    assertEquals(2, s.generation(first(8)));
    assertEquals(2, s.generation(first(9)));
  }

  @Test
  void generationZeroHasNoParents() {
    assertEquals(List.of(), sampler().parentPopulation(first(3)));
  }

  @Test
  void generationOneDescendsFromTheEliteOfGenerationZero() {
    // All three of generation 0 fit: the parent population is generation 0, in rank order.
    assertEquals(List.of(0, 2, 3), numbers(sampler().parentPopulation(first(4))));
    assertEquals(List.of(0, 2, 3), numbers(sampler().parentPopulation(first(7))));
  }

  @Test
  void generationTwoIsTheEliteOfGenerationOneAndItsParents() {
    // Union {5, 6, 7} + {0, 2, 3}: front 0 = {0 (1,5), 5 (0,9), 6 (2,2), 7 (9,0)}, four for three
    // places. Crowding: 5 and 7 are boundaries (infinite); 0 has f1 gap (2-0)/9 + f2 gap (9-2)/9
    // = 1; 6 has (9-1)/9 + (5-0)/9 = 13/9 and takes the last place.
    Nsga2Sampler s = sampler();
    assertEquals(List.of(5, 7, 6), numbers(s.parentPopulation(first(8))));
    // The partial generation 2 does not change the parents.
    assertEquals(List.of(5, 7, 6), numbers(s.parentPopulation(first(9))));
  }

  @Test
  void cachedParentsFollowTheValuesNotJustTheTrialNumbers() {
    Nsga2Sampler s = sampler();
    assertEquals(List.of(5, 7, 6), numbers(s.parentPopulation(first(8))));
    FrozenTrial[] changed = java.util.Arrays.copyOf(TRIALS, 8);
    changed[6] = trial(6, 10, 10); // now dominated by everything in generation 1
    // Front 0 of the union is now {0 (1,5), 2 (3,3), 5, 7}: 5 and 7 are boundaries; 0 has
    // (3-0)/9 + (9-3)/9 = 1, 2 has (9-1)/9 + (5-0)/9 = 13/9 and takes the last place.
    assertEquals(List.of(5, 7, 2), numbers(s.parentPopulation(history(changed))));
    assertEquals(List.of(5, 7, 6), numbers(s.parentPopulation(first(8))));
  }
}
