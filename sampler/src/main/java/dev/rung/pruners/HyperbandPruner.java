package dev.rung.pruners;

import dev.rung.study.FrozenTrial;
import dev.rung.study.History;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Hyperband (Li et al., JMLR 2018) as asynchronous successive halving in several brackets, each
 * trial assigned to one bracket by a stable hash of the study name and its number, weighted by the
 * brackets' budgets (see {@link Brackets}). Pruning compares a trial only with the trials of its
 * bracket; what the sampler learns from is the {@link SamplerView}.
 *
 * <p>A trial's bracket is its {@value RungAttrs#BRACKET} system attribute when a driver recorded
 * one, else the hash.
 *
 * @param minResource the smallest resource, at least 1 (default 1)
 * @param maxResource the full resource, or {@link #AUTO}: the longest COMPLETE trial's last step +
 *     1, no pruning before a trial completes
 * @param reductionFactor eta, at least 2 (default 3)
 * @param bootstrapCount trials stopped at each rung of a bracket before any continues (default 0)
 * @param view what the sampler learns from
 * @param agreement when a rung is trusted to rank trials, for the batch scheduler and the {@link
 *     SamplerView#TRUSTED_RUNG} view; null: every rung ranks from the start (the in-process {@link
 *     #prune} always ranks)
 */
public record HyperbandPruner(
    int minResource,
    int maxResource,
    int reductionFactor,
    int bootstrapCount,
    SamplerView view,
    RungAgreement agreement)
    implements Pruner {

  /** {@code maxResource} value meaning "derive it from the completed trials". */
  public static final int AUTO = 0;

  public HyperbandPruner {
    if (maxResource != AUTO) {
      new Brackets(minResource, maxResource, reductionFactor);
    } else {
      new RungSchedule(minResource, reductionFactor, 0);
    }
    if (bootstrapCount < 0) {
      throw new IllegalArgumentException("bootstrap count must be >= 0, got " + bootstrapCount);
    }
    if (view == null) {
      throw new IllegalArgumentException(
          "sampler view must be one of " + Arrays.toString(SamplerView.values()));
    }
  }

  /** Without a rung agreement: every rung ranks from the start. */
  public HyperbandPruner(
      int minResource, int maxResource, int reductionFactor, int bootstrapCount, SamplerView view) {
    this(minResource, maxResource, reductionFactor, bootstrapCount, view, null);
  }

  /** Optuna's defaults (min 1, max AUTO, eta 3, no bootstrap) with the default sampler view. */
  public static HyperbandPruner defaults() {
    return new HyperbandPruner(1, AUTO, 3, 0, SamplerView.HIGHEST_RUNG);
  }

  /** Explicit resources and eta, no bootstrap, the default sampler view. */
  public static HyperbandPruner of(int minResource, int maxResource, int reductionFactor) {
    return new HyperbandPruner(
        minResource, maxResource, reductionFactor, 0, SamplerView.HIGHEST_RUNG);
  }

  public HyperbandPruner withView(SamplerView v) {
    return new HyperbandPruner(
        minResource, maxResource, reductionFactor, bootstrapCount, v, agreement);
  }

  public HyperbandPruner withBootstrapCount(int n) {
    return new HyperbandPruner(minResource, maxResource, reductionFactor, n, view, agreement);
  }

  /** The same pruner whose rungs rank only once {@code a} trusts them (null: from the start). */
  public HyperbandPruner withAgreement(RungAgreement a) {
    return new HyperbandPruner(minResource, maxResource, reductionFactor, bootstrapCount, view, a);
  }

  /** The brackets in use, or empty while the max resource is AUTO and no trial has completed. */
  public Optional<Brackets> brackets(History history) {
    if (maxResource != AUTO) {
      return Optional.of(new Brackets(minResource, maxResource, reductionFactor));
    }
    int longest = -1;
    for (FrozenTrial t : history.completed()) {
      longest = Math.max(longest, t.lastStep().orElse(-1));
    }
    if (longest < 0) {
      return Optional.empty();
    }
    return Optional.of(
        new Brackets(minResource, Math.max(minResource, longest + 1), reductionFactor));
  }

  /** The bracket of {@code trial}: its recorded attribute, else the hash assignment. */
  static int bracketOf(Brackets brackets, String study, FrozenTrial trial) {
    var recorded = RungAttrs.bracket(trial);
    return recorded.isPresent() ? recorded.getAsInt() : brackets.bracketOf(study, trial.number());
  }

  @Override
  public boolean prune(History history, FrozenTrial trial) {
    Optional<Brackets> found = brackets(history);
    if (found.isEmpty()) {
      return false;
    }
    Brackets brackets = found.get();
    String study = history.studyName();
    int own = bracketOf(brackets, study, trial);
    History same = history.filter(t -> bracketOf(brackets, study, t) == own);
    return SuccessiveHalvingPruner.stops(same, trial, brackets.schedule(own), bootstrapCount);
  }

  @Override
  public History samplerHistory(History history, FrozenTrial trial) {
    Optional<Brackets> found = brackets(history);
    if (found.isEmpty()) {
      return view == SamplerView.TRUSTED_RUNG
          ? SamplerViews.trustedRung(history, List.of(), agreement)
          : SamplerViews.view(view, history, trial, List.of(), null);
    }
    Brackets brackets = found.get();
    String study = history.studyName();
    List<Integer> levels = new ArrayList<>();
    RungSchedule base = brackets.schedule(0);
    for (int k = 0; k < base.rungsBelow(brackets.maxResource()); k++) {
      levels.add(base.step(k));
    }
    levels.add(brackets.maxResource());
    if (view == SamplerView.TRUSTED_RUNG) {
      return SamplerViews.trustedRung(history, levels, agreement);
    }
    if (view != SamplerView.BRACKET) {
      return SamplerViews.view(view, history, trial, levels, null);
    }
    Map<Integer, Integer> byNumber = new HashMap<>();
    for (FrozenTrial t : history.trials()) {
      byNumber.put(t.number(), bracketOf(brackets, study, t));
    }
    byNumber.put(trial.number(), bracketOf(brackets, study, trial));
    return SamplerViews.view(
        view, history, trial, levels, n -> byNumber.getOrDefault(n, brackets.bracketOf(study, n)));
  }

  /**
   * An on-demand scheduler with these brackets for a batch driver; needs an explicit max resource.
   */
  public AshaScheduler scheduler() {
    if (maxResource == AUTO) {
      throw new IllegalStateException(
          "a scheduler needs an explicit max resource; this Hyperband pruner has max AUTO");
    }
    return AshaScheduler.hyperband(
        minResource, maxResource, reductionFactor, bootstrapCount, agreement);
  }
}
