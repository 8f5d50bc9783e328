package dev.rung.samplers.tpe;

import dev.rung.distributions.Distribution;
import dev.rung.samplers.RandomSampler;
import dev.rung.samplers.Sampler;
import dev.rung.study.FrozenTrial;
import dev.rung.study.History;
import dev.rung.study.Seeds;
import dev.rung.study.TrialState;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.random.RandomGenerator;

/**
 * Tree-structured Parzen Estimator (Bergstra, Bardenet, Bengio and Kégl, "Algorithms for
 * Hyper-Parameter Optimization", NeurIPS 2011), with the components studied by Watanabe,
 * "Tree-structured Parzen estimator: understanding its algorithm components and their roles for
 * better empirical performance" (2023), and the behaviour of Optuna's current {@code TPESampler}.
 *
 * <p>For each new trial: split the finished trials into a good group and the rest ({@link
 * HistorySplit}); fit a Parzen estimator {@code l(x)} to the good group and {@code g(x)} to the
 * rest ({@link ParzenEstimator}); draw {@link Builder#candidates candidates} from {@code l} and
 * keep the one with the largest {@code log l(x) - log g(x)}. Until {@link Builder#startupTrials}
 * trials have finished (COMPLETE or PRUNED), parameters are drawn at random.
 *
 * <p>By default the parameters every finished trial shares are sampled jointly (multivariate TPE,
 * Falkner et al., ICML 2018), and other parameters (conditional ones) each on their own, from the
 * trials in which they occur. In a jointly sampled space that mixes categorical and numerical
 * parameters, the categories are chosen first by their own density ratio and the numbers then drawn
 * from the good trials with those categories ({@link Builder#categoricalsFirst}), so that one
 * optimizer's lucky early trials do not keep the others from being tried at their own best learning
 * rates. With {@link Builder#group}, each group of parameters that always occur together is sampled
 * jointly. With the constant liar (default on), running trials count as bad, so parallel workers do
 * not all propose the same point ({@link Builder#liarWeight} weighs them less); a trial a pruner's
 * view marks as stopped below its level counts as bad with full weight. While other trials are in
 * flight, a suggestion draws fewer candidates ({@link Builder#shareCandidates}); it can also sample
 * each parameter on its own then ({@link Builder#multivariateInFlight}). A share of the trials can
 * be drawn at random instead ({@link Builder#randomFraction}), each the farthest of a few uniform
 * draws from the trials that did badly while a pruner's view finds that the early rungs mislead
 * (else one uniform draw; {@link Builder#randomCandidates}). Multi-objective studies split by
 * non-domination rank and hypervolume, and weight the good group by hypervolume contribution (Ozaki
 * et al., GECCO 2020). A study can start from the trials of an earlier one ({@link
 * Builder#earlierTrials}, a warm start): by default they replace the random start-up and are
 * dropped once the study has start-up trials of its own.
 *
 * @apiNote Reproducible: the draws for trial {@code n} come from streams derived from the seed,
 *     {@code n} and the parameters' names, so a seeded study gives the same suggestions in any JVM
 *     and under any thread schedule (given the same history). Thread-safe. Observations of finished
 *     trials are cached, and so is the mixture {@code g(x)} of a large bad group ({@link
 *     IncrementalMixture}): a suggestion then costs O(n) plus the kernels near the candidates.
 */
public final class TpeSampler implements Sampler {
  private final long seed;
  private final int startupTrials;
  private final int candidates;
  private final boolean multivariate;
  private final boolean group;
  private final boolean constantLiar;
  private final double liarWeight;
  private final boolean shareCandidates;
  private final boolean multivariateInFlight;
  private final boolean categoricalsFirst;
  private final double randomFraction;
  private final int randomCandidates;
  private final int randomCandidatesWhenRungsMislead;
  private final GammaFunction gamma;
  private final WeightsFunction weights;
  private final EstimatorOptions estimator;
  private final RandomSampler random;
  private final TrialCache cache = new TrialCache();
  private final EarlierTrials earlier;

  /**
   * The bad group's mixture of each jointly sampled space, kept across suggestions (at most {@link
   * #MAX_MIXTURES}).
   */
  private final Map<String, IncrementalMixture> mixtures = new ConcurrentHashMap<>();

