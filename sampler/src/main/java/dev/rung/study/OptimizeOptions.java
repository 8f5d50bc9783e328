package dev.rung.study;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * How {@link Study#optimize} runs: how many trials (in total over all workers), for how long, on
 * how many threads, which exceptions fail only their trial, and what to call after each trial.
 *
 * @param trials the number of trials to run, or 0 for no limit (then a timeout is needed)
 * @param timeout no new trial starts after this much time; null for no limit
 * @param workers parallel threads, at least 1
 * @param catches exception types that fail only their trial; any other exception fails the trial
 *     and then stops the study
 * @param callbacks called after each trial
 */
public record OptimizeOptions(
    int trials,
    Duration timeout,
    int workers,
    List<Class<? extends Throwable>> catches,
    List<StudyCallback> callbacks) {

  public OptimizeOptions {
    if (trials < 0) {
      throw new IllegalArgumentException("trials must be >= 0 (0 = no limit), got " + trials);
    }
    if (timeout != null && (timeout.isNegative() || timeout.isZero())) {
      throw new IllegalArgumentException("timeout must be positive, got " + timeout);
    }
    if (workers < 1) {
      throw new IllegalArgumentException("workers must be >= 1, got " + workers);
    }
    if (trials == 0 && timeout == null) {
      throw new IllegalArgumentException(
          "give a number of trials, a timeout or both: without either the study would run forever");
    }
    catches = List.copyOf(catches);
    callbacks = List.copyOf(callbacks);
  }

  /** Run {@code n} trials on one thread. */
  public static OptimizeOptions trials(int n) {
    return new OptimizeOptions(n, null, 1, List.of(), List.of());
  }

  /** Run trials on one thread until {@code timeout} has passed. */
  public static OptimizeOptions timeout(Duration timeout) {
    return new OptimizeOptions(0, timeout, 1, List.of(), List.of());
  }

  public OptimizeOptions withTimeout(Duration t) {
    return new OptimizeOptions(trials, t, workers, catches, callbacks);
  }

  public OptimizeOptions withWorkers(int n) {
    return new OptimizeOptions(trials, timeout, n, catches, callbacks);
  }

  /** Exceptions of these types (and subtypes) fail only their trial. */
  @SafeVarargs
  public final OptimizeOptions catching(Class<? extends Throwable>... types) {
    List<Class<? extends Throwable>> c = new ArrayList<>(catches);
    c.addAll(List.of(types));
    return new OptimizeOptions(trials, timeout, workers, c, callbacks);
  }

  public OptimizeOptions withCallback(StudyCallback callback) {
    List<StudyCallback> c = new ArrayList<>(callbacks);
    c.add(callback);
    return new OptimizeOptions(trials, timeout, workers, catches, c);
  }

  /** The trial and time limits as the {@link Budget} rule reads them. */
  public Budget budget() {
    return new Budget(trials, 0, timeout == null ? 0 : Math.max(1, timeout.toMillis()));
  }

  boolean catches(Throwable t) {
    for (Class<? extends Throwable> c : catches) {
      if (c.isInstance(t)) {
        return true;
      }
    }
    return false;
  }
}
