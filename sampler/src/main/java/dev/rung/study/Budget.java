package dev.rung.study;

/**
 * When a study stops starting work, the one rule for {@link Study#optimize} and for a batch driver:
 * no new trial once {@code trials} have started, no epochs beyond {@code epochs} (counting those
 * committed to trials in flight), and nothing new once {@code millis} have passed. A limit of 0 is
 * no limit. Work already running always finishes.
 *
 * @param trials trials to start in all, or 0
 * @param epochs epochs to train in all, or 0
 * @param millis time to spend, or 0
 */
public record Budget(int trials, long epochs, long millis) {
  public Budget {
    if (trials < 0 || epochs < 0 || millis < 0) {
      throw new IllegalArgumentException(
          "budget limits must be >= 0 (0 = no limit), got trials "
              + trials
              + ", epochs "
              + epochs
              + ", "
              + millis
              + " ms");
    }
  }

  /** Whether the time is spent after {@code elapsedMillis}. */
  public boolean timeIsUp(long elapsedMillis) {
    return millis > 0 && elapsedMillis >= millis;
  }

  /**
   * Whether {@code more} epochs may start when {@code committed} are trained or in flight and
   * {@code elapsedMillis} have passed.
   */
  public boolean allowsEpochs(long committed, long more, long elapsedMillis) {
    return (epochs <= 0 || committed + more <= epochs) && !timeIsUp(elapsedMillis);
  }

  /**
   * Whether a new trial of {@code more} epochs may start when {@code started} trials have started,
   * {@code committed} epochs are trained or in flight and {@code elapsedMillis} have passed.
   */
  public boolean allowsTrial(int started, long committed, long more, long elapsedMillis) {
    return (trials <= 0 || started < trials) && allowsEpochs(committed, more, elapsedMillis);
  }
}
