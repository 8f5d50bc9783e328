package dev.rung.job.optuna;

import dev.rung.distributions.Distribution;
import dev.rung.study.TrialState;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * One trial as Optuna's journal records it when it creates a finished (or running) trial at once.
 *
 * @param number the trial's number; trials are written in number order, from 0 without gaps
 * @param state the trial's state
 * @param values the objective values (empty when the trial has none)
 * @param params each suggested parameter's value, as the trials table holds it
 * @param distributions each suggested parameter's distribution; the same keys as {@code params}
 * @param intermediateValues the objective value after each step (epoch)
 * @param start when the trial started, or null
 * @param complete when the trial finished, or null while it has not
 * @param userAttrs the trial's user attributes
 * @param systemAttrs Rung's own facts about the trial (seed, bracket, ...): text or numbers
 */
public record JournalTrial(
    int number,
    TrialState state,
    List<Double> values,
    Map<String, Object> params,
    Map<String, Distribution> distributions,
    SortedMap<Integer, Double> intermediateValues,
    Instant start,
    Instant complete,
    Map<String, String> userAttrs,
    Map<String, Object> systemAttrs) {

  /** Checks that every parameter has a distribution that holds its value, and copies. */
  public JournalTrial {
    Objects.requireNonNull(state, "state");
    values = List.copyOf(values);
    params = Collections.unmodifiableMap(new LinkedHashMap<>(params));
    distributions = Collections.unmodifiableMap(new LinkedHashMap<>(distributions));
    if (!params.keySet().equals(distributions.keySet())) {
      throw new IllegalArgumentException(
          "trial "
              + number
              + " has parameters "
              + params.keySet()
              + " but distributions for "
              + distributions.keySet());
    }
    for (Map.Entry<String, Object> p : params.entrySet()) {
      Distribution d = distributions.get(p.getKey());
      double internal;
      try {
        internal = d.toInternal(p.getValue());
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(
            "trial " + number + " parameter '" + p.getKey() + "': " + e.getMessage(), e);
      }
      if (!d.contains(internal)) {
        throw new IllegalArgumentException(
            "trial "
                + number
                + " parameter '"
                + p.getKey()
                + "' is "
                + p.getValue()
                + ", outside its distribution "
                + d.describe());
      }
    }
    intermediateValues = Collections.unmodifiableSortedMap(new TreeMap<>(intermediateValues));
    userAttrs = Collections.unmodifiableMap(new LinkedHashMap<>(userAttrs));
    systemAttrs = Collections.unmodifiableMap(new LinkedHashMap<>(systemAttrs));
  }
}
