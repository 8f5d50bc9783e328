package dev.rung.bench.fidelity;

import dev.rung.distributions.CategoricalDistribution;
import dev.rung.distributions.Distribution;
import dev.rung.distributions.FloatDistribution;
import dev.rung.study.Direction;
import dev.rung.study.Study;
import dev.rung.study.Trial;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.WeakHashMap;

/**
 * Replays recorded curves (a {@link CurveTable}): the search space has one dimension per parameter
 * column (a numeric column becomes a float range, on a log scale when all values are positive and
 * span at least two decades; a text column a categorical), and a suggested point replays the curve
 * of the nearest recorded configuration (numeric distance scaled by the range, 1 per differing
 * category; ties to the first). A metric to maximize (accuracy) is negated so that every curve is
 * minimized.
 *
 * <p>By default each study replays a recorded configuration at most once: a suggestion maps to the
 * nearest configuration the study has not used yet (all of them once every one is used). A recorded
 * curve is one training run with one seed; replaying it again for a suggestion near an earlier one
 * would hand the sampler the very same curve, noise included, and reward re-suggesting a lucky
 * configuration, which no real training does. {@code withRepeats} keeps the plain nearest mapping.
 */
public final class TableReplay implements CurveProblem {
  private final String name;
  private final CurveTable table;
  private final Direction direction;
  private final List<Distribution> space = new ArrayList<>();
  private final boolean repeats;

  /** Configurations used per study (studies are compared by identity, and dropped with them). */
  private final Map<Study, BitSet> used = new WeakHashMap<>();

  /** A replay in which each study uses a recorded configuration at most once. */
  public TableReplay(String name, CurveTable table, Direction direction) {
    this(name, table, direction, false);
  }

  /** A replay; {@code repeats}: a suggestion maps to the nearest configuration, used or not. */
  public TableReplay(String name, CurveTable table, Direction direction, boolean repeats) {
    this.repeats = repeats;
    this.name = name;
    this.table = table;
    this.direction = direction;
    for (int p = 0; p < table.params().size(); p++) {
      space.add(distribution(p));
    }
  }

  private Distribution distribution(int p) {
    Set<Object> seen = new LinkedHashSet<>();
    boolean numeric = true;
    double min = Double.POSITIVE_INFINITY;
    double max = Double.NEGATIVE_INFINITY;
    for (List<Object> v : table.values()) {
      Object x = v.get(p);
      seen.add(x);
      if (x instanceof Double d) {
        min = Math.min(min, d);
        max = Math.max(max, d);
      } else {
        numeric = false;
      }
    }
    if (!numeric) {
      List<Object> choices = new ArrayList<>();
      for (Object x : seen) {
        choices.add(x.toString());
      }
      return new CategoricalDistribution(choices);
    }
    boolean log = min > 0 && max / min >= 100;
    return new FloatDistribution(min, max, log, 0);
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public int maxEpochs() {
    return table.maxEpochs();
  }

  @Override
  public Curve define(Trial trial, long seed) {
    List<Object> point = new ArrayList<>();
    for (int p = 0; p < space.size(); p++) {
      point.add(trial.suggest(table.params().get(p), space.get(p)));
    }
    int c;
    if (repeats) {
      c = nearest(point, null);
    } else {
      synchronized (used) {
        BitSet taken = used.computeIfAbsent(trial.study(), k -> new BitSet());
        if (taken.cardinality() == table.configs().size()) {
          taken.clear();
        }
        c = nearest(point, taken);
        taken.set(c);
      }
    }
    double[] curve = table.curves().get(c);
    double sign = direction == Direction.MAXIMIZE ? -1 : 1;
    return epoch -> sign * curve[epoch - 1];
  }

  /** The index of the recorded configuration nearest to {@code point}. */
  int nearest(List<Object> point) {
    return nearest(point, null);
  }

  /** The search space: one distribution per parameter column, in column order. */
  public List<Distribution> space() {
    return List.copyOf(space);
  }

  /** The recorded curves. */
  public CurveTable table() {
    return table;
  }

  /**
   * The index of the configuration nearest to {@code point} (values in column order) that is not in
   * {@code skip} (null: any).
   */
  public int nearest(List<Object> point, BitSet skip) {
    int best = -1;
    double bestDistance = Double.POSITIVE_INFINITY;
    for (int c = 0; c < table.configs().size(); c++) {
      if (skip != null && skip.get(c)) {
        continue;
      }
      double d = 0;
      for (int p = 0; p < space.size(); p++) {
        d += distance(p, point.get(p), table.values().get(c).get(p));
      }
      if (best < 0 || d < bestDistance) {
        bestDistance = d;
        best = c;
      }
    }
    return best;
  }

  private double distance(int p, Object a, Object b) {
    if (space.get(p) instanceof FloatDistribution f) {
      double x = ((Number) a).doubleValue();
      double y = ((Number) b).doubleValue();
      if (f.low() == f.high()) {
        return 0;
      }
      double d =
          f.log()
              ? (Math.log(x) - Math.log(y)) / (Math.log(f.high()) - Math.log(f.low()))
              : (x - y) / (f.high() - f.low());
      return d * d;
    }
    return a.toString().equals(b.toString()) ? 0 : 1;
  }
}