  private static final int MAX_MIXTURES = 64;

  /**
   * The observations read by {@link #relativeSearchSpace}, handed to the {@link #sampleRelative}
   * that follows it in the same ask (same history object, same trial) so that the history is read
   * once per suggestion.
   */
  private final AtomicReference<Observed> lastObserved = new AtomicReference<>();

  private record Observed(History history, int trial, List<ObservedTrial> trials) {}

  /**
   * Jointly sampled values of trials still running, by trial number: with the constant liar, a
   * running trial counts with these even before its objective has suggested them.
   */
  private final Map<Integer, Map<String, Double>> pending = new ConcurrentHashMap<>();

  private TpeSampler(Builder b) {
    this.seed = b.seed;
    this.startupTrials = b.startupTrials;
    this.candidates = b.candidates;
    this.multivariate = b.multivariate;
    this.group = b.group;
    this.constantLiar = b.constantLiar;
    this.liarWeight = b.liarWeight;
    this.shareCandidates = b.shareCandidates;
    this.multivariateInFlight = b.multivariateInFlight;
    this.categoricalsFirst = b.categoricalsFirst;
    this.randomFraction = b.randomFraction;
    this.randomCandidates = b.randomCandidates;
    this.randomCandidatesWhenRungsMislead = b.randomCandidatesWhenRungsMislead;
    this.gamma = b.gamma;
    this.weights = b.weights;
    this.estimator = new EstimatorOptions(b.priorWeight, b.considerMagicClip, b.considerEndpoints);
    this.random = new RandomSampler(seed);
    this.earlier =
        b.earlierTrials.isEmpty()
            ? null
            : new EarlierTrials(b.earlierTrials, b.earlierWeight, b.earlierPriorOnly);
  }

  /**
   * Candidates per suggestion by default. Optuna draws 24; 64 exploit the good region harder: with
   * them the median regret after 200 trials beat the best Optuna TPE figure on 8 of our 10
   * benchmark problems, against 4 with 24 (docs/benchmarks-sampler.md), for about twice the scoring
   * time per suggestion.
   */
  public static final int DEFAULT_CANDIDATES = 64;

  /**
   * The weight of an earlier study's trial relative to one of the study's own, by default ({@link
   * Builder#earlierTrials}).
   */
  public static final double DEFAULT_EARLIER_WEIGHT = 1.0;

  /**
   * How much smoother than the estimators' own the categorical kernels are when {@link
   * Builder#categoricalsFirst} chooses the categories: their prior weight, spread over the choices,
   * is doubled. On the mixed benchmark (docs/benchmarks-sampler.md) the best optimizer was found in
   * 30 of 40 seeds with 2 and in 27 of 40 with 1 (the numbers drawn as above in both); on the
   * conditional benchmark, whose joint space is its one categorical, the best branch in 46 of 100
   * seeds with 2 and 31 of 100 with 1.
   */
  public static final double CATEGORY_CHOICE_SMOOTHING = 2;

  /**
   * A builder with Optuna's current defaults except 64 candidates (see {@link
   * #DEFAULT_CANDIDATES}), and a seed from the clock.
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * A builder with exactly the defaults of Optuna's current {@code TPESampler()}: as {@link
   * #builder()} but with 24 candidates instead of 64.
   */
  public static Builder optunaCompatible() {
    return new Builder()
        .candidates(24)
        .categoricalsFirst(false)
        .shareCandidates(false)
        .multivariateInFlight(true);
  }

  public long seed() {
    return seed;
  }

  @Override
  public Map<String, Distribution> relativeSearchSpace(History history, FrozenTrial trial) {
    if (drawnAtRandom(trial)) {
      // drawn together so that the draw can keep away from the trials that did badly
      return randomCandidates(history) > 1 ? sharedSpace(history, trial) : Map.of();
    }
    if (!multivariate) {
      return Map.of();
    }
    if (!multivariateInFlight && inFlight(history, trial) > 0) {
      return Map.of();
    }
    return sharedSpace(history, trial);
  }

