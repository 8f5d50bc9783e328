package dev.rung.pruners;

import dev.rung.study.Seeds;

/**
 * Hyperband's brackets (Li et al., JMLR 2018) for resources from {@code minResource} to {@code
 * maxResource} steps: {@code floor(log_eta(max / min)) + 1} brackets, computed with integers.
 * Bracket {@code b} is successive halving with minimum early-stopping rate {@code b}: bracket 0
 * starts most trials at the smallest resource; the last bracket trains every trial to about the
 * full resource.
 *
 * <p>Optuna computes the count with floating-point logarithms and gets one bracket too few whenever
 * {@code max / min} is an exact power of eta whose logarithm rounds down, e.g. (243, 1, 3) and
 * (1000, 1, 10); the integer count here has no such case.
 *
 * @param minResource the smallest resource, at least 1
 * @param maxResource the full resource, at least {@code minResource}
 * @param reductionFactor eta, at least 2
 */
public record Brackets(int minResource, int maxResource, int reductionFactor) {

  public Brackets {
    if (minResource < 1) {
      throw new IllegalArgumentException("min resource must be >= 1, got " + minResource);
    }
    if (maxResource < minResource) {
      throw new IllegalArgumentException(
          "max resource " + maxResource + " must be >= min resource " + minResource);
    }
    if (reductionFactor < 2) {
      throw new IllegalArgumentException("reduction factor must be >= 2, got " + reductionFactor);
    }
  }

  /** The number of brackets: the largest {@code s} with {@code min * eta^s <= max}, plus one. */
  public int count() {
    int s = 0;
    long v = minResource;
    while (v * reductionFactor <= maxResource) {
      v *= reductionFactor;
      s++;
    }
    return s + 1;
  }

  /**
   * How many of every {@link #totalBudget()} trials go to bracket {@code b}: {@code ceil(n * eta^s
   * / (s + 1))} with {@code n} brackets and {@code s = n - 1 - b}.
   */
  public long budget(int bracket) {
    int n = count();
    if (bracket < 0 || bracket >= n) {
      throw new IllegalArgumentException("bracket must be in [0, " + (n - 1) + "], got " + bracket);
    }
    int s = n - 1 - bracket;
    long power = 1;
    for (int i = 0; i < s; i++) {
      power *= reductionFactor;
    }
    long numerator = n * power;
    return (numerator + s) / (s + 1);
  }

  /** The sum of all brackets' budgets. */
  public long totalBudget() {
    long total = 0;
    for (int b = 0; b < count(); b++) {
      total += budget(b);
    }
    return total;
  }

  /** The rung schedule of bracket {@code b}. */
  public RungSchedule schedule(int bracket) {
    return new RungSchedule(minResource, reductionFactor, bracket);
  }

  /**
   * The bracket of trial {@code number} of study {@code study}: a stable hash of both, modulo the
   * total budget, walked through the brackets' cumulative budgets. The same in every JVM.
   */
  public int bracketOf(String study, int number) {
    long slot = Math.floorMod(Seeds.hash(study + "_" + number), totalBudget());
    for (int b = 0; b < count(); b++) {
      slot -= budget(b);
      if (slot < 0) {
        return b;
      }
    }
    throw new AssertionError("slot beyond the total budget");
  }
}
