package dev.rung.pruners;

/**
 * The rung arithmetic of successive halving (Jamieson &amp; Talwalkar, AISTATS 2016; Li et al.,
 * MLSys 2020): rung {@code k} sits at step {@code minResource * eta^(s + k)}, where {@code s} is
 * the minimum early-stopping rate.
 *
 * @param minResource the resource (steps, e.g. epochs) of the lowest rung before {@code s} shifts
 *     it, at least 1
 * @param reductionFactor eta: only the top 1/eta of a rung goes on to the next one, at least 2
 * @param minEarlyStoppingRate s: shifts the first rung up by a factor {@code eta^s}, at least 0
 */
public record RungSchedule(int minResource, int reductionFactor, int minEarlyStoppingRate) {

  public RungSchedule {
    if (minResource < 1) {
      throw new IllegalArgumentException(
          "min resource must be an integer >= 1 (a step count), got " + minResource);
    }
    if (reductionFactor < 2) {
      throw new IllegalArgumentException(
          "reduction factor must be an integer >= 2, got " + reductionFactor);
    }
    if (minEarlyStoppingRate < 0) {
      throw new IllegalArgumentException(
          "min early-stopping rate must be >= 0, got " + minEarlyStoppingRate);
    }
  }

  /** The step of rung {@code rung}; {@link Integer#MAX_VALUE} once it no longer fits an int. */
  public int step(int rung) {
    if (rung < 0) {
      throw new IllegalArgumentException("rung must be >= 0, got " + rung);
    }
    long v = minResource;
    for (int i = 0; i < minEarlyStoppingRate + rung; i++) {
      v *= reductionFactor;
      if (v >= Integer.MAX_VALUE) {
        return Integer.MAX_VALUE;
      }
    }
    return (int) v;
  }

  /** How many rungs lie at or below {@code step} (the rungs a trial at that step has reached). */
  public int rungsUpTo(int step) {
    int k = 0;
    while (step(k) <= step && step(k) != Integer.MAX_VALUE) {
      k++;
    }
    return k;
  }

  /**
   * How many rungs lie strictly below {@code maxResource}: the rungs where a decision is made when
   * trials are trained to at most {@code maxResource} steps.
   */
  public int rungsBelow(int maxResource) {
    return rungsUpTo(maxResource - 1);
  }
}