  /**
   * The parameters every finished trial has (with {@link Builder#group}, each group of parameters
   * that always occur together).
   */
  private Map<String, Distribution> sharedSpace(History history, FrozenTrial trial) {
    List<ObservedTrial> observed =
        cache.observe(history, trial.number(), constantLiar, liarWeight > 0, pending);
    lastObserved.set(new Observed(history, trial.number(), observed));
    List<ParamLayout> layouts = SearchSpaces.finishedLayouts(observed);
    Map<String, Distribution> space = new LinkedHashMap<>();
    if (group) {
      SearchSpaces.groups(layouts).forEach(space::putAll);
    } else {
      space.putAll(SearchSpaces.intersection(layouts));
    }
    return space;
  }

  @Override
  public Map<String, Double> sampleRelative(
      History history, FrozenTrial trial, Map<String, Distribution> space) {
    if (space.isEmpty()) {
      return Map.of();
    }
    Observations obs = observations(history, trial);
    if (obs.finished() + earlierCount(obs) < startupTrials) {
      return Map.of();
    }
    if (drawnAtRandom(trial)) {
      // away from the trials TPE counts as bad (running ones included): near the good ones a
      // random trial may still land
      List<ObservedTrial> bad = new ArrayList<>();
      for (int i = 0; i < obs.trials().size(); i++) {
        if (!obs.below()[i]) {
          bad.add(obs.trials().get(i));
        }
      }
      return SpreadDraw.draw(
          space, bad, randomCandidates(history), Seeds.rng(seed, trial.number(), SPREAD_DRAW));
    }
    Map<String, Double> out = new LinkedHashMap<>();
    if (group) {
      List<ParamLayout> layouts = SearchSpaces.finishedLayouts(obs.trials());
      for (Map<String, Distribution> g : SearchSpaces.groups(layouts)) {
        Map<String, Distribution> sub = new LinkedHashMap<>();
        g.forEach(
            (name, d) -> {
              if (d.equals(space.get(name))) {
                sub.put(name, d);
              }
            });
        if (!sub.isEmpty()) {
          out.putAll(sample(obs, trial, sub));
        }
      }
    } else {
      out.putAll(sample(obs, trial, space));
    }
    if (constantLiar && !out.isEmpty()) {
      pending.put(trial.number(), Map.copyOf(out));
    }
    return out;
  }

  @Override
  public void afterTrial(
      History history, FrozenTrial trial, TrialState state, List<Double> values) {
    pending.remove(trial.number());
  }

  @Override
  public double sampleIndependent(
      History history, FrozenTrial trial, String name, Distribution distribution) {
    if (drawnAtRandom(trial)) {
      return random.sampleIndependent(history, trial, name, distribution);
    }
    Observations obs = observations(history, trial);
    if (obs.finished() + earlierCount(obs) < startupTrials) {
      return random.sampleIndependent(history, trial, name, distribution);
    }
    return sample(obs, trial, Map.of(name, distribution)).get(name);
  }

  /**
   * Whether this trial is one of the {@link Builder#randomFraction} drawn at random after the
   * startup trials: decided by the seed and the trial's number alone, so the same trial of a
   * resumed study is drawn the same way.
   */
  private boolean drawnAtRandom(FrozenTrial trial) {
    return randomFraction > 0
        && Seeds.rng(seed, trial.number(), RANDOM_DRAW).nextDouble() < randomFraction;
  }

  /** The uniform draws a trial of the random fraction is chosen from in {@code history}. */
  private int randomCandidates(History history) {
    return history.misleadingRungs() ? randomCandidatesWhenRungsMislead : randomCandidates;
  }

  /** {@link Builder#randomCandidates}'s default while no rung misleads (docs/defaults.md). */
  public static final int DEFAULT_RANDOM_CANDIDATES = 1;

  /**
   * {@link Builder#randomCandidates}'s default while a pruner's view finds that the early rungs
   * mislead (docs/defaults.md).
   */
  public static final int DEFAULT_RANDOM_CANDIDATES_WHEN_RUNGS_MISLEAD = 16;

  private static final long RANDOM_DRAW = Seeds.hash("random-fraction");
  private static final long SPREAD_DRAW = Seeds.hash("random-candidates");

