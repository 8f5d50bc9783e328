package dev.rung.job.driver;

/**
 * How long a sweep has left: the budget left (time, epochs or trials, whichever ends the sweep
 * first) over the rate of work measured in this run, from its first result on (before it, the
 * executors and the trials' JVMs start, which the rest of the sweep does not repeat). Earlier runs
 * of a resumed study count toward the budget used but not toward the rate, which may differ on
 * another cluster or with other load.
 *
 * <p>Time left by the time budget is exact. By the epoch budget it is the epochs left over the
 * epochs per millisecond this run trained. By the trial budget it is the epochs the trials still
 * need over the same rate: each trial not started yet is expected to train as many epochs as the
 * settled trials (finished, or waiting at a rung, where most stop) did on average, and each trial
 * training as many as the settled trials that got at least as far did. As fewer trials than slots
 * are left near the end, the longest of those, trained on one slot, bounds the time from below. A
 * waiting trial that is promoted later adds epochs this does not foresee.
 *
 * <p>Early in a run, before {@link #MIN_EPOCHS} epochs were trained after its first result (or
 * {@link #MIN_SETTLED} trials settled, for the trial budget), the rate is a guess: the estimate is
 * then "unknown", or "at most" the time budget left when there is one.
 */
public final class Eta {
  /** Epochs this run must have trained after its first result before its rate is used. */
  static final int MIN_EPOCHS = 3;

  /** Settled trials needed before their mean length is used. */
  static final int MIN_SETTLED = 3;

  private Eta() {}

  /**
   * An estimate of the time left.
   *
   * @param millis time left, -1 when unknown
   * @param atMost whether it is only an upper bound (the time budget left; the rate is unknown)
   */
  public record Estimate(long millis, boolean atMost) {
    static final Estimate UNKNOWN = new Estimate(-1, false);

    public boolean known() {
      return millis >= 0;
    }
  }

  /**
   * The work of a sweep so far.
   *
   * @param rateEpochs epochs trained in this run since its first result
   * @param rateMillis time since this run's first result (0 before it)
   * @param epochsDone epochs trained in all runs
   * @param spentMillis time counted against the time budget, in all runs
   * @param trialsCreated trials started so far, in all runs
   * @param settledEpochs the epochs of each trial not training: finished (complete, pruned,
   *     failed), or waiting at a rung, where most trials stop
   * @param trainingEpochs the epochs each trial with a segment in flight had before it
   * @param slots segments that train at once
   */
  public record Work(
      long rateEpochs,
      long rateMillis,
      long epochsDone,
      long spentMillis,
      int trialsCreated,
      int[] settledEpochs,
      int[] trainingEpochs,
      int slots) {}

  /** The time {@code w} has left under {@code policy}'s budget. */
  public static Estimate of(Work w, SweepPolicy policy) {
    long byTime = policy.maxMillis() > 0 ? Math.max(0, policy.maxMillis() - w.spentMillis()) : -1;
    boolean rateKnown = w.rateEpochs() >= MIN_EPOCHS && w.rateMillis() > 0;
    double rate = rateKnown ? (double) w.rateEpochs() / w.rateMillis() : Double.NaN;
    long best = byTime;
    boolean unknown = false;
    if (policy.maxEpochs() > 0) {
      if (rateKnown) {
        best = min(best, (long) (Math.max(0, policy.maxEpochs() - w.epochsDone()) / rate));
      } else {
        unknown = true;
      }
    }
    if (policy.maxTrials() > 0) {
      if (rateKnown && w.settledEpochs().length >= MIN_SETTLED) {
        best = min(best, byTrials(w, policy, rate));
      } else {
        unknown = true;
      }
    }
    if (unknown) {
      return byTime >= 0 ? new Estimate(byTime, true) : Estimate.UNKNOWN;
    }
    return best < 0 ? Estimate.UNKNOWN : new Estimate(best, false);
  }

  private static long byTrials(Work w, SweepPolicy policy, double rate) {
    int[] finished = w.settledEpochs();
    double mean = 0;
    for (int e : finished) {
      mean += e;
    }
    mean /= finished.length;
    double left = Math.max(0, policy.maxTrials() - w.trialsCreated()) * mean;
    double longest = 0;
    for (int e : w.trainingEpochs()) {
      double more = Math.max(0, expectedLength(finished, e, policy.maxResource()) - e);
      left += more;
      longest = Math.max(longest, more);
    }
    double perSlot = rate / Math.max(1, w.slots());
    return (long) Math.max(left / rate, longest / perSlot);
  }

  /** The mean length of the finished trials that trained at least {@code e} epochs. */
  static double expectedLength(int[] finished, int e, int maxResource) {
    double sum = 0;
    int n = 0;
    for (int f : finished) {
      if (f >= e) {
        sum += f;
        n++;
      }
    }
    return n > 0 ? sum / n : Math.max(e, maxResource);
  }

  private static long min(long a, long b) {
    return a < 0 ? b : b < 0 ? a : Math.min(a, b);
  }
}
