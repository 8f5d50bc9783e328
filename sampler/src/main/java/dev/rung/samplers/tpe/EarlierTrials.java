package dev.rung.samplers.tpe;

import dev.rung.distributions.Distribution;
import dev.rung.study.Direction;
import dev.rung.study.FrozenTrial;
import dev.rung.study.TrialState;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Trials of an earlier study that TPE learns from besides the study's own (a warm start): split
 * into a good group and the rest among themselves, so that values on another scale (another task,
 * another data set) do not crowd the study's own trials out of either group, and weighed {@code
 * weight} times as much as the study's own trials in each estimator.
 *
 * <p>Each value is re-expressed in the distribution the parameter has now; a value the current
 * distribution does not hold (outside a narrowed range, off a new step, a removed category, a
 * changed type) is missing, and so is a parameter the earlier trial lacks. A trial counts in a
 * space only when it has every parameter of it, as conditional parameters do.
 *
 * @apiNote Immutable after its first use; thread-safe.
 */
final class EarlierTrials {
  private final List<FrozenTrial> trials;
  private final double weight;
  private final boolean priorOnly;
  private volatile Split split;
  private final Map<List<Object>, Group> groups = new ConcurrentHashMap<>();

  private static final int MAX_GROUPS = 256;

  private record Split(List<ObservedTrial> observed, boolean[] below) {}

  /**
   * Observations of one group for one space.
   *
   * @param values {@code values[d][i]}
   * @param trials the trials, in order
   */
  record Group(double[][] values, ObservedTrial[] trials) {
    int size() {
      return trials.length;
    }
  }

  /**
   * @param trials the earlier trials; only COMPLETE and PRUNED ones are used
   * @param weight each earlier trial's weight relative to one of the study's own, in (0, 1]
   * @param priorOnly whether they are used only until the study's own start-up trials finished
   */
  EarlierTrials(List<FrozenTrial> trials, double weight, boolean priorOnly) {
    List<FrozenTrial> used = new ArrayList<>();
    for (FrozenTrial t : trials) {
      if (t.state() == TrialState.COMPLETE || t.state() == TrialState.PRUNED) {
        used.add(t);
      }
    }
    this.trials = List.copyOf(used);
    this.weight = weight;
    this.priorOnly = priorOnly;
  }

  int size() {
    return trials.size();
  }

  double weight() {
    return weight;
  }

  /** Whether they count for a suggestion when the study has {@code finished} trials of its own. */
  boolean active(int finished, int startupTrials) {
    return !trials.isEmpty() && (!priorOnly || finished < startupTrials);
  }

  /**
   * The observations of one group ({@link #prepare} first) in the space of {@code names} with
   * distributions {@code now}.
   */
  Group group(String[] names, Distribution[] now, boolean good) {
    List<Object> key = new ArrayList<>(Arrays.asList(names));
    key.addAll(Arrays.asList(now));
    key.add(good);
    Group g = groups.get(key);
    if (g == null) {
      if (groups.size() >= MAX_GROUPS) {
        groups.clear();
      }
      g = build(names, now, good, split);
      groups.put(List.copyOf(key), g);
    }
    return g;
  }

  /**
   * Splits the trials for a study with {@code directions} (once: a study keeps its directions and
   * its sampler's gamma).
   */
  void prepare(List<Direction> directions, GammaFunction gamma) {
    if (split == null) {
      Split s;
      List<ObservedTrial> observed = new ArrayList<>(trials.size());
      for (FrozenTrial t : trials) {
        observed.add(ObservedTrial.of(t, directions, new ParamLayout(t.distributions())));
      }
      boolean multi = directions.size() > 1;
      int nBelow = Math.max(0, Math.min(gamma.below(observed.size()), observed.size()));
      s = new Split(List.copyOf(observed), HistorySplit.below(observed, nBelow, multi));
      split = s;
    }
  }

  private static Group build(String[] names, Distribution[] now, boolean good, Split s) {
    List<double[]> rows = new ArrayList<>();
    List<ObservedTrial> members = new ArrayList<>();
    for (int i = 0; i < s.observed().size(); i++) {
      if (s.below()[i] != good) {
        continue;
      }
      double[] row = fitted(s.observed().get(i), names, now);
      if (row != null) {
        rows.add(row);
        members.add(s.observed().get(i));
      }
    }
    double[][] values = new double[names.length][rows.size()];
    for (int j = 0; j < rows.size(); j++) {
      for (int d = 0; d < names.length; d++) {
        values[d][j] = rows.get(j)[d];
      }
    }
    return new Group(values, members.toArray(ObservedTrial[]::new));
  }

  /**
   * The internal values of {@code t}'s parameters {@code names} under the distributions they have
   * now, or null when one is missing or outside its distribution now.
   */
  static double[] fitted(ObservedTrial t, String[] names, Distribution[] now) {
    ParamLayout layout = t.layout();
    double[] row = new double[names.length];
    for (int d = 0; d < names.length; d++) {
      int at = layout.indexOf(names[d]);
      if (at < 0) {
        return null;
      }
      Distribution then = layout.distributions().get(names[d]);
      double v = t.values()[at];
      if (!then.equals(now[d])) {
        try {
          v = now[d].toInternal(then.toExternal(v));
        } catch (RuntimeException e) {
          return null; // another type, or a category that no longer exists
        }
      }
      if (!now[d].contains(v)) {
        return null;
      }
      row[d] = v;
    }
    return row;
  }
}
