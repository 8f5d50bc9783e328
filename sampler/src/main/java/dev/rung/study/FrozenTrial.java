package dev.rung.study;

import dev.rung.distributions.Distribution;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Objects;
import java.util.OptionalInt;
import java.util.TreeMap;

/**
 * An immutable snapshot of a trial: what samplers, pruners, storages and users read.
 *
 * @param number the trial's number in its study, dense from 0
 * @param state the trial's state
 * @param values the objective values (one per direction) of a COMPLETE trial; for a PRUNED trial
 *     its last intermediate value when that is a number; otherwise empty
 * @param params the parameter values, in the order they were suggested
 * @param distributions the distribution of each parameter, same keys as {@code params}
 * @param intermediateValues values reported during the trial, by step
 * @param userAttrs attributes set by the user
 * @param systemAttrs attributes set by Rung (fixed parameters of enqueued trials, brackets, ...)
 * @param constraints constraint values (a value &gt; 0 is a violation); empty when none reported
 * @param start when the trial started running, or null
 * @param complete when the trial finished, or null
 * @param failReason why a FAIL trial failed, or null
 * @apiNote A trial in a finished state never changes again; updates create a new snapshot.
 */
public record FrozenTrial(
    int number,
    TrialState state,
    List<Double> values,
    Map<String, Object> params,
    Map<String, Distribution> distributions,
    NavigableMap<Integer, Double> intermediateValues,
    Map<String, Object> userAttrs,
    Map<String, Object> systemAttrs,
    List<Double> constraints,
    Instant start,
    Instant complete,
    String failReason) {

  /** Validates consistency and freezes every collection. */
  public FrozenTrial {
    if (number < 0) {
      throw new IllegalArgumentException("trial number must be >= 0, got " + number);
    }
    Objects.requireNonNull(state, "state");
    if (!COPYING.get()) {
      values = List.copyOf(values);
      params = frozen(params);
      distributions = frozen(distributions);
      intermediateValues = Collections.unmodifiableNavigableMap(new TreeMap<>(intermediateValues));
      userAttrs = frozen(userAttrs);
      systemAttrs = frozen(systemAttrs);
      constraints = List.copyOf(constraints);
    }
    if (!params.keySet().equals(distributions.keySet())) {
      throw new IllegalArgumentException(
          "trial "
              + number
              + ": parameters "
              + params.keySet()
              + " and distributions "
              + distributions.keySet()
              + " must name the same parameters");
    }
    if (state == TrialState.COMPLETE && values.isEmpty()) {
      throw new IllegalArgumentException("trial " + number + " is COMPLETE but has no value");
    }
  }

  /**
   * Set while a copy is built from collections that are already frozen (this record's own, or ones
   * frozen by the copy method): the constructor then keeps them instead of copying them again.
   * Studies, storages and pruners' views copy trials constantly; the copies cost O(1) this way.
   */
  private static final ThreadLocal<Boolean> COPYING = ThreadLocal.withInitial(() -> false);

  private static <K, V> Map<K, V> frozen(Map<K, V> map) {
    return Collections.unmodifiableMap(new LinkedHashMap<>(map));
  }

  /** A new trial in the given state with no parameters yet. */
  public static FrozenTrial create(int number, TrialState state, Instant start) {
    return new FrozenTrial(
        number,
        state,
        List.of(),
        Map.of(),
        Map.of(),
        new TreeMap<>(),
        Map.of(),
        Map.of(),
        List.of(),
        start,
        null,
        null);
  }

  /** The single objective value. */
  public double value() {
    if (values.size() != 1) {
      throw new IllegalStateException(
          "trial " + number + " has " + values.size() + " values; value() needs exactly one");
    }
    return values.get(0);
  }

  /** Whether the trial has parameter {@code name}. */
  public boolean hasParam(String name) {
    return params.containsKey(name);
  }

  /** The internal representation of parameter {@code name} (see {@link Distribution}). */
  public double internal(String name) {
    return distributions.get(name).toInternal(params.get(name));
  }

  /** The last step with an intermediate value, if any. */
  public OptionalInt lastStep() {
    return intermediateValues.isEmpty()
        ? OptionalInt.empty()
        : OptionalInt.of(intermediateValues.lastKey());
  }

  /** The value at the last reported step, or NaN when none was reported. */
  public double lastIntermediateValue() {
    return intermediateValues.isEmpty() ? Double.NaN : intermediateValues.lastEntry().getValue();
  }

  /** Whether the trial reported constraints and all are satisfied (&lt;= 0), or reported none. */
  public boolean isFeasible() {
    for (double c : constraints) {
      if (c > 0 || Double.isNaN(c)) {
        return false;
      }
    }
    return true;
  }

  /** Total constraint violation: the sum of positive constraint values. */
  public double violation() {
    double sum = 0;
    for (double c : constraints) {
      sum += Double.isNaN(c) ? Double.POSITIVE_INFINITY : Math.max(0, c);
    }
    return sum;
  }

  /** Wall time between start and completion in milliseconds, or -1 when either is missing. */
  public long durationMillis() {
    return start == null || complete == null ? -1 : complete.toEpochMilli() - start.toEpochMilli();
  }

  // ---- copies with one field changed (used by studies, storages and pruners' views) ----

  /** A copy with the given fields, every collection already frozen. */
  private FrozenTrial copy(
      int n,
      TrialState s,
      List<Double> v,
      Map<String, Object> p,
      Map<String, Distribution> d,
      NavigableMap<Integer, Double> iv,
      Map<String, Object> u,
      Map<String, Object> sys,
      List<Double> c,
      Instant started,
      Instant ended,
      String reason) {
    COPYING.set(true);
    try {
      return new FrozenTrial(n, s, v, p, d, iv, u, sys, c, started, ended, reason);
    } finally {
      COPYING.set(false);
    }
  }

  public FrozenTrial withNumber(int n) {
    return copy(
        n,
        state,
        values,
        params,
        distributions,
        intermediateValues,
        userAttrs,
        systemAttrs,
        constraints,
        start,
        complete,
        failReason);
  }

  public FrozenTrial withState(TrialState s) {
    return copy(
        number,
        s,
        values,
        params,
        distributions,
        intermediateValues,
        userAttrs,
        systemAttrs,
        constraints,
        start,
        complete,
        failReason);
  }

  public FrozenTrial withStart(Instant t) {
    return copy(
        number,
        state,
        values,
        params,
        distributions,
        intermediateValues,
        userAttrs,
        systemAttrs,
        constraints,
        t,
        complete,
        failReason);
  }

  public FrozenTrial withParam(String name, Object value, Distribution distribution) {
    Map<String, Object> p = new LinkedHashMap<>(params);
    p.put(name, value);
    Map<String, Distribution> d = new LinkedHashMap<>(distributions);
    d.put(name, distribution);
    return copy(
        number,
        state,
        values,
        frozen(p),
        frozen(d),
        intermediateValues,
        userAttrs,
        systemAttrs,
        constraints,
        start,
        complete,
        failReason);
  }

  public FrozenTrial withIntermediate(int step, double value) {
    TreeMap<Integer, Double> iv = new TreeMap<>(intermediateValues);
    iv.put(step, value);
    return copy(
        number,
        state,
        values,
        params,
        distributions,
        Collections.unmodifiableNavigableMap(iv),
        userAttrs,
        systemAttrs,
        constraints,
        start,
        complete,
        failReason);
  }

  public FrozenTrial withUserAttr(String key, Object value) {
    Map<String, Object> u = new LinkedHashMap<>(userAttrs);
    u.put(key, value);
    return copy(
        number,
        state,
        values,
        params,
        distributions,
        intermediateValues,
        frozen(u),
        systemAttrs,
        constraints,
        start,
        complete,
        failReason);
  }

  public FrozenTrial withSystemAttr(String key, Object value) {
    Map<String, Object> s = new LinkedHashMap<>(systemAttrs);
    s.put(key, value);
    return copy(
        number,
        state,
        values,
        params,
        distributions,
        intermediateValues,
        userAttrs,
        frozen(s),
        constraints,
        start,
        complete,
        failReason);
  }

  public FrozenTrial withConstraints(List<Double> c) {
    return copy(
        number,
        state,
        values,
        params,
        distributions,
        intermediateValues,
        userAttrs,
        systemAttrs,
        List.copyOf(c),
        start,
        complete,
        failReason);
  }

  /** This trial finished in {@code s} at {@code end}, with values and an optional fail reason. */
  public FrozenTrial finish(TrialState s, List<Double> v, Instant end, String reason) {
    return copy(
        number,
        s,
        List.copyOf(v),
        params,
        distributions,
        intermediateValues,
        userAttrs,
        systemAttrs,
        constraints,
        start,
        end,
        reason);
  }
}