  private Observations observations(History history, FrozenTrial trial) {
    Observed last = lastObserved.get();
    List<ObservedTrial> trials;
    if (last != null && last.history() == history && last.trial() == trial.number()) {
      trials = last.trials();
      lastObserved.compareAndSet(last, null);
    } else {
      trials = cache.observe(history, trial.number(), constantLiar, liarWeight > 0, pending);
    }
    GammaFunction g =
        gamma != null
            ? gamma
            : history.isMultiObjective() ? GammaFunction.multiObjective() : GammaFunction.optuna();
    if (earlier != null) {
      earlier.prepare(history.directions(), g);
    }
    return Observations.split(trials, inFlight(history, trial), history.isMultiObjective(), g);
  }

  /** The earlier trials this suggestion learns from besides the study's own; 0 without them. */
  private int earlierCount(Observations obs) {
    return earlier != null && earlier.active(obs.finished(), startupTrials) ? earlier.size() : 0;
  }

  /**
   * Trials other than {@code trial} in flight: RUNNING and not marked by a pruner's view as stopped
   * below its level, whether or not the constant liar observes them.
   */
  private static int inFlight(History history, FrozenTrial trial) {
    int n = 0;
    for (FrozenTrial t : history.trials()) {
      if (t.state() == TrialState.RUNNING
          && t.number() != trial.number()
          && !ObservedTrial.stoppedBelowLevel(t)) {
        n++;
      }
    }
    return n;
  }

  /** Samples {@code space} jointly by TPE. */
  private Map<String, Double> sample(
      Observations obs, FrozenTrial trial, Map<String, Distribution> space) {
    String[] names = space.keySet().stream().sorted().toArray(String[]::new);
    KernelSpace[] dims = new KernelSpace[names.length];
    for (int d = 0; d < names.length; d++) {
      dims[d] = KernelSpace.of(space.get(names[d]));
    }
    Observations.Columns below = obs.columns(names, true);
    Observations.Members above = obs.members(names, false);
    // Several objectives: the good group weighs by hypervolume contribution.
    double[] belowWeights =
        obs.multiObjective() ? HypervolumeWeights.of(below.trials()) : weightsOf(below.size());
    String key = String.join("\u0000", names);
    double[][] belowValues = below.values();
    double[] aboveWeights = weightsOf(above.size());
    aboveWeights = lessForTrialsInFlight(aboveWeights, above.trials(), liarWeight);
    double[][] aboveValues = null;
    boolean withEarlier = earlierCount(obs) > 0;
    if (withEarlier) {
      Distribution[] now = new Distribution[names.length];
      for (int d = 0; d < names.length; d++) {
        now[d] = space.get(names[d]);
      }
      EarlierTrials.Group good = earlier.group(names, now, true);
      EarlierTrials.Group bad = earlier.group(names, now, false);
      double[] goodWeights =
          obs.multiObjective() && good.size() > 0
              ? HypervolumeWeights.of(good.trials())
              : weightsOf(good.size());
      belowValues = concat(good.values(), belowValues);
      belowWeights = concat(scaled(goodWeights, earlier.weight()), belowWeights);
      aboveValues = concat(bad.values(), obs.columns(names, false).values());
      aboveWeights = concat(scaled(weightsOf(bad.size()), earlier.weight()), aboveWeights);
    }
    ParzenEstimator l = new ParzenEstimator(dims, belowValues, belowWeights, estimator);
    // From FROM observations on, the bad group's mixture is kept across suggestions: the same
    // log-densities as a fresh estimator, at the cost of what changed since the last suggestion.
    // Another suggestion using it finishes within milliseconds: wait for it. Not with earlier
    // trials, which the kept mixture does not hold.
    IncrementalMixture kept =
        !withEarlier && above.size() >= IncrementalMixture.FROM ? keptMixture(key, dims) : null;
    if (kept != null) {
      kept.lock.lock();
    }
    try {
      Density g;
      if (kept != null) {
        kept.update(above, aboveWeights);
        g = kept;
      } else {
        g =
            new ParzenEstimator(
                dims,
                aboveValues != null ? aboveValues : obs.columns(names, false).values(),
                aboveWeights,
                estimator);
      }
      RandomGenerator rng = Seeds.rng(seed, trial.number(), Seeds.hash(key));
      int n = candidatesNow(obs.inFlight());
      double[][] drawn = l.sample(rng, n);
      int best;
      if (categoricalsFirst && has(dims, true)) {
        // The categories by their own density ratio, then the numbers given them.
        int c =
            Acquisition.argmax(
                l.categoricalLogPdf(drawn, CATEGORY_CHOICE_SMOOTHING),
                g.categoricalLogPdf(drawn, CATEGORY_CHOICE_SMOOTHING));
        if (has(dims, false)) {
          drawn = l.sampleGiven(rng, n, drawn, c);
          best = Acquisition.argmax(l.logPdf(drawn), g.logPdf(drawn));
        } else {
          best = c;
        }
      } else {
        best = Acquisition.argmax(l.logPdf(drawn), g.logPdf(drawn));
      }
      Map<String, Double> out = new LinkedHashMap<>();
      for (int d = 0; d < names.length; d++) {
        out.put(names[d], drawn[d][best]);
      }
      return out;
    } finally {
      if (kept != null) {
        kept.lock.unlock();
      }
    }
  }

