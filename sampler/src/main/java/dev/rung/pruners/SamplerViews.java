package dev.rung.pruners;

import dev.rung.samplers.Sampler;
import dev.rung.study.FrozenTrial;
import dev.rung.study.History;
import dev.rung.study.TrialState;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntUnaryOperator;

/** The histories behind each {@link SamplerView}. */
final class SamplerViews {
  private SamplerViews() {}

  /**
   * The history a sampler sees for {@code trial}.
   *
   * @param levels resource levels that can be modelled (rung steps and the full resource), any
   *     order; used by {@link SamplerView#HIGHEST_RUNG}
   * @param bracketOf the bracket of a trial number, or null when brackets are not known yet
   */
  static History view(
      SamplerView view,
      History history,
      FrozenTrial trial,
      List<Integer> levels,
      IntUnaryOperator bracketOf) {
    return switch (view) {
      case ALL -> pausedAsPruned(history);
      case BRACKET -> {
        if (bracketOf == null) {
          yield pausedAsPruned(history);
        }
        int own = bracketOf.applyAsInt(trial.number());
        yield pausedAsPruned(history.filter(t -> bracketOf.applyAsInt(t.number()) == own));
      }
      case HIGHEST_RUNG -> highestRung(history, levels, Integer.MIN_VALUE, false, false);
      case TRUSTED_RUNG -> throw new IllegalArgumentException("use trustedRung");
    };
  }

  /**
   * {@link SamplerView#TRUSTED_RUNG}: BOHB's view over the levels from which every rung up to the
   * top is trusted by {@code agreement}; the lowest of them when none has d + 3 observations.
   * Without an agreement (null), BOHB's view. When a rung below the top is distrusted, the view is
   * marked {@link History#misleadingRungs()}.
   */
  static History trustedRung(History history, List<Integer> levels, RungAgreement agreement) {
    if (agreement == null || levels.isEmpty()) {
      return highestRung(history, levels, Integer.MIN_VALUE, true, false);
    }
    List<Integer> sorted = levels.stream().sorted().distinct().toList();
    int chain = agreement.lowestTrustedChain(history, sorted);
    return highestRung(history, sorted, chain, true, chain > sorted.get(0));
  }

  /** The history with every paused trial shown as PRUNED at the step it reached. */
  static History pausedAsPruned(History history) {
    List<FrozenTrial> out = new ArrayList<>(history.trials().size());
    for (FrozenTrial t : history.trials()) {
      out.add(RungAttrs.isPaused(t) ? asPruned(t, history.directions().size()) : t);
    }
    return new History(history.studyName(), history.directions(), out);
  }

  /** The trial as PRUNED at its last value (with several objectives, without values). */
  private static FrozenTrial asPruned(FrozenTrial t, int objectives) {
    double last = t.lastIntermediateValue();
    return t.finish(
        TrialState.PRUNED,
        Double.isNaN(last) || objectives > 1 ? List.of() : List.of(last),
        t.complete(),
        null);
  }

  /**
   * BOHB's view: the model sees the highest level with at least d + 3 observations. One pass counts
   * the observations of every level (a trial has a value at a level when its last step reaches it).
   * The view is marked {@link History#misleadingRungs()} as {@code misleading} says.
   */
  static History highestRung(
      History history,
      List<Integer> levels,
      int lowest,
      boolean stoppedInBadGroup,
      boolean misleading) {
    int d = 0;
    int[] sorted =
        levels.stream().mapToInt(Integer::intValue).filter(l -> l >= lowest).sorted().toArray();
    int[] atLeast = new int[sorted.length];
    for (FrozenTrial t : history.trials()) {
      d = Math.max(d, t.params().size());
      if (observed(t) && !t.intermediateValues().isEmpty()) {
        int last = t.intermediateValues().lastKey();
        for (int i = 0; i < sorted.length && sorted[i] <= last; i++) {
          atLeast[i]++;
        }
      }
    }
    for (int i = sorted.length - 1; i >= 0; i--) {
      if (atLeast[i] >= d + 3) {
        return atLevel(history, sorted[i], stoppedInBadGroup, misleading);
      }
    }
    return lowest == Integer.MIN_VALUE || sorted.length == 0
        ? pausedAsPruned(history).withMisleadingRungs(misleading)
        : atLevel(history, sorted[0], stoppedInBadGroup, misleading);
  }

  /**
   * The trial's objectives at {@code level}, whose first is {@code first}: with one objective that
   * value; with several, a COMPLETE trial's own values at its last step, else those the driver
   * recorded at the rung ({@link RungAttrs#objectivesAt}); null when some is not known.
   */
  private static List<Double> valuesAt(FrozenTrial t, int level, double first, int objectives) {
    if (objectives == 1) {
      return List.of(first);
    }
    if (t.state() == TrialState.COMPLETE
        && t.values().size() == objectives
        && t.intermediateValues().lastKey() <= level) {
      return t.values();
    }
    // Below the full resource a trial's objectives are not modelled: with several objectives the
    // rung values misled TPE on real learning curves (docs/multi-objective.md); the trial shows as
    // PRUNED, in the bad group.
    return null;
  }

  private static boolean observed(FrozenTrial t) {
    return t.state() == TrialState.COMPLETE
        || t.state() == TrialState.PRUNED
        || RungAttrs.isPaused(t);
  }

  private static History atLevel(
      History history, int level, boolean stoppedInBadGroup, boolean misleading) {
    int objectives = history.directions().size();
    List<FrozenTrial> out = new ArrayList<>(history.trials().size());
    for (FrozenTrial t : history.trials()) {
      Double v = observed(t) ? PromotionRule.valueAt(t, level) : null;
      List<Double> values = v == null || v.isNaN() ? null : valuesAt(t, level, v, objectives);
      if (values != null) {
        boolean same = t.state() == TrialState.COMPLETE && t.values().equals(values);
        out.add(same ? t : t.finish(TrialState.COMPLETE, values, t.complete(), null));
      } else if (stoppedInBadGroup && (RungAttrs.isPaused(t) || t.state() == TrialState.PRUNED)) {
        // In the bad group, without a value and without counting towards the good group's size;
        // marked so that a sampler can tell it from a trial in flight.
        out.add(t.withState(TrialState.RUNNING).withSystemAttr(Sampler.STOPPED_BELOW_LEVEL, level));
      } else if (RungAttrs.isPaused(t) || (t.state() == TrialState.COMPLETE && v != null)) {
        out.add(asPruned(t, objectives));
      } else {
        out.add(t);
      }
    }
    return new History(history.studyName(), history.directions(), out, misleading);
  }
}
