package dev.rung.pruners;

import dev.rung.study.Direction;
import dev.rung.study.FrozenTrial;
import dev.rung.study.History;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.OptionalInt;

/**
 * Asynchronous successive halving as an in-process pruner (Li et al., MLSys 2020; Optuna's
 * SuccessiveHalvingPruner): when a trial reaches rung {@code k} (step {@code minResource * eta^(s +
 * k)}), it continues only if its value there is within the top {@code max(1, n / eta)} of the
 * {@code n} trials that reached rung {@code k} so far ({@link PromotionRule#continues}); the first
 * {@code bootstrapCount} trials at a rung are stopped. NaN at a rung stops the trial.
 *
 * <p>A rung is decided by the report that reaches it, so call {@code shouldPrune} after every
 * report. An in-process trial cannot pause: for promotion of paused trials by a batch driver, see
 * {@link #scheduler(int)}.
 *
 * @param minResource the first rung's step before {@code s} shifts it, or {@link #AUTO}: {@code
 *     max(1, last step of the longest COMPLETE trial / 100)}, no pruning before a trial completes
 * @param reductionFactor eta, at least 2 (default 4)
 * @param minEarlyStoppingRate s, at least 0 (default 0)
 * @param bootstrapCount trials stopped at each rung before any continues (default 0)
 * @param view what the sampler learns from (default {@link SamplerView#HIGHEST_RUNG}, the best in
 *     docs/pruning.md's measurements)
 * @param agreement when a rung is trusted to rank trials, for the batch scheduler and the {@link
 *     SamplerView#TRUSTED_RUNG} view; null: every rung ranks from the start (the in-process {@link
 *     #prune} always ranks)
 */