  /**
   * The candidates a suggestion draws while {@code inFlight} other trials are in flight: all of
   * them when none is or when {@link Builder#shareCandidates} is off, else an equal share of them
   * (at least one) for each trial that will be evaluated before the model learns again.
   */
  int candidatesNow(int inFlight) {
    return shareCandidates ? Math.max(1, candidates / (inFlight + 1)) : candidates;
  }

  /**
   * {@code weights} of {@code trials} (the first {@code weights.length}) with those of the trials
   * in flight multiplied by {@code liarWeight}; the same array when {@code liarWeight} is 1.
   */
  static double[] lessForTrialsInFlight(
      double[] weights, ObservedTrial[] trials, double liarWeight) {
    if (liarWeight == 1) {
      return weights;
    }
    double[] out = weights.clone();
    for (int i = 0; i < out.length; i++) {
      if (trials[i].inFlight()) {
        out[i] *= liarWeight;
      }
    }
    return out;
  }

  private static double[] scaled(double[] w, double factor) {
    double[] out = w.clone();
    for (int i = 0; i < out.length; i++) {
      out[i] *= factor;
    }
    return out;
  }

  private static double[] concat(double[] a, double[] b) {
    double[] out = Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }

  private static double[][] concat(double[][] a, double[][] b) {
    double[][] out = new double[a.length][];
    for (int d = 0; d < a.length; d++) {
      out[d] = concat(a[d], b[d]);
    }
    return out;
  }

  /** The mixture kept for the space {@code key}, replaced when its dimensions changed. */
  private IncrementalMixture keptMixture(String key, KernelSpace[] dims) {
    IncrementalMixture m = mixtures.get(key);
    if (m == null || !m.isOver(dims)) {
      if (mixtures.size() >= MAX_MIXTURES) {
        mixtures.clear();
      }
      m = new IncrementalMixture(dims, estimator);
      mixtures.put(key, m);
    }
    return m;
  }

  /** Whether some dimension is categorical ({@code categorical}) or numerical (otherwise). */
  private static boolean has(KernelSpace[] dims, boolean categorical) {
    for (KernelSpace s : dims) {
      if (s.isCategorical() == categorical) {
        return true;
      }
    }
    return false;
  }

  private double[] weightsOf(int n) {
    double[] w = weights.weights(n);
    if (w == null || w.length < n) {
      throw new IllegalStateException(
          "the TPE weights function returned "
              + (w == null ? "null" : w.length + " weights")
              + " for "
              + n
              + " observations: it must return at least n weights");
    }
    double sum = 0;
    for (int i = 0; i < n; i++) {
      if (!(w[i] >= 0) || Double.isInfinite(w[i])) {
        throw new IllegalStateException(
            "the TPE weights function returned weight "
                + w[i]
                + " for "
                + n
                + " observations: weights must be finite and >= 0");
      }
      sum += w[i];
    }
    if (n > 0 && sum <= 0) {
      throw new IllegalStateException(
          "the TPE weights function returned only zeros for " + n + " observations");
    }
    return w.length == n ? w : Arrays.copyOf(w, n);
  }

