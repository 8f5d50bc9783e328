package dev.rung.study;

import dev.rung.distributions.Distribution;
import dev.rung.multi.ParetoFront;
import dev.rung.pruners.Pruner;
import dev.rung.samplers.Sampler;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.UnaryOperator;

/**
 * An optimization study: a named series of trials, one or more objective directions, a sampler that
 * proposes parameters and a pruner that stops unpromising trials early.
 *
 * <p>Run it with {@link #optimize}, or drive trials yourself with {@link #ask()} and {@link
 * #tell(int, double...)}.
 *
 * @apiNote A study is thread-safe: several threads may ask, tell and optimize at once.
 */
public final class Study {
  /** System attribute of an enqueued trial: the parameter values it must use. */
  public static final String FIXED_PARAMS = "fixed_params";

  private static final System.Logger LOG = System.getLogger(Study.class.getName());

  private final String name;
  private final List<Direction> directions;
  private final Sampler sampler;
  private final Pruner pruner;
  private final TrialStorage storage;
  private final Map<String, Distribution> seenDistributions = new ConcurrentHashMap<>();
  private volatile boolean stopRequested;

  Study(
      String name,
      List<Direction> directions,
      Sampler sampler,
      Pruner pruner,
      TrialStorage storage) {
    this.name = name;
    this.directions = List.copyOf(directions);
    this.sampler = sampler;
    this.pruner = pruner;
    this.storage = storage;
    for (FrozenTrial t : storage.trials(name)) {
      t.distributions().forEach(seenDistributions::putIfAbsent);
    }
  }

  /** A builder for a new (or, with {@code loadIfExists}, an existing) study. */
  public static StudyBuilder builder() {
    return new StudyBuilder();
  }

  public String name() {
    return name;
  }

  public List<Direction> directions() {
    return directions;
  }

  /** The direction of a single-objective study. */
  public Direction direction() {
    if (directions.size() != 1) {
      throw new IllegalStateException(
          "study '" + name + "' has " + directions.size() + " objectives; use directions()");
    }
    return directions.get(0);
  }

  public boolean isMultiObjective() {
    return directions.size() > 1;
  }

  public Sampler sampler() {
    return sampler;
  }

  public Pruner pruner() {
    return pruner;
  }

  public TrialStorage storage() {
    return storage;
  }

  /** A read-only snapshot of all trials. */
  public History history() {
    return new History(name, directions, storage.trials(name));
  }

  /** All trials, by number. */
  public List<FrozenTrial> trials() {
    return storage.trials(name);
  }

  /** The trials in the given states, by number. */
  public List<FrozenTrial> trials(TrialState first, TrialState... rest) {
    return history().trials(first, rest);
  }

  /** Trial {@code number} as stored now. */
  public FrozenTrial trial(int number) {
    return storage.trial(name, number);
  }

  /**
   * Records an intermediate value of trial {@code number} at {@code step}, for a driver that runs
   * the trial elsewhere (what {@link Trial#report} does for a trial run in this process). A step
   * that already has a value keeps it.
   *
   * @return whether the value was recorded
   */
  public boolean report(int number, int step, double value) {
    if (step < 0) {
      throw new IllegalArgumentException(
          "trial " + number + ": report step " + step + " is not allowed: step must be >= 0");
    }
    FrozenTrial t = storage.trial(name, number);
    if (t.intermediateValues().containsKey(step)) {
      return false;
    }
    storage.updateTrial(name, t.withIntermediate(step, value));
    return true;
  }

  /**
   * Changes the attributes of trial {@code number}: {@code change} gets the stored trial and
   * returns it with other user or system attributes; anything else it changes is refused.
   *
   * @return the trial as stored after the change
   * @throws IllegalArgumentException when {@code change} altered more than attributes
   */
  public FrozenTrial updateAttrs(int number, UnaryOperator<FrozenTrial> change) {
    FrozenTrial before = storage.trial(name, number);
    FrozenTrial after = change.apply(before);
    if (after.number() != before.number()
        || after.state() != before.state()
        || !after.params().equals(before.params())
        || !after.values().equals(before.values())
        || !after.intermediateValues().equals(before.intermediateValues())) {
      throw new IllegalArgumentException(
          "trial " + number + ": updateAttrs may change only user and system attributes");
    }
    storage.updateTrial(name, after);
    return after;
  }