public record SuccessiveHalvingPruner(
    int minResource,
    int reductionFactor,
    int minEarlyStoppingRate,
    int bootstrapCount,
    SamplerView view,
    RungAgreement agreement)
    implements Pruner {

  /** {@code minResource} value meaning "derive it from the first completed trials". */
  public static final int AUTO = 0;

  public SuccessiveHalvingPruner {
    if (minResource < 0) {
      throw new IllegalArgumentException(
          "min resource must be >= 1, or AUTO (0), got " + minResource);
    }
    new RungSchedule(Math.max(1, minResource), reductionFactor, minEarlyStoppingRate);
    if (bootstrapCount < 0) {
      throw new IllegalArgumentException("bootstrap count must be >= 0, got " + bootstrapCount);
    }
    if (bootstrapCount > 0 && minResource == AUTO) {
      throw new IllegalArgumentException(
          "bootstrap count "
              + bootstrapCount
              + " needs an explicit min resource: with AUTO use bootstrap count 0");
    }
    if (view == null) {
      throw new IllegalArgumentException(
          "sampler view must be one of " + Arrays.toString(SamplerView.values()));
    }
  }

  /** Without a rung agreement: every rung ranks from the start. */
  public SuccessiveHalvingPruner(
      int minResource,
      int reductionFactor,
      int minEarlyStoppingRate,
      int bootstrapCount,
      SamplerView view) {
    this(minResource, reductionFactor, minEarlyStoppingRate, bootstrapCount, view, null);
  }

  /** Optuna's defaults: min resource AUTO, eta 4, s 0, no bootstrap. */
  public static SuccessiveHalvingPruner defaults() {
    return new SuccessiveHalvingPruner(AUTO, 4, 0, 0, SamplerView.HIGHEST_RUNG);
  }

  /** Explicit min resource and eta, s 0, no bootstrap. */
  public static SuccessiveHalvingPruner of(int minResource, int reductionFactor) {
    return new SuccessiveHalvingPruner(
        minResource, reductionFactor, 0, 0, SamplerView.HIGHEST_RUNG);
  }

  public SuccessiveHalvingPruner withMinEarlyStoppingRate(int s) {
    return new SuccessiveHalvingPruner(
        minResource, reductionFactor, s, bootstrapCount, view, agreement);
  }

  public SuccessiveHalvingPruner withBootstrapCount(int n) {
    return new SuccessiveHalvingPruner(
        minResource, reductionFactor, minEarlyStoppingRate, n, view, agreement);
  }

  public SuccessiveHalvingPruner withView(SamplerView v) {
    return new SuccessiveHalvingPruner(
        minResource, reductionFactor, minEarlyStoppingRate, bootstrapCount, v, agreement);
  }

  /** The same pruner whose rungs rank only once {@code a} trusts them (null: from the start). */
  public SuccessiveHalvingPruner withAgreement(RungAgreement a) {
    return new SuccessiveHalvingPruner(
        minResource, reductionFactor, minEarlyStoppingRate, bootstrapCount, view, a);
  }

  /** The min resource in use: the explicit one, or derived from COMPLETE trials when AUTO. */
  public OptionalInt resolvedMinResource(History history) {
    if (minResource != AUTO) {
      return OptionalInt.of(minResource);
    }
    int longest = -1;
    for (FrozenTrial t : history.completed()) {
      longest = Math.max(longest, t.lastStep().orElse(-1));
    }
    return longest < 0 ? OptionalInt.empty() : OptionalInt.of(Math.max(1, longest / 100));
  }

  @Override
  public boolean prune(History history, FrozenTrial trial) {
    OptionalInt r = resolvedMinResource(history);
    if (r.isEmpty()) {
      return false;
    }
    RungSchedule schedule = new RungSchedule(r.getAsInt(), reductionFactor, minEarlyStoppingRate);
    return stops(history, trial, schedule, bootstrapCount);
  }

  @Override
  public History samplerHistory(History history, FrozenTrial trial) {
    OptionalInt r = resolvedMinResource(history);
    List<Integer> levels = new ArrayList<>();
    if (r.isPresent()) {
      RungSchedule schedule = new RungSchedule(r.getAsInt(), reductionFactor, minEarlyStoppingRate);
      int longest = 0;
      for (FrozenTrial t : history.trials()) {
        longest = Math.max(longest, t.lastStep().orElse(0));
      }
      for (int k = 0; k < schedule.rungsUpTo(longest); k++) {
        levels.add(schedule.step(k));
      }
      levels.add(longest);
    }
    return view == SamplerView.TRUSTED_RUNG
        ? SamplerViews.trustedRung(history, levels, agreement)
        : SamplerViews.view(view, history, trial, levels, null);
  }

  /**
   * An on-demand scheduler with this pruner's rule for trials trained to at most {@code
   * maxResource} steps (AUTO min resource becomes {@code max(1, maxResource / 100)}).
   */
  public AshaScheduler scheduler(int maxResource) {
    int r = minResource == AUTO ? Math.max(1, maxResource / 100) : minResource;
    return AshaScheduler.asha(
        r, maxResource, reductionFactor, minEarlyStoppingRate, bootstrapCount, agreement);
  }

  /**
   * Whether {@code trial} stops at a rung its latest report reached, against the trials of {@code
   * competitors}. Shared with Hyperband, which passes the trial's bracket.
   */
  static boolean stops(
      History competitors, FrozenTrial trial, RungSchedule schedule, int bootstrapCount) {
    if (trial.intermediateValues().isEmpty()) {
      return false;
    }
    int last = trial.intermediateValues().lastKey();
    Integer previous = trial.intermediateValues().lowerKey(last);
    double value = trial.intermediateValues().get(last);
    Direction direction = competitors.direction();
    for (int k = 0; ; k++) {
      int step = schedule.step(k);
      if (step > last) {
        return false;
      }
      if (previous == null || step > previous) {
        if (Double.isNaN(value)) {
          return true;
        }
        List<Double> values = PromotionRule.rungValues(competitors, step, trial.number());
        values.add(value);
        if (values.size() <= bootstrapCount) {
          return true;
        }
        if (!PromotionRule.continues(value, values, schedule.reductionFactor(), direction)) {
          return true;
        }
      }
      if (step == Integer.MAX_VALUE) {
        return false;
      }
    }
  }
}
