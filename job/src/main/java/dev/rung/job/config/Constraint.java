package dev.rung.job.config;

import dev.rung.multi.Bound;
import dev.rung.training.model.NetworkTrainer;
import java.io.Serializable;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * One constraint of {@code rung.study.constraints}, such as {@code latency_ms <= 5}: a metric the
 * trials report, kept at most ({@code <=}) or at least ({@code >=}) a bound. Its value for a trial
 * is what the library's constraints hold ({@code Trial.setConstraints}): the excess over the bound,
 * positive when violated, so infeasible trials never enter the Pareto front and TPE and NSGA-II
 * learn from the violation.
 *
 * @param metric the metric's name
 * @param atMost true for {@code <=}, false for {@code >=}
 * @param bound the bound
 */
public record Constraint(String metric, boolean atMost, double bound) implements Serializable {
  private static final long serialVersionUID = 1L;

  /**
   * Metrics that do not change with training: a violation on one of them after any epoch proves the
   * trial infeasible, so it stops at the rung where it is seen.
   */
  public static final Set<String> FIXED_BY_ARCHITECTURE = NetworkTrainer.ARCHITECTURE_METRICS;

  /**
   * Parses {@code <metric> <= <number>} or {@code <metric> >= <number>}.
   *
   * @throws IllegalArgumentException saying what is wrong and what is allowed
   */
  public static Constraint parse(String text) {
    Bound b = Bound.parse(text);
    return new Constraint(b.metric(), b.atMost(), b.bound());
  }

  /**
   * The constraint's value for a trial whose metric is {@code measured}: positive when violated.
   */
  public double value(double measured) {
    if (Double.isNaN(measured)) {
      return Double.POSITIVE_INFINITY;
    }
    return atMost ? measured - bound : bound - measured;
  }

  /** The value for the metrics {@code reported}, or null when the metric is not among them. */
  public Double valueIn(Map<String, Double> reported) {
    Double v = reported.get(metric);
    return v == null ? null : value(v);
  }

  /** Whether a violation proves the trial infeasible before it has trained to the end. */
  public boolean fixedByArchitecture() {
    return FIXED_BY_ARCHITECTURE.contains(metric);
  }

  @Override
  public String toString() {
    return metric + (atMost ? " <= " : " >= ") + String.format(Locale.ROOT, "%s", bound);
  }
}