  /**
   * Sets trial {@code number}'s constraint values, as {@link Trial#setConstraints} does from inside
   * an objective: a value &gt; 0 is a violation. For a driver that learns them from results.
   */
  public FrozenTrial setConstraints(int number, List<Double> constraints) {
    FrozenTrial after = storage.trial(name, number).withConstraints(constraints);
    storage.updateTrial(name, after);
    return after;
  }

  // ---------------------------------------------------------------- ask / tell

  /** Starts a new trial: the next enqueued one if any, else a fresh one. */
  public Trial ask() {
    return ask(Map.of());
  }

  /**
   * Starts a new trial and suggests the given parameters at once (define-and-run style, as Optuna's
   * {@code ask(fixed_distributions)}).
   */
  public Trial ask(Map<String, Distribution> distributions) {
    Instant now = Instant.now();
    FrozenTrial start =
        storage
            .popWaiting(name, now)
            .orElseGet(
                () -> storage.createTrial(name, FrozenTrial.create(0, TrialState.RUNNING, now)));
    @SuppressWarnings("unchecked")
    Map<String, Object> fixed =
        (Map<String, Object>) start.systemAttrs().getOrDefault(FIXED_PARAMS, Map.of());
    History h = samplerHistory(start);
    sampler.beforeTrial(h, start);
    Map<String, Distribution> space = sampler.relativeSearchSpace(h, start);
    Map<String, Double> relative =
        space.isEmpty() ? Map.of() : sampler.sampleRelative(h, start, space);
    Trial trial = new Trial(this, start, space, relative, fixed);
    distributions.forEach(trial::suggest);
    return trial;
  }

  /** Finishes a trial as COMPLETE with its objective values (one per direction). */
  public FrozenTrial tell(int number, double... values) {
    return tell(number, TrialState.COMPLETE, values);
  }

  /** Finishes a trial handle as COMPLETE with its objective values. */
  public FrozenTrial tell(Trial trial, double... values) {
    return tell(trial.number(), TrialState.COMPLETE, values);
  }

  /**
   * Finishes a trial in {@code state}. A COMPLETE trial needs one finite value per direction;
   * otherwise it becomes FAIL with the reason. A PRUNED trial takes its last intermediate value.
   */
  public FrozenTrial tell(int number, TrialState state, double... values) {
    return finish(number, state, values, null);
  }

  /** Finishes a trial as FAIL with a reason. */
  public FrozenTrial tellFail(int number, String reason) {
    return finish(number, TrialState.FAIL, null, reason);
  }

  private FrozenTrial finish(int number, TrialState state, double[] values, String reason) {
    if (!state.isFinished()) {
      throw new IllegalArgumentException(
          "trial " + number + " can only be told COMPLETE, PRUNED or FAIL, not " + state);
    }
    FrozenTrial t = storage.trial(name, number);
    if (t.state().isFinished()) {
      throw new IllegalStateException(
          "trial " + number + " of study '" + name + "' is already " + t.state());
    }
    List<Double> v = List.of();
    if (state == TrialState.COMPLETE) {
      String invalid = invalidValues(values);
      if (invalid != null) {
        LOG.log(System.Logger.Level.WARNING, "trial {0} failed: {1}", number, invalid);
        state = TrialState.FAIL;
        reason = invalid;
      } else {
        v = boxed(values);
      }
    } else if (state == TrialState.PRUNED) {
      double last = t.lastIntermediateValue();
      v = Double.isNaN(last) ? List.of() : List.of(last);
    }
    sampler.afterTrial(samplerHistory(t), t, state, v);
    FrozenTrial done = t.finish(state, v, Instant.now(), reason);
    storage.updateTrial(name, done);
    return done;
  }

  private String invalidValues(double[] values) {
    if (values == null || values.length != directions.size()) {
      return "the objective returned "
          + (values == null ? "no value" : values.length + " value(s) " + Arrays.toString(values))
          + " but the study has "
          + directions.size()
          + " direction(s) "
          + directions
          + ": return exactly one value per direction";
    }
    for (int i = 0; i < values.length; i++) {
      if (!Double.isFinite(values[i])) {
        return "the objective returned "
            + values[i]
            + (values.length > 1 ? " for objective " + i : "")
            + ": values must be finite numbers";
      }
    }
    return null;
  }

