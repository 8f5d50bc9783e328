package dev.rung.samplers.nsga2;

import dev.rung.distributions.Distribution;
import dev.rung.multi.ConstrainedDominance;
import dev.rung.study.Direction;
import dev.rung.study.FrozenTrial;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.random.RandomGenerator;

/**
 * NSGA-II's variation step for one child: parent selection by binary tournament, uniform crossover
 * and mutation by dropping genes (they are then drawn at random).
 *
 * @param crossoverProbability the probability that the child is a crossover of two parents rather
 *     than a copy of one
 * @param swappingProbability the probability that a gene held by both parents comes from the second
 *     parent
 * @param mutationProbability the probability that a gene is dropped, or NaN for {@code 1 / genes}
 */
record Reproduction(
    double crossoverProbability, double swappingProbability, double mutationProbability) {

  /** A child: the parameters it inherits, each with the distribution it was inherited under. */
  record Child(Map<String, Distribution> distributions, Map<String, Double> values) {
    static final Child NONE = new Child(Map.of(), Map.of());
  }

  /**
   * A child of {@code population} (COMPLETE trials, at least one). The genes are the union of the
   * parents' parameters: one held by both parents is taken from either (uniform crossover), one
   * held by only one parent from that parent.
   */
  Child child(List<FrozenTrial> population, List<Direction> directions, RandomGenerator rng) {
    List<FrozenTrial> parents = new ArrayList<>(2);
    boolean crossover = rng.nextDouble() < crossoverProbability && population.size() >= 2;
    if (crossover) {
      FrozenTrial first = tournament(population, directions, rng);
      List<FrozenTrial> rest = new ArrayList<>(population);
      rest.remove(first);
      parents.add(first);
      parents.add(tournament(rest, directions, rng));
    } else {
      parents.add(population.get(rng.nextInt(population.size())));
    }
    Map<String, FrozenTrial> donors = new LinkedHashMap<>();
    Set<String> genes = new LinkedHashSet<>();
    for (FrozenTrial p : parents) {
      genes.addAll(p.params().keySet());
    }
    for (String gene : genes) {
      FrozenTrial first = parents.get(0);
      FrozenTrial second = parents.get(parents.size() - 1);
      boolean fromSecond = rng.nextDouble() < swappingProbability;
      FrozenTrial donor;
      if (first.hasParam(gene) && second.hasParam(gene)) {
        donor = fromSecond ? second : first;
      } else {
        donor = first.hasParam(gene) ? first : second;
      }
      donors.put(gene, donor);
    }
    double mutation =
        Double.isNaN(mutationProbability) ? 1.0 / Math.max(1, genes.size()) : mutationProbability;
    Map<String, Distribution> distributions = new LinkedHashMap<>();
    Map<String, Double> values = new LinkedHashMap<>();
    for (var e : donors.entrySet()) {
      if (rng.nextDouble() < mutation) {
        continue;
      }
      String gene = e.getKey();
      FrozenTrial donor = e.getValue();
      distributions.put(gene, donor.distributions().get(gene));
      values.put(gene, donor.internal(gene));
    }
    return new Child(distributions, values);
  }

  /**
   * Binary tournament: two trials drawn with replacement; the second wins when it constrained-
   * dominates the first, else the first (Optuna's rule; crowding distance plays no part).
   */
  static FrozenTrial tournament(
      List<FrozenTrial> population, List<Direction> directions, RandomGenerator rng) {
    FrozenTrial a = population.get(rng.nextInt(population.size()));
    FrozenTrial b = population.get(rng.nextInt(population.size()));
    return ConstrainedDominance.dominates(b, a, directions) ? b : a;
  }
}
