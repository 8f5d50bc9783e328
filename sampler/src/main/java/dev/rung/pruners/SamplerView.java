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
   * The default: BOHB's model, over the levels whose rungs are trusted to rank ({@link
   * RungAgreement}). The level is the highest with at least {@code d + 3} observations among those
   * from which every rung up to the full resource agrees with the next (with none, the lowest of
   * them), and, as in BOHB, the model sees only the trials observed at that level (as COMPLETE with
   * their value there) and the running ones: a trial stopped below it is left out, rather than
   * shown PRUNED as {@link #HIGHEST_RUNG} does. A first rung that judges untrained networks then
   * teaches the sampler nothing. Without a rung agreement, every rung is trusted.
   */
  TRUSTED_RUNG
}