  private static List<Double> boxed(double[] values) {
    List<Double> out = new ArrayList<>(values.length);
    for (double x : values) {
      out.add(x);
    }
    return out;
  }

  // ---------------------------------------------------------------- optimize

  /** Runs trials of a single-objective function as {@code options} say. */
  public void optimize(Objective objective, OptimizeOptions options) {
    run(t -> new double[] {objective.evaluate(t)}, options);
  }

  /** Runs {@code trials} trials of a single-objective function on one thread. */
  public void optimize(Objective objective, int trials) {
    optimize(objective, OptimizeOptions.trials(trials));
  }

  /** Runs trials of a multi-objective function as {@code options} say. */
  public void optimizeMulti(MultiObjective objective, OptimizeOptions options) {
    run(objective, options);
  }

  /** Asks {@link #optimize} to start no new trial; running trials finish. */
  public void stop() {
    stopRequested = true;
  }

  private void run(MultiObjective objective, OptimizeOptions options) {
    stopRequested = false;
    AtomicInteger started = new AtomicInteger();
    Budget budget = options.budget();
    long start = System.nanoTime();
    AtomicReference<Throwable> uncaught = new AtomicReference<>();
    Runnable worker =
        () -> {
          while (!stopRequested && uncaught.get() == null) {
            long elapsed = (System.nanoTime() - start) / 1_000_000;
            if (!budget.allowsTrial(started.getAndIncrement(), 0, 0, elapsed)) {
              return;
            }
            if (sampler.exhausted(history())) {
              return;
            }
            Throwable t = runOne(objective, options);
            if (t != null) {
              uncaught.compareAndSet(null, t);
            }
          }
        };
    if (options.workers() == 1) {
      worker.run();
    } else {
      ExecutorService pool =
          Executors.newFixedThreadPool(
              options.workers(),
              r -> {
                Thread th = new Thread(r, "rung-" + name + "-worker");
                th.setDaemon(true);
                return th;
              });
      try {
        List<Future<?>> futures = new ArrayList<>();
        for (int i = 0; i < options.workers(); i++) {
          futures.add(pool.submit(worker));
        }
        for (Future<?> f : futures) {
          f.get();
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        stopRequested = true;
      } catch (ExecutionException e) {
        uncaught.compareAndSet(null, e.getCause());
      } finally {
        pool.shutdownNow();
      }
    }
    Throwable t = uncaught.get();
    if (t instanceof RuntimeException r) {
      throw r;
    }
    if (t instanceof Error e) {
      throw e;
    }
    if (t != null) {
      throw new ObjectiveException(t);
    }
  }

  /** Runs one trial; returns the exception that must stop the study, or null. */
  private Throwable runOne(MultiObjective objective, OptimizeOptions options) {
    Trial trial = ask();
    TrialState state;
    double[] values = null;
    String reason = null;
    Throwable stop = null;
    try {
      values = objective.evaluate(trial);
      state = TrialState.COMPLETE;
    } catch (TrialPrunedException e) {
      state = TrialState.PRUNED;
    } catch (Throwable e) {
      state = TrialState.FAIL;
      reason = e.getClass().getName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
      LOG.log(System.Logger.Level.WARNING, "trial " + trial.number() + " failed: " + reason, e);
      if (!options.catches(e)) {
        stop = e;
      }
    }
    FrozenTrial done = finish(trial.number(), state, values, reason);
    for (StudyCallback c : options.callbacks()) {
      c.afterTrial(this, done);
    }
    return stop;
  }

  // ---------------------------------------------------------------- results

  /**
   * The best COMPLETE (and feasible, when constraints are reported) trial of a single objective.
   */
  public FrozenTrial bestTrial() {
    Direction d = direction();
    List<FrozenTrial> candidates = feasibleCompleted();
    Comparator<FrozenTrial> byValue = Comparator.comparingDouble(t -> d.toMinimized(t.value()));
    return candidates.stream()
        .min(byValue)
        .orElseThrow(
            () ->
                new IllegalStateException(
                    "study '"
                        + name
                        + "' has no COMPLETE"
                        + (hasConstraints() ? " feasible" : "")
                        + " trial yet"));
  }

  /** The best objective value. */
  public double bestValue() {
    return bestTrial().value();
  }

  /** The parameters of the best trial. */
  public Map<String, Object> bestParams() {
    return bestTrial().params();
  }

  /**
   * The Pareto front: COMPLETE (and feasible) trials that no other trial dominates. For a single
   * objective, the trials tied for the best value.
   */
  public List<FrozenTrial> bestTrials() {
    return ParetoFront.of(feasibleCompleted(), directions);
  }

  private boolean hasConstraints() {
    for (FrozenTrial t : history().completed()) {
      if (!t.constraints().isEmpty()) {
        return true;
      }
    }
    return false;
  }

  private List<FrozenTrial> feasibleCompleted() {
    List<FrozenTrial> completed = history().completed();
    boolean constrained = completed.stream().anyMatch(t -> !t.constraints().isEmpty());
    if (!constrained) {
      return completed;
    }
    return completed.stream().filter(FrozenTrial::isFeasible).toList();
  }

  // ---------------------------------------------------------------- warm starts

  /** Enqueues parameter values to try before any sampled trial (a warm start). */
  public void enqueueTrial(Map<String, Object> params) {
    enqueueTrial(params, Map.of(), false);
  }

  /**
   * Enqueues parameter values with user attributes; with {@code skipIfExists}, nothing happens when
   * a trial (waiting or finished) already has exactly these values.
   */
  public void enqueueTrial(
      Map<String, Object> params, Map<String, Object> userAttrs, boolean skipIfExists) {
    Map<String, Object> fixed = new LinkedHashMap<>(params);
    if (skipIfExists) {
      for (FrozenTrial t : storage.trials(name)) {
        Object waiting = t.systemAttrs().get(FIXED_PARAMS);
        if (fixed.equals(waiting)
            || (t.state() != TrialState.WAITING && t.params().equals(fixed))) {
          return;
        }
      }
    }
    FrozenTrial template =
        FrozenTrial.create(0, TrialState.WAITING, null)
            .withSystemAttr(FIXED_PARAMS, Map.copyOf(fixed));
    for (var e : userAttrs.entrySet()) {
      template = template.withUserAttr(e.getKey(), e.getValue());
    }
    storage.createTrial(name, template);
  }

  /** Adds a finished trial evaluated elsewhere; it gets the next number. */
  public FrozenTrial addTrial(FrozenTrial trial) {
    if (!trial.state().isFinished()) {
      throw new IllegalArgumentException(
          "only finished trials can be added, got a " + trial.state() + " trial");
    }
    if (trial.state() == TrialState.COMPLETE) {
      String invalid =
          invalidValues(trial.values().stream().mapToDouble(Double::doubleValue).toArray());
      if (invalid != null) {
        throw new IllegalArgumentException("cannot add trial: " + invalid);
      }
    }
    trial.distributions().forEach(this::checkCompatible);
    return storage.createTrial(name, trial);
  }

  // ---------------------------------------------------------------- used by Trial

  void checkCompatible(String param, Distribution distribution) {
    Distribution first = seenDistributions.putIfAbsent(param, distribution);
    if (first != null && !first.compatibleWith(distribution)) {
      throw new IllegalArgumentException(
          "parameter '"
              + param
              + "' is "
              + distribution.describe()
              + " here but "
              + first.describe()
              + " in earlier trials of study '"
              + name
              + "': a parameter keeps its kind, scale and categorical choices across a study");
    }
  }

  double sampleIndependent(FrozenTrial trial, String param, Distribution distribution) {
    return sampler.sampleIndependent(samplerHistory(trial), trial, param, distribution);
  }

  void update(FrozenTrial trial) {
    storage.updateTrial(name, trial);
  }

  boolean shouldPrune(FrozenTrial trial) {
    return pruner.prune(history(), trial);
  }

  private History samplerHistory(FrozenTrial trial) {
    return pruner.samplerHistory(history(), trial);
  }
}
