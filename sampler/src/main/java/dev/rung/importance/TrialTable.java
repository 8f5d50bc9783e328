package dev.rung.importance;

import dev.rung.distributions.CategoricalDistribution;
import dev.rung.distributions.Distribution;
import dev.rung.distributions.FloatDistribution;
import dev.rung.distributions.IntDistribution;
import dev.rung.study.FrozenTrial;
import dev.rung.study.TrialState;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/**
 * The usable trials of an importance evaluation as columns: the COMPLETE trials with a finite
 * target, each parameter's values in internal form ({@code NaN} where a trial lacks it) and one
 * distribution per parameter that covers every trial's.
 */
final class TrialTable {
  final List<FrozenTrial> trials;
  final double[] target;
  final List<String> names;
  final Distribution[] distributions;

  /** {@code columns[p][i]}: parameter p of trial i in internal form, NaN when absent. */
  final double[][] columns;

  private TrialTable(
      List<FrozenTrial> trials,
      double[] target,
      List<String> names,
      Distribution[] distributions,
      double[][] columns) {
    this.trials = trials;
    this.target = target;
    this.names = names;
    this.distributions = distributions;
    this.columns = columns;
  }

  /**
   * The usable trials of {@code all}, with the target read by {@code target}.
   *
   * @throws IllegalArgumentException with fewer than 2 usable trials, without parameters, when
   *     every parameter has a single possible value, or when a parameter's distributions differ in
   *     kind or choices between trials
   */
  static TrialTable of(List<FrozenTrial> all, ToDoubleFunction<FrozenTrial> target) {
    List<FrozenTrial> usable = new ArrayList<>();
    List<Double> values = new ArrayList<>();
    for (FrozenTrial t : all) {
      if (t.state() == TrialState.COMPLETE) {
        double v = target.applyAsDouble(t);
        if (Double.isFinite(v)) {
          usable.add(t);
          values.add(v);
        }
      }
    }
    if (usable.size() < 2) {
      throw new IllegalArgumentException(
          "parameter importance needs at least 2 COMPLETE trials with a finite target value, got "
              + usable.size()
              + " among "
              + all.size()
              + " trials");
    }
    Map<String, Distribution> merged = new LinkedHashMap<>();
    for (FrozenTrial t : usable) {
      t.distributions().forEach((name, d) -> merged.merge(name, d, (a, b) -> cover(name, a, b)));
    }
    if (merged.isEmpty()) {
      throw new IllegalArgumentException(
          "parameter importance needs parameters: the "
              + usable.size()
              + " usable trials have none");
    }
    if (merged.values().stream().allMatch(Distribution::isSingle)) {
      throw new IllegalArgumentException(
          "parameter importance needs a parameter that can vary: every parameter of "
              + merged.keySet()
              + " has a single possible value");
    }
    List<String> names = List.copyOf(merged.keySet());
    Distribution[] dists = merged.values().toArray(new Distribution[0]);
    double[][] columns = new double[names.size()][usable.size()];
    for (int p = 0; p < names.size(); p++) {
      String name = names.get(p);
      for (int i = 0; i < usable.size(); i++) {
        FrozenTrial t = usable.get(i);
        columns[p][i] = t.hasParam(name) ? dists[p].toInternal(t.params().get(name)) : Double.NaN;
      }
    }
    double[] y = values.stream().mapToDouble(Double::doubleValue).toArray();
    return new TrialTable(List.copyOf(usable), y, names, dists, columns);
  }

  int size() {
    return target.length;
  }

  /** Whether parameter {@code p} has more than one possible value. */
  boolean[] varies() {
    boolean[] v = new boolean[distributions.length];
    for (int p = 0; p < v.length; p++) {
      v[p] = !distributions[p].isSingle();
    }
    return v;
  }

  /** One distribution covering {@code a} and {@code b}: numeric ranges are widened to both. */
  private static Distribution cover(String name, Distribution a, Distribution b) {
    if (a.equals(b)) {
      return a;
    }
    if (!a.compatibleWith(b)) {
      throw new IllegalArgumentException(
          "parameter '"
              + name
              + "' is "
              + a.describe()
              + " in one trial and "
              + b.describe()
              + " in another: its trials must share the kind, scale and choices");
    }
    if (a instanceof FloatDistribution f && b instanceof FloatDistribution g) {
      double step = f.step() == g.step() ? f.step() : 0;
      return new FloatDistribution(
          Math.min(f.low(), g.low()), Math.max(f.high(), g.high()), f.log(), step);
    }
    if (a instanceof IntDistribution f && b instanceof IntDistribution g) {
      int step = f.step() == g.step() ? f.step() : 1;
      int low = Math.min(f.low(), g.low());
      int high = Math.max(f.high(), g.high());
      // Round high up onto the grid so that no observed value falls outside the range.
      high = low + (int) Math.ceil((double) (high - low) / step) * step;
      return new IntDistribution(low, high, f.log(), step);
    }
    return (CategoricalDistribution) a;
  }
}
