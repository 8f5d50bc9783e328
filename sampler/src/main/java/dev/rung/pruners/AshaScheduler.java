package dev.rung.pruners;

import dev.rung.study.Direction;
import dev.rung.study.FrozenTrial;
import dev.rung.study.History;
import dev.rung.study.TrialState;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Decisions on demand for a batch driver (ASHA, Li et al., MLSys 2020, Algorithm 2; with several
 * brackets, asynchronous Hyperband): whenever a worker is free, {@link #next} scans the rungs from
 * the top and promotes a paused trial that is within the top {@code floor(n / eta)} of the {@code
 * n} trials of its bracket that reached its rung ({@link PromotionRule#promotable}); when there is
 * none, it starts a new trial at the bottom rung of the bracket the new trial's number hashes to.
 * No rung waits for stragglers. A promoted trial resumes from its checkpoint: it costs only the
 * steps between the two rungs.
 *
 * <p>The history is read as {@link RungAttrs} describes: intermediate values one per step (the
 * number of epochs trained), a target step per scheduled trial, optionally a recorded bracket.
 *
 * @apiNote Stateless and deterministic: the same history gives the same decision. Between a
 *     decision and the driver's write of it, a second call returns the same decision.
 */
public final class AshaScheduler {
  private final int maxResource;
  private final int reductionFactor;
  private final int bootstrapCount;
  private final List<RungSchedule> schedules;
  private final Brackets brackets;
  private final List<List<Integer>> targets;
  private final List<int[]> rungsFromTheTop;
  private final RungAgreement agreement;
  private final List<Integer> levels;

  private AshaScheduler(
      int maxResource,
      int reductionFactor,
      int bootstrapCount,
      List<RungSchedule> schedules,
      Brackets brackets,
      RungAgreement agreement) {
    if (bootstrapCount < 0) {
      throw new IllegalArgumentException("bootstrap count must be >= 0, got " + bootstrapCount);
    }
    this.maxResource = maxResource;
    this.reductionFactor = reductionFactor;
    this.bootstrapCount = bootstrapCount;
    this.schedules = List.copyOf(schedules);
    this.brackets = brackets;
    List<List<Integer>> t = new ArrayList<>();
    for (RungSchedule schedule : this.schedules) {
      List<Integer> steps = new ArrayList<>();
      for (int k = 0; k < schedule.rungsBelow(maxResource); k++) {
        steps.add(schedule.step(k));
      }
      steps.add(maxResource);
      t.add(List.copyOf(steps));
    }
    this.targets = List.copyOf(t);
    this.rungsFromTheTop = rungsFromTheTop(this.targets);
    this.agreement = agreement;
    TreeSet<Integer> all = new TreeSet<>();
    t.forEach(all::addAll);
    this.levels = List.copyOf(all);
  }

  /** ASHA in one bracket with rungs at {@code minResource * eta^(s + k)} below {@code max}. */
  public static AshaScheduler asha(
      int minResource,
      int maxResource,
      int reductionFactor,
      int minEarlyStoppingRate,
      int bootstrapCount) {
    RungSchedule schedule = new RungSchedule(minResource, reductionFactor, minEarlyStoppingRate);
    return asha(
        minResource, maxResource, reductionFactor, minEarlyStoppingRate, bootstrapCount, null);
  }

  /**
   * ASHA in one bracket whose rungs rank trials only once {@code agreement} trusts them (null:
   * every rung ranks from the start).
   */
  public static AshaScheduler asha(
      int minResource,
      int maxResource,
      int reductionFactor,
      int minEarlyStoppingRate,
      int bootstrapCount,
      RungAgreement agreement) {
    RungSchedule schedule = new RungSchedule(minResource, reductionFactor, minEarlyStoppingRate);
    new Brackets(minResource, maxResource, reductionFactor);
    return new AshaScheduler(
        maxResource, reductionFactor, bootstrapCount, List.of(schedule), null, agreement);
  }

  /** Asynchronous Hyperband: ASHA in every bracket of {@link Brackets}. */
  public static AshaScheduler hyperband(
      int minResource, int maxResource, int reductionFactor, int bootstrapCount) {
    return hyperband(minResource, maxResource, reductionFactor, bootstrapCount, null);
  }

  /**
   * Asynchronous Hyperband whose rungs rank trials only once {@code agreement} trusts them (null:
   * every rung ranks from the start).
   */
  public static AshaScheduler hyperband(
      int minResource,
      int maxResource,
      int reductionFactor,
      int bootstrapCount,
      RungAgreement agreement) {
    Brackets b = new Brackets(minResource, maxResource, reductionFactor);
    List<RungSchedule> schedules = new ArrayList<>();
    for (int i = 0; i < b.count(); i++) {
      schedules.add(b.schedule(i));
    }
    return new AshaScheduler(maxResource, reductionFactor, bootstrapCount, schedules, b, agreement);
  }

  /** A decision of {@link #next}. */
  public sealed interface Decision permits Promotion, NewTrial {}

  /**
   * Resume trial {@code trial} of bracket {@code bracket}, paused at rung {@code rung} (step {@code
   * fromStep}), and train it to {@code toStep} (the next rung, or the full resource). {@code
   * ranked}: promoted for its ranking at the rung, rather than passed on by a rung not trusted to
   * rank (see {@link RungAgreement}).
   */
  public record Promotion(
      int trial, int bracket, int rung, int fromStep, int toStep, boolean ranked)
      implements Decision {
    /** A promotion for the trial's ranking. */
    public Promotion(int trial, int bracket, int rung, int fromStep, int toStep) {
      this(trial, bracket, rung, fromStep, toStep, true);
    }
  }

  /** Start a new trial in bracket {@code bracket} and train it to {@code toStep}. */
  public record NewTrial(int bracket, int toStep) implements Decision {}

  /** The full resource: a trial trained to it is COMPLETE. */
  public int maxResource() {
    return maxResource;
  }

  public int bracketCount() {
    return schedules.size();
  }

  /** The steps where bracket {@code b} decides, ascending, followed by the full resource. */
  public List<Integer> targets(int bracket) {
    if (bracket < 0 || bracket >= targets.size()) {
      throw new IllegalArgumentException(
          "bracket must be in [0, " + (targets.size() - 1) + "], got " + bracket);
    }
    return targets.get(bracket);
  }

  /** The bracket of an existing trial: its recorded attribute, else the hash assignment. */
  public int bracketOf(String study, FrozenTrial trial) {
    if (brackets == null) {
      return 0;
    }
    return HyperbandPruner.bracketOf(brackets, study, trial);
  }

  /**
   * What to run now on a free worker.
   *
   * <p>Cost: one pass over the trials to group them by bracket and read their pause state, then at
   * most two passes over a bracket per rung examined (no sorting): {@code O(n * rungs)} for {@code
   * n} trials; a rung where no trial is paused is skipped without reading values. The best paused
   * trial of a rung is the only one to test, since the rule is monotone: if any paused trial is
   * promotable, the best one is.
   */
  public Decision next(History history) {
    List<Direction> directions = history.directions();
    String study = history.studyName();
    List<List<FrozenTrial>> members = new ArrayList<>();
    List<int[]> pausedAt = new ArrayList<>();
    for (int b = 0; b < schedules.size(); b++) {
      members.add(new ArrayList<>());
    }
    for (FrozenTrial t : history.trials()) {
      int b = bracketOf(study, t);
      if (t.state() != TrialState.WAITING && b >= 0 && b < members.size()) {
        members.get(b).add(t);
      }
    }
    for (List<FrozenTrial> m : members) {
      int[] paused = new int[m.size()];
      for (int i = 0; i < paused.length; i++) {
        FrozenTrial t = m.get(i);
        paused[i] = RungAttrs.isPaused(t) ? RungAttrs.targetStep(t).getAsInt() : -1;
      }
      pausedAt.add(paused);
    }
    // The agreement reads every trial's values at every level: only when someone waits at a rung.
    boolean anyPaused = false;
    for (int[] paused : pausedAt) {
      for (int p : paused) {
        anyPaused |= p >= 0;
      }
    }
    Set<Integer> untrusted = anyPaused ? untrustedSteps(history) : Set.of();
    for (int[] rung : rungsFromTheTop) {
      int b = rung[0];
      int k = rung[1];
      int step = rung[2];
      boolean ranks = !untrusted.contains(step);
      FrozenTrial chosen =
          directions.size() > 1
              ? ParetoPromotion.promotable(
                  members.get(b),
                  pausedAt.get(b),
                  step,
                  directions,
                  reductionFactor,
                  bootstrapCount,
                  ranks)
              : promotable(members.get(b), pausedAt.get(b), step, directions.get(0), ranks);
      if (chosen != null) {
        return new Promotion(chosen.number(), b, k, step, targets.get(b).get(k + 1), ranks);
      }
    }
    int b = brackets == null ? 0 : brackets.bracketOf(study, history.trials().size());
    return new NewTrial(b, targets.get(b).get(0));
  }

  /** The rung steps that may not rank yet, by {@link RungAgreement}; empty without it. */
  private Set<Integer> untrustedSteps(History history) {
    if (agreement == null) {
      return Set.of();
    }
    Set<Integer> out = new HashSet<>();
    for (RungAgreement.Pair p : RungAgreement.measure(history, levels)) {
      if (!agreement.trusts(p)) {
        out.add(p.lower());
      }
    }
    return out;
  }

  /** The rung agreement this scheduler follows, or null when every rung ranks. */
  public RungAgreement agreement() {
    return agreement;
  }

  /** Every step where some bracket decides, and the full resource, ascending. */
  public List<Integer> levels() {
    return levels;
  }

  /** (bracket, rung, step) below the full resource, highest step first, then lowest bracket. */
  private static List<int[]> rungsFromTheTop(List<List<Integer>> targets) {
    List<int[]> out = new ArrayList<>();
    for (int b = 0; b < targets.size(); b++) {
      List<Integer> t = targets.get(b);
      for (int k = 0; k < t.size() - 1; k++) {
        out.add(new int[] {b, k, t.get(k)});
      }
    }
    out.sort(Comparator.<int[]>comparingInt(r -> -r[2]).thenComparingInt(r -> r[0]));
    return List.copyOf(out);
  }

  /**
   * The best paused trial at {@code step} that the rule promotes, or null: the first best paused
   * trial, promoted when fewer than {@code floor(n / eta)} of the {@code n} values at the rung are
   * strictly better ({@link PromotionRule#promotable}, counted instead of sorted).
   *
   * @param pausedAt per member, the step it is paused at, or -1 when it is not paused
   */
  private FrozenTrial promotable(
      List<FrozenTrial> bracket, int[] pausedAt, int step, Direction direction, boolean ranks) {
    boolean anyPaused = false;
    for (int p : pausedAt) {
      anyPaused |= p == step;
    }
    if (!anyPaused) {
      // Most rungs have nobody waiting there: no need to read their values.
      return null;
    }
    double[] minimized = new double[bracket.size()];
    int n = 0;
    FrozenTrial best = null;
    double bestValue = Double.NaN;
    for (int i = 0; i < minimized.length; i++) {
      FrozenTrial t = bracket.get(i);
      Double v = PromotionRule.valueAt(t, step);
      if (v == null) {
        continue;
      }
      double m = direction.toMinimized(v);
      minimized[n++] = m;
      if (pausedAt[i] == step && !Double.isNaN(m) && (best == null || m < bestValue)) {
        best = t;
        bestValue = m;
      }
    }
    if (!ranks) {
      // A rung not trusted to rank passes every trial on, the best first (a NaN stays stopped).
      return best;
    }
    int count = n / reductionFactor;
    if (best == null || n <= bootstrapCount || count <= 0) {
      return null;
    }
    int better = 0;
    for (int i = 0; i < n; i++) {
      if (minimized[i] < bestValue && ++better >= count) {
        return null;
      }
    }
    return best;
  }
}
