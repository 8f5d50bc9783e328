package dev.rung.importance;

import dev.rung.study.Direction;
import dev.rung.study.FrozenTrial;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/**
 * Ranks the parameters of finished trials by how much they explain a target value.
 *
 * <p>Only COMPLETE trials whose target is a finite number are used; trials in other states are
 * ignored. Each parameter's distribution is read from the trials that hold it. A parameter that
 * some trials do not have (a conditional parameter) is assessed as well: each implementation
 * documents how.
 *
 * @apiNote The result is a {@link java.util.LinkedHashMap} ordered by decreasing importance (ties
 *     in the order the parameters first appear in {@code trials}); every value is {@code >= 0} and
 *     the values sum to 1. Fewer than 2 usable trials, or usable trials without parameters, are an
 *     {@link IllegalArgumentException} that says what is missing.
 */
public interface ImportanceEvaluator {

  /**
   * The importance of each parameter for a target that is minimized.
   *
   * @param trials trials in any state
   * @param target the value to explain, read from each trial (e.g. {@code t -> t.values().get(0)})
   */
  Map<String, Double> evaluate(List<FrozenTrial> trials, ToDoubleFunction<FrozenTrial> target);

  /**
   * The importance of each parameter for a target optimized in {@code direction}. The default
   * negates a maximized target and evaluates it as minimized.
   */
  default Map<String, Double> evaluate(
      List<FrozenTrial> trials, ToDoubleFunction<FrozenTrial> target, Direction direction) {
    return direction == Direction.MINIMIZE
        ? evaluate(trials, target)
        : evaluate(trials, t -> -target.applyAsDouble(t));
  }
}
