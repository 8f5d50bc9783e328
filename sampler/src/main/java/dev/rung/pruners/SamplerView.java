package dev.rung.pruners;

/**
 * What a sampler learns from while successive halving or Hyperband prunes.
 *
 * <p>In every view, a trial paused at a rung (see {@link RungAttrs}) appears as PRUNED at the step
 * it reached, so that a sampler ranks it by how far it got rather than treating it as running.
 */
public enum SamplerView {
  /**
   * Only the trials of the new trial's own bracket (what Hyperband's authors and Optuna's docs
   * describe). Each bracket learns alone.
   */
  BRACKET,
  /**
   * All trials of the study; a sampler that ranks PRUNED trials by the step they reached (as TPE
   * does) then ranks across brackets by rung reached. (What Optuna's TPE actually sees since 3.2.)
   */
  ALL,
  /**
   * BOHB (Falkner et al., ICML 2018): all trials, the model fitted at the highest resource level
   * where at least {@code d + 3} trials have a value ({@code d} parameters): those trials appear
   * COMPLETE with their value at that level, every other finished trial PRUNED at the step it
   * reached.
   */
  HIGHEST_RUNG,
  /**
   * The job's default: BOHB's level, over the rungs trusted to rank ({@link RungAgreement}). The
   * model is fitted at the highest level with at least {@code d + 3} observations among those from
   * which every rung up to the full resource is trusted (with none, the lowest of them): the trials
   * observed there appear COMPLETE with their value at that level, and a trial stopped below it
   * appears RUNNING, so that, with the constant liar, it counts in the bad group without a value
   * and without widening the good group, whose size then follows the trials observed at the level
   * (as in BOHB). A first rung that judges untrained networks teaches the sampler nothing once it
   * is distrusted. Without a rung agreement, every rung is trusted. Such a trial carries the system
   * attribute {@link dev.rung.samplers.Sampler#STOPPED_BELOW_LEVEL}, so that a sampler can tell it
   * from a trial in flight: TPE keeps it in the bad group at full weight whatever its liar weight.
   * (With the constant liar off, TPE ignores RUNNING trials: stopped trials are then left out.)
   */
  TRUSTED_RUNG
}
