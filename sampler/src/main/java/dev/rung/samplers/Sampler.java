package dev.rung.samplers;

import dev.rung.distributions.Distribution;
import dev.rung.study.FrozenTrial;
import dev.rung.study.History;
import dev.rung.study.TrialState;
import java.util.List;
import java.util.Map;

/**
 * Chooses parameter values for new trials from the history of a study.
 *
 * <p>When a trial starts, the study asks for its <em>relative</em> search space (parameters to be
 * sampled jointly, e.g. by multivariate TPE) and samples it at once. Every parameter the objective
 * then suggests that is not in the relative sample is drawn <em>independently</em>.
 *
 * @apiNote A sampler sees only the read-only {@link History}, never the study. Values are in the
 *     distributions' internal representation. Samplers are called from several threads at once when
 *     a study runs parallel workers and must be thread-safe.
 */
public interface Sampler {

  /**
   * System attribute a pruner's view of the history sets on a trial it shows as RUNNING although it
   * is not in flight: the trial was stopped below the resource level the sampler learns at, so it
   * has no value there but is known to be bad (value: that level, an int). A sampler that treats
   * running trials as pending (TPE's constant liar) may use it to tell the two apart.
   */
  String STOPPED_BELOW_LEVEL = "rung.stopped_below_level";

  /** The parameters to sample jointly for {@code trial}; empty by default. */
  default Map<String, Distribution> relativeSearchSpace(History history, FrozenTrial trial) {
    return Map.of();
  }

  /** Jointly sampled internal values for (a subset of) {@code space}; empty by default. */
  default Map<String, Double> sampleRelative(
      History history, FrozenTrial trial, Map<String, Distribution> space) {
    return Map.of();
  }

  /** An internal value for one parameter, drawn on its own. */
  double sampleIndependent(
      History history, FrozenTrial trial, String name, Distribution distribution);

  /**
   * Whether the sampler has nothing new to propose (a grid whose every point has been tried); a
   * study's {@code optimize} then stops. False by default.
   */
  default boolean exhausted(History history) {
    return false;
  }

  /** Called when a trial starts, before any sampling. */
  default void beforeTrial(History history, FrozenTrial trial) {}

  /** Called when a trial finishes, before it is stored as finished. */
  default void afterTrial(
      History history, FrozenTrial trial, TrialState state, List<Double> values) {}
}
