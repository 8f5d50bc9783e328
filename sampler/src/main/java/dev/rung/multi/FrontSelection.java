package dev.rung.multi;

import dev.rung.study.Direction;
import dev.rung.study.FrozenTrial;
import java.io.Serializable;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Which member of a Pareto front to use when one model is needed (the one a sweep exports). Every
 * rule reads the objectives in the study's directions and is deterministic: ties go to the lower
 * trial number.
 *
 * <ul>
 *   <li>{@link Knee}: the member closest to the ideal point once each objective is scaled to [0, 1]
 *       over the front (0 = the front's best value of that objective): the balanced compromise.
 *   <li>{@link Weights}: the member with the smallest weighted sum of the scaled objectives.
 *   <li>{@link Threshold}: among the members whose objective {@code bounded} is within a bound, the
 *       best by objective {@code best}; none within it: the knee.
 * </ul>
 */
public sealed interface FrontSelection extends Serializable {

  /** The member closest to the ideal point of the scaled objectives. */
  record Knee() implements FrontSelection {
    @Override
    public String toString() {
      return "knee";
    }
  }

  /**
   * The member with the smallest weighted sum of scaled objectives.
   *
   * @param weights one per objective, at least 0, not all 0
   */
  record Weights(List<Double> weights) implements FrontSelection {
    public Weights {
      weights = List.copyOf(weights);
      double sum = 0;
      for (double w : weights) {
        if (!(w >= 0) || Double.isInfinite(w)) {
          throw new IllegalArgumentException("weight " + w + " must be a finite number >= 0");
        }
        sum += w;
      }
      if (sum == 0) {
        throw new IllegalArgumentException("weights " + weights + " are all 0: give one > 0");
      }
    }

    @Override
    public String toString() {
      return "weights " + weights;
    }
  }

  /**
   * Among the members whose objective {@code bounded} is at most (or at least) {@code bound}, the
   * best by objective {@code best}.
   *
   * @param bounded the index of the bounded objective
   * @param bound the bound on it
   * @param best the index of the objective to optimize among those within the bound
   * @param text how the rule was written, for messages
   */
  record Threshold(int bounded, Bound bound, int best, String text) implements FrontSelection {
    @Override
    public String toString() {
      return text;
    }
  }

  /** What {@link #select} chose, and why when the rule could not apply as written. */
  record Choice(FrozenTrial trial, String note) {}

  /**
   * The member of {@code front} this rule selects.
   *
   * @param front COMPLETE trials with one value per direction (a Pareto front, or any set)
   * @throws IllegalArgumentException when the front is empty or a rule does not fit the objectives
   */
  default Choice select(List<FrozenTrial> front, List<Direction> directions) {
    if (front.isEmpty()) {
      throw new IllegalArgumentException("the front is empty: there is nothing to select");
    }
    int m = directions.size();
    double[][] scaled = scaled(front, directions);
    if (this instanceof Threshold t) {
      if (t.bounded() >= m || t.best() >= m) {
        throw new IllegalArgumentException(
            "rule '" + t + "' names objective " + Math.max(t.bounded(), t.best()) + " of " + m);
      }
      FrozenTrial chosen = null;
      for (FrozenTrial f : front) {
        double v = f.values().get(t.bounded());
        if (t.bound().holds(v)
            && (chosen == null
                || directions
                    .get(t.best())
                    .better(f.values().get(t.best()), chosen.values().get(t.best())))) {
          chosen = f;
        }
      }
      if (chosen != null) {
        return new Choice(chosen, null);
      }
      return new Choice(
          best(front, scaled, new double[0]),
          "no member of the front has " + t.text().split(" then ")[0] + ": exported the knee");
    }
    double[] weights = new double[0];
    if (this instanceof Weights w) {
      if (w.weights().size() != m) {
        throw new IllegalArgumentException(
            "weights "
                + w.weights()
                + " give "
                + w.weights().size()
                + " weights for "
                + m
                + " objectives");
      }
      weights = w.weights().stream().mapToDouble(Double::doubleValue).toArray();
    }
    return new Choice(best(front, scaled, weights), null);
  }

  /**
   * The member with the smallest score: the distance to the origin of the scaled objectives without
   * weights, else their weighted sum.
   */
  private static FrozenTrial best(List<FrozenTrial> front, double[][] scaled, double[] weights) {
    int chosen = -1;
    double score = Double.POSITIVE_INFINITY;
    for (int i = 0; i < front.size(); i++) {
      double s = 0;
      for (int k = 0; k < scaled[i].length; k++) {
        s += weights.length == 0 ? scaled[i][k] * scaled[i][k] : weights[k] * scaled[i][k];
      }
      if (s < score
          || (s == score && chosen >= 0 && front.get(i).number() < front.get(chosen).number())) {
        chosen = i;
        score = s;
      }
    }
    return front.get(chosen);
  }

  /** Each member's minimized objectives scaled to [0, 1] over the front (0 where all agree). */
  private static double[][] scaled(List<FrozenTrial> front, List<Direction> directions) {
    int n = front.size();
    int m = directions.size();
    double[][] out = new double[n][m];
    for (int k = 0; k < m; k++) {
      double lo = Double.POSITIVE_INFINITY;
      double hi = Double.NEGATIVE_INFINITY;
      for (int i = 0; i < n; i++) {
        out[i][k] = directions.get(k).toMinimized(front.get(i).values().get(k));
        lo = Math.min(lo, out[i][k]);
        hi = Math.max(hi, out[i][k]);
      }
      for (int i = 0; i < n; i++) {
        out[i][k] = hi > lo ? (out[i][k] - lo) / (hi - lo) : 0;
      }
    }
    return out;
  }

  /**
   * Parses a rule: {@code knee}, {@code weights} (with {@code weights}), or {@code <metric> <=
   * <number> then best <metric>} (or {@code >=}) over the study's {@code metrics}.
   *
   * @throws IllegalArgumentException saying what is wrong and what is allowed
   */
  static FrontSelection parse(String text, List<Double> weights, List<String> metrics) {
    String t = text.trim();
    if (t.equalsIgnoreCase("knee")) {
      if (!weights.isEmpty()) {
        throw new IllegalArgumentException(
            "weights " + weights + " are given, but the rule is knee, which uses none");
      }
      return new Knee();
    }
    if (t.equalsIgnoreCase("weights")) {
      if (weights.size() != metrics.size()) {
        throw new IllegalArgumentException(
            "the rule weights needs one weight per metric " + metrics + ", got " + weights);
      }
      return new Weights(weights);
    }
    Matcher r = Pattern.compile("(.+?)\\s+then\\s+best\\s+([A-Za-z][A-Za-z0-9_]*)\\s*").matcher(t);
    if (!r.matches()) {
      throw new IllegalArgumentException(
          "'"
              + text
              + "' is not a rule: expected knee, weights, or '<metric> <= <number> then best"
              + " <metric>' (or >=), e.g. 'latency_ms <= 5 then best val_accuracy'");
    }
    Bound bound = Bound.parse(r.group(1));
    for (String name : List.of(bound.metric(), r.group(2))) {
      if (!metrics.contains(name)) {
        throw new IllegalArgumentException(
            "'"
                + text
                + "' names '"
                + name
                + "', which is not one of the study's metrics "
                + metrics);
      }
    }
    if (!weights.isEmpty()) {
      throw new IllegalArgumentException(
          "weights " + weights + " are given, but the rule '" + text + "' uses none");
    }
    return new Threshold(
        metrics.indexOf(bound.metric()),
        bound,
        metrics.indexOf(r.group(2)),
        t.replaceAll("\\s+", " "));
  }
}
