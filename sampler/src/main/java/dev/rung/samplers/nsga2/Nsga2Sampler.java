package dev.rung.samplers.nsga2;

import dev.rung.distributions.Distribution;
import dev.rung.samplers.RandomSampler;
import dev.rung.samplers.Sampler;
import dev.rung.study.FrozenTrial;
import dev.rung.study.History;
import dev.rung.study.Seeds;
import dev.rung.study.TrialState;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The NSGA-II genetic algorithm for multi-objective (and constrained) studies: Deb, Pratap, Agarwal
 * and Meyarivan, "A fast and elitist multiobjective genetic algorithm: NSGA-II", IEEE Transactions
 * on Evolutionary Computation 6(2):182-197, 2002.
 *
 * <p>Trials are grouped into generations of {@code populationSize} COMPLETE trials (see {@link
 * #generation}). Generation 0 is sampled at random. Each later trial is a child of the parent
 * population: the elite of the previous generation and its parents, by constrained non-dominated
 * sorting and crowding distance. A child takes the parameters of one parent (probability {@code 1 -
 * crossoverProbability}) or a uniform crossover of two parents chosen by binary tournament; then
 * each inherited parameter is dropped with probability {@code mutationProbability} (default {@code
 * 1 / number of parameters}). Dropped parameters, parameters no parent has, and parameters
 * suggested with another distribution than the parent's are drawn at random.
 *
 * <p>Constraints are those the objective reports with {@code Trial.setConstraints}: feasible trials
 * beat infeasible ones, infeasible ones compare by total violation (see {@link
 * dev.rung.multi.ConstrainedDominance}).
 *
 * <p>Every random choice for trial {@code n} comes from a stream derived from the seed and {@code
 * n} ({@link Seeds}), so a study run one trial at a time is reproducible.
 *
 * @apiNote Thread-safe; the only state is a cache of parent populations and the children of trials
 *     that have started and not yet been sampled.
 */
public final class Nsga2Sampler implements Sampler {
  private static final long STREAM = Seeds.hash("nsga2");

  private final int populationSize;
  private final Reproduction reproduction;
  private final long seed;
  private final RandomSampler random;
  private final Generations generations;
  private final Map<Integer, Reproduction.Child> pending = new ConcurrentHashMap<>();

  private Nsga2Sampler(Builder b) {
    this.populationSize = b.populationSize;
    this.reproduction =
        new Reproduction(b.crossoverProbability, b.swappingProbability, b.mutationProbability);
    this.seed = b.seed;
    this.random = new RandomSampler(b.seed);
    this.generations = new Generations(b.populationSize);
  }

  /** A builder with Optuna's defaults. */
  public static Builder builder() {
    return new Builder();
  }

  public int populationSize() {
    return populationSize;
  }

  public long seed() {
    return seed;
  }

  /**
   * The generation a trial started with this history belongs to: the number of COMPLETE trials
   * divided by the population size.
   */
  public int generation(History history) {
    return history.completed().size() / populationSize;
  }

  /** The parents of a trial started with this history (empty in generation 0), in rank order. */
  public List<FrozenTrial> parentPopulation(History history) {
    return generations.parents(history).population();
  }

  @Override
  public Map<String, Distribution> relativeSearchSpace(History history, FrozenTrial trial) {
    Reproduction.Child child = child(history, trial);
    if (child.values().isEmpty()) {
      return Map.of();
    }
    pending.put(trial.number(), child);
    return child.distributions();
  }

  @Override
  public Map<String, Double> sampleRelative(
      History history, FrozenTrial trial, Map<String, Distribution> space) {
    Reproduction.Child child = pending.remove(trial.number());
    if (child == null) {
      child = child(history, trial);
    }
    Map<String, Double> values = new LinkedHashMap<>();
    for (var e : child.values().entrySet()) {
      if (child.distributions().get(e.getKey()).equals(space.get(e.getKey()))) {
        values.put(e.getKey(), e.getValue());
      }
    }
    return values;
  }

  @Override
  public double sampleIndependent(
      History history, FrozenTrial trial, String name, Distribution distribution) {
    return random.sampleIndependent(history, trial, name, distribution);
  }

  @Override
  public void afterTrial(
      History history, FrozenTrial trial, TrialState state, List<Double> values) {
    pending.remove(trial.number());
  }

  private Reproduction.Child child(History history, FrozenTrial trial) {
    List<FrozenTrial> parents = generations.parents(history).population();
    if (parents.isEmpty()) {
      return Reproduction.Child.NONE;
    }
    return reproduction.child(
        parents, history.directions(), Seeds.rng(seed, trial.number(), STREAM));
  }

  @Override
  public String toString() {
    return "Nsga2Sampler(populationSize="
        + populationSize
        + ", "
        + reproduction
        + ", seed="
        + seed
        + ")";
  }

  /** Settings with Optuna's defaults. */
  public static final class Builder {
    private int populationSize = 50;
    private double crossoverProbability = 0.9;
    private double swappingProbability = 0.5;
    private double mutationProbability = Double.NaN;
    private long seed = System.nanoTime();

    private Builder() {}

    /** Trials per generation, at least 2; 50 by default. */
    public Builder populationSize(int n) {
      if (n < 2) {
        throw new IllegalArgumentException(
            "NSGA-II populationSize must be >= 2 (crossover needs two parents), got " + n);
      }
      this.populationSize = n;
      return this;
    }

    /** The probability that a child is a crossover of two parents; 0.9 by default. */
    public Builder crossoverProbability(double p) {
      this.crossoverProbability = probability("crossoverProbability", p);
      return this;
    }

    /**
     * In uniform crossover, the probability that a parameter comes from the second parent; 0.5 by
     * default.
     */
    public Builder swappingProbability(double p) {
      this.swappingProbability = probability("swappingProbability", p);
      return this;
    }

    /**
     * The probability that an inherited parameter is redrawn at random; {@code 1 / number of
     * parameters} of the child by default.
     */
    public Builder mutationProbability(double p) {
      this.mutationProbability = probability("mutationProbability", p);
      return this;
    }

    /** The seed of every random choice; from the clock by default. */
    public Builder seed(long seed) {
      this.seed = seed;
      return this;
    }

    public Nsga2Sampler build() {
      return new Nsga2Sampler(this);
    }

    private static double probability(String name, double p) {
      if (!(p >= 0 && p <= 1)) {
        throw new IllegalArgumentException(
            "NSGA-II " + name + " must be a probability in [0, 1], got " + p);
      }
      return p;
    }
  }
}
