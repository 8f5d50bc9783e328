package dev.rung.job.tables;

import dev.rung.study.TrialState;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One row of the trials table: the current state of one trial.
 *
 * @param study the study's name
 * @param number the trial's number, from 0
 * @param state the trial's state
 * @param values the objective values (one per direction); empty while unknown
 * @param params the parameter values by name: Double, Integer, Long, String or Boolean; a parameter
 *     the trial did not suggest is absent (stored as null)
 * @param bracket the Hyperband bracket, or null when the sweep has none
 * @param rung the highest rung the trial reached (0 before its first rung)
 * @param epochsTrained the number of epochs trained so far
 * @param start when the trial started, or null while waiting
 * @param end when the trial finished, or null while unfinished
 * @param durationMs the trial's running time in milliseconds, or null while unknown
 * @param seed the trial's random seed
 * @param userAttrs attributes set by the user
 * @param failReason why a FAIL trial failed, or null
 * @param provenance where the row came from
 * @param rankedRungs the rung steps at which the trial was promoted for its ranking, comma
 *     separated ("3,9"; {@code RungAttrs.RANKED}), or null when none was or the sweep has no rungs
 * @param rungObjectives in a multi-objective sweep with rungs, the trial's objectives at each rung
 *     step it reached, as {@code step:v1,v2;...} ({@code RungAttrs.OBJECTIVES}), or null
 * @param constraints the trial's constraint values (positive when violated), one per constraint of
 *     the sweep; empty when it has none or the trial has not reported the metrics yet
 */
public record TrialRow(
    String study,
    int number,
    TrialState state,
    List<Double> values,
    Map<String, Object> params,
    Integer bracket,
    int rung,
    int epochsTrained,
    Instant start,
    Instant end,
    Long durationMs,
    long seed,
    Map<String, String> userAttrs,
    String failReason,
    Provenance provenance,
    String rankedRungs,
    String rungObjectives,
    List<Double> constraints) {

  /** Validates the row and freezes its collections. */
  public TrialRow {
    Rows.requireText("study", study);
    Rows.requireNonNegative("trial number", number);
    Objects.requireNonNull(state, "state of trial " + number);
    values = List.copyOf(values);
    params = Collections.unmodifiableMap(new LinkedHashMap<>(params));
    params.forEach((k, v) -> requireParamValue(number, k, v));
    if (bracket != null) {
      Rows.requireNonNegative("bracket of trial " + number, bracket);
    }
    Rows.requireNonNegative("rung of trial " + number, rung);
    Rows.requireNonNegative("epochs trained of trial " + number, epochsTrained);
    Rows.requireOrdered("trial " + number, start, end);
    if (durationMs != null) {
      Rows.requireNonNegative("duration of trial " + number, durationMs);
    }
    userAttrs = Collections.unmodifiableMap(new LinkedHashMap<>(userAttrs));
    constraints = constraints == null ? List.of() : List.copyOf(constraints);
    userAttrs.forEach((k, v) -> Objects.requireNonNull(k, "user attribute key of trial " + number));
    Objects.requireNonNull(provenance, "provenance of trial " + number);
    if (state == TrialState.COMPLETE && values.isEmpty()) {
      throw new IllegalArgumentException("trial " + number + " is COMPLETE but has no value");
    }
    if (rankedRungs != null && !rankedRungs.matches("[0-9]+(,[0-9]+)*")) {
      throw new IllegalArgumentException(
          "trial "
              + number
              + " has ranked_rungs '"
              + rankedRungs
              + "': expected rung steps separated by commas, such as 3,9");
    }
  }

  /** A row of a trial that was never promoted for its ranking at a rung. */
  public TrialRow(
      String study,
      int number,
      TrialState state,
      List<Double> values,
      Map<String, Object> params,
      Integer bracket,
      int rung,
      int epochsTrained,
      Instant start,
      Instant end,
      Long durationMs,
      long seed,
      Map<String, String> userAttrs,
      String failReason,
      Provenance provenance) {
    this(
        study,
        number,
        state,
        values,
        params,
        bracket,
        rung,
        epochsTrained,
        start,
        end,
        durationMs,
        seed,
        userAttrs,
        failReason,
        provenance,
        null,
        null,
        List.of());
  }

  /**
   * Whether every constraint value is satisfied (at most 0; NaN is a violation), or there is none.
   */
  public boolean feasible() {
    for (double c : constraints) {
      if (!(c <= 0)) {
        return false;
      }
    }
    return true;
  }

  /** The single objective value, or null when the trial has none or several. */
  public Double value() {
    return values.size() == 1 ? values.get(0) : null;
  }

  private static void requireParamValue(int number, String name, Object v) {
    Objects.requireNonNull(name, "parameter name of trial " + number);
    if (!(v instanceof Double
        || v instanceof Integer
        || v instanceof Long
        || v instanceof String
        || v instanceof Boolean)) {
      throw new IllegalArgumentException(
          "trial "
              + number
              + " parameter '"
              + name
              + "' has value "
              + v
              + (v == null ? "" : " of type " + v.getClass().getSimpleName())
              + ": allowed are Double, Integer, Long, String and Boolean (leave out an unset"
              + " parameter)");
    }
  }
}
