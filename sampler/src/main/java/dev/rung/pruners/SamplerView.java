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
   * The default: BOHB's view over the levels whose rungs are trusted to rank ({@link
   * RungAgreement}): the model is fitted at the highest level with at least {@code d + 3}
   * observations among those from which every rung up to the full resource agrees with the next;
   * with none, at the lowest of them. A first rung that judges untrained networks then teaches the
   * sampler nothing. Without a rung agreement it is {@link #HIGHEST_RUNG}.
   */
  TRUSTED_RUNG
}