  @Override
  public String toString() {
    return "TpeSampler(seed="
        + seed
        + ", startupTrials="
        + startupTrials
        + ", candidates="
        + candidates
        + ", multivariate="
        + multivariate
        + ", group="
        + group
        + ", constantLiar="
        + constantLiar
        + ", liarWeight="
        + liarWeight
        + ", shareCandidates="
        + shareCandidates
        + ", multivariateInFlight="
        + multivariateInFlight
        + ", categoricalsFirst="
        + categoricalsFirst
        + ", randomFraction="
        + randomFraction
        + ", randomCandidates="
        + randomCandidates
        + ", randomCandidatesWhenRungsMislead="
        + randomCandidatesWhenRungsMislead
        + ", priorWeight="
        + estimator.priorWeight()
        + ", considerMagicClip="
        + estimator.considerMagicClip()
        + ", considerEndpoints="
        + estimator.considerEndpoints()
        + (earlier == null ? "" : ", earlierTrials=" + earlier.size())
        + ")";
  }

  /**
   * Settings, with Optuna's current defaults but 64 candidates: 10 startup trials, multivariate,
   * constant liar, no groups, prior weight 1, magic clip on, endpoints off, Optuna's gamma and
   * weights.
   */
  public static final class Builder {
    private long seed = System.nanoTime();
    private int startupTrials = 10;
    private int candidates = DEFAULT_CANDIDATES;
    private boolean multivariate = true;
    private boolean group = false;
    private boolean constantLiar = true;
    private double liarWeight = 1.0;
    private boolean shareCandidates = true;
    private boolean multivariateInFlight = false;
    private boolean categoricalsFirst = true;
    private double priorWeight = 1.0;
    private double randomFraction = 0;
    private int randomCandidates = DEFAULT_RANDOM_CANDIDATES;
    private int randomCandidatesWhenRungsMislead = DEFAULT_RANDOM_CANDIDATES_WHEN_RUNGS_MISLEAD;
    private boolean considerMagicClip = true;
    private boolean considerEndpoints = false;
    private GammaFunction gamma;
    private WeightsFunction weights = WeightsFunction.optuna();
    private List<FrozenTrial> earlierTrials = List.of();
    private double earlierWeight = DEFAULT_EARLIER_WEIGHT;
    private boolean earlierPriorOnly = true;

    private Builder() {}

    /**
     * Trials of an earlier study to learn from besides this study's own (a warm start), each
     * weighing {@link #DEFAULT_EARLIER_WEIGHT} times one of the study's own trials, until the
     * study's own start-up trials finished ({@link #earlierTrialsOnlyAtStart}).
     *
     * @see #earlierTrials(List, double)
     */
    public Builder earlierTrials(List<FrozenTrial> trials) {
      return earlierTrials(trials, DEFAULT_EARLIER_WEIGHT);
    }

    /**
     * Trials of an earlier study (of the same objective, e.g. last night's sweep) to learn from
     * besides this study's own: a warm start. Their COMPLETE and PRUNED trials are split into a
     * good group and the rest among themselves, by the same gamma, and join the study's own groups
     * with each kernel's weight multiplied by {@code weight}. They count as finished trials for
     * {@link #startupTrials}, so TPE models from the first suggestion on; by default they are
     * dropped once the study has {@link #startupTrials} finished trials of its own ({@link
     * #earlierTrialsOnlyAtStart}).
     *
     * <p>Parameters are matched by name to the distribution they have now: a parameter the study no
     * longer has is ignored; a parameter an earlier trial lacks, or whose earlier value lies
     * outside its distribution now (a narrowed range, a removed category), makes that trial
     * unobserved in every space that holds the parameter (it still counts in the others).
     *
     * @param weight in (0, 1]
     */
    public Builder earlierTrials(List<FrozenTrial> trials, double weight) {
      if (!(weight > 0 && weight <= 1)) {
        throw new IllegalArgumentException(
            "earlier trials' weight is " + weight + ": it must be in (0, 1]");
      }
      this.earlierTrials = List.copyOf(trials);
      this.earlierWeight = weight;
      return this;
    }

    /**
     * Whether the {@link #earlierTrials earlier trials} are used only until {@link #startupTrials}
     * trials of the study's own have finished (a prior for the start, in place of random sampling),
     * instead of throughout; true. Measured on LCBench, night 2 warm-started from night 1 of the
     * same task and of another task (docs/defaults.md, "Warm start"): only at the start ended with
     * the lowest regret in both, ahead of throughout at weights 1, 0.5 and 0.25.
     */
    public Builder earlierTrialsOnlyAtStart(boolean on) {
      this.earlierPriorOnly = on;
      return this;
    }

