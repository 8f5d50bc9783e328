package dev.rung.pruners;

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
      case HIGHEST_RUNG -> highestRung(history, levels);
    };
  }

  /** The history with every paused trial shown as PRUNED at the step it reached. */
  static History pausedAsPruned(History history) {
    List<FrozenTrial> out = new ArrayList<>(history.trials().size());
    for (FrozenTrial t : history.trials()) {
      out.add(RungAttrs.isPaused(t) ? asPruned(t) : t);
    }
    return new History(history.studyName(), history.directions(), out);
  }

  private static FrozenTrial asPruned(FrozenTrial t) {
    double last = t.lastIntermediateValue();
    return t.finish(
        TrialState.PRUNED, Double.isNaN(last) ? List.of() : List.of(last), t.complete(), null);
  }

  /** BOHB's view: the model sees the highest level with at least d + 3 observations. */
  static History highestRung(History history, List<Integer> levels) {
    int d = 0;
    for (FrozenTrial t : history.trials()) {
      d = Math.max(d, t.params().size());
    }
    int needed = d + 3;
    List<Integer> sorted = new ArrayList<>(levels);
    sorted.sort((a, b) -> Integer.compare(b, a));
    for (int level : sorted) {
      int n = 0;
      for (FrozenTrial t : history.trials()) {
        if (observed(t) && PromotionRule.valueAt(t, level) != null) {
          n++;
        }
      }
      if (n >= needed) {
        return atLevel(history, level);
      }
    }
    return pausedAsPruned(history);
  }

  private static boolean observed(FrozenTrial t) {
    return t.state() == TrialState.COMPLETE
        || t.state() == TrialState.PRUNED
        || RungAttrs.isPaused(t);
  }

  private static History atLevel(History history, int level) {
    List<FrozenTrial> out = new ArrayList<>(history.trials().size());
    for (FrozenTrial t : history.trials()) {
      Double v = observed(t) ? PromotionRule.valueAt(t, level) : null;
      if (v != null && !v.isNaN()) {
        out.add(t.finish(TrialState.COMPLETE, List.of(v), t.complete(), null));
      } else if (RungAttrs.isPaused(t) || (t.state() == TrialState.COMPLETE && v != null)) {
        out.add(asPruned(t));
      } else {
        out.add(t);
      }
    }
    return new History(history.studyName(), history.directions(), out);
  }
}