    /** The seed of every random stream. */
    public Builder seed(long seed) {
      this.seed = seed;
      return this;
    }

    /** Trials drawn at random before TPE starts (COMPLETE and PRUNED trials count); 10. */
    public Builder startupTrials(int n) {
      if (n < 0) {
        throw new IllegalArgumentException("startupTrials is " + n + ": it must be >= 0");
      }
      this.startupTrials = n;
      return this;
    }

    /** Candidates drawn from {@code l(x)} per suggestion; 64 ({@link #optunaCompatible()}: 24). */
    public Builder candidates(int n) {
      if (n < 1) {
        throw new IllegalArgumentException("candidates is " + n + ": it must be >= 1");
      }
      this.candidates = n;
      return this;
    }

    /** Whether parameters shared by all finished trials are sampled jointly; true. */
    public Builder multivariate(boolean on) {
      this.multivariate = on;
      return this;
    }

    /** Whether each group of parameters that always occur together is sampled jointly; false. */
    public Builder group(boolean on) {
      this.group = on;
      return this;
    }

    /** Whether running trials count as bad ones; true. */
    public Builder constantLiar(boolean on) {
      this.constantLiar = on;
      return this;
    }

    /**
     * With the constant liar, the weight in the bad group of a trial in flight, relative to the
     * weight the {@link #weights weights function} gives its position; 1 (a full lie).
     *
     * <p>A pruner's view may show as RUNNING a trial that is not in flight: one stopped below the
     * level the sampler learns at, marked {@link dev.rung.samplers.Sampler#STOPPED_BELOW_LEVEL}
     * (Hyperband's trusted-rung view). Such a trial is an observation, not a lie: it keeps its full
     * weight in the bad group whatever this weight. With 0 the trials in flight are left out of the
     * history altogether (as with the liar off), while the stopped trials stay in the bad group.
     */
    public Builder liarWeight(double w) {
      if (!(w >= 0 && w <= 1)) {
        throw new IllegalArgumentException("liarWeight is " + w + ": it must be in [0, 1]");
      }
      this.liarWeight = w;
      return this;
    }

    /**
     * Whether the candidates are shared among the trials in flight; true ({@link
     * #optunaCompatible()}: false). While {@code k} other trials are in flight (RUNNING and not
     * marked by a pruner's view as stopped below its level), a suggestion draws {@code candidates /
     * (k + 1)} candidates, at least one, instead of all of them.
     *
     * <p>Why: the {@code k + 1} trials proposed before the model next learns from a result form a
     * batch, and the more candidates each draws the closer each lands to the same maximum of the
     * density ratio. Sharing keeps one suggestion's greed per result the model learns from, so a
     * batch spreads over the good group's kernels. With one worker nothing is in flight when a
     * trial is asked, and nothing changes. It matters most when trials take unequal times: the slow
     * ones are then the ones in flight, and many fast trials are proposed while their results are
     * awaited (docs/defaults.md, "Asynchrony").
     */
    public Builder shareCandidates(boolean on) {
      this.shareCandidates = on;
      return this;
    }

    /**
     * With {@link #multivariate}, whether a suggestion made while other trials are in flight still
     * samples the shared parameters jointly; false ({@link #optunaCompatible()}: true). With false
     * it samples each parameter on its own then, as independent TPE does; with one worker nothing
     * is in flight when a trial is asked, and the sampler stays multivariate throughout.
     *
     * <p>Per parameter, the trials proposed before the next result recombine the good trials'
     * values instead of piling up near their joint positions. Chosen on three sources with trials
     * in flight (docs/defaults.md, "Asynchrony"): first on LCBench with 8 slots (0.5 points ahead
     * with rungs, 1.0 without) and on the thirteen synthetic problems with eight workers whose
     * trial times spread with their parameters; last, by a hair, with equal trial times.
     */
    public Builder multivariateInFlight(boolean on) {
      this.multivariateInFlight = on;
      return this;
    }

    /**
     * Whether a sampled space with categorical parameters picks the categories first, by their own
     * density ratio with smoother kernels, and then the numbers given them; true ({@link
     * #optunaCompatible()}: false, Optuna scores the whole space at once with the estimators'
     * kernels).
     *
     * <p>The categories are those of the candidate with the largest density ratio of the
     * categorical parameters alone (the estimators' marginals), with the categorical kernels twice
     * as smooth as in the estimators ({@link #CATEGORY_CHOICE_SMOOTHING}): a category seldom tried
     * keeps a better chance against one tried often. In a space with numerical parameters too, the
     * numbers are then drawn from the kernels of the good trials that have exactly those
     * categories, plus the prior (only the prior when there are none), and scored by the whole
     * space's ratio. So each category's numbers are learned from its own trials, and a category
     * whose trials were all bad for lack of suitable numbers still gets them explored. A space of
     * categorical parameters only (a categorical sampled on its own included) takes the chosen
     * categories as they are.
     */
    public Builder categoricalsFirst(boolean on) {
      this.categoricalsFirst = on;
      return this;
    }

    /**
     * The share of the trials, after the startup trials too, whose parameters are all drawn at
     * random instead of by TPE (BOHB's random fraction); 0.
     */
    public Builder randomFraction(double f) {
      if (!(f >= 0 && f <= 1)) {
        throw new IllegalArgumentException("randomFraction is " + f + ": it must be in [0, 1]");
      }
      this.randomFraction = f;
      return this;
    }

    /**
     * How every trial of the {@link #randomFraction} is drawn: {@code n} uniform draws of the
     * parameters every finished trial shares, and the one farthest from the trials TPE counts as
     * bad (outside its good group, running trials included) kept; parameters not shared by every
     * finished trial are drawn uniformly. 1 is one uniform draw. Without this call: one uniform
     * draw ({@link #DEFAULT_RANDOM_CANDIDATES}), and {@link
     * #DEFAULT_RANDOM_CANDIDATES_WHEN_RUNGS_MISLEAD} while the history a pruner's view shows is
     * marked {@link History#misleadingRungs()}: once the early rungs are measured to rank trials
     * unlike the later ones, what they judged bad may not be, and the random trials go where
     * nothing has done badly yet.
     */
    public Builder randomCandidates(int n) {
      return randomCandidates(n, n);
    }

    /**
     * As {@link #randomCandidates(int)}, with {@code whenRungsMislead} draws while the history is
     * marked {@link History#misleadingRungs()} and {@code n} otherwise.
     */
    public Builder randomCandidates(int n, int whenRungsMislead) {
      if (n < 1 || whenRungsMislead < 1) {
        throw new IllegalArgumentException(
            "randomCandidates is " + (n < 1 ? n : whenRungsMislead) + ": it must be >= 1");
      }
      this.randomCandidates = n;
      this.randomCandidatesWhenRungsMislead = whenRungsMislead;
      return this;
    }

    /** The weight of the prior kernel relative to one observation's; 1. */
    public Builder priorWeight(double w) {
      if (!(w >= 0) || Double.isInfinite(w)) {
        throw new IllegalArgumentException(
            "priorWeight is " + w + ": it must be a finite number >= 0");
      }
      this.priorWeight = w;
      return this;
    }

    /** Whether kernel widths have a floor of {@code range / min(100, m + 2)}; true. */
    public Builder considerMagicClip(boolean on) {
      this.considerMagicClip = on;
      return this;
    }

    /** Whether the outermost kernels also use their gap to the range's end; false. */
    public Builder considerEndpoints(boolean on) {
      this.considerEndpoints = on;
      return this;
    }

    /**
     * The size of the good group given the number of finished trials; by default {@link
     * GammaFunction#optuna()} for one objective and {@link GammaFunction#multiObjective()} for
     * several.
     */
    public Builder gamma(GammaFunction gamma) {
      this.gamma = Objects.requireNonNull(gamma, "gamma");
      return this;
    }

    /** Kernel weights by trial-number order; {@link WeightsFunction#optuna()}. */
    public Builder weights(WeightsFunction weights) {
      this.weights = Objects.requireNonNull(weights, "weights");
      return this;
    }

    /** The sampler. */
    public TpeSampler build() {
      if (group && !multivariate) {
        throw new IllegalArgumentException(
            "group is true but multivariate is false: group sampling needs multivariate(true)");
      }
      return new TpeSampler(this);
    }
  }
}
