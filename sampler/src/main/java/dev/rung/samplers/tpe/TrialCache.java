package dev.rung.samplers.tpe;

import dev.rung.distributions.Distribution;
import dev.rung.distributions.FloatDistribution;
import dev.rung.study.FrozenTrial;
import dev.rung.study.History;
import dev.rung.study.TrialState;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Observations of finished trials, computed once and reused by every later suggestion (a finished
 * trial is immutable). Running trials are extracted afresh each time.
 *
 * @apiNote Thread-safe: entries are immutable and published through an array that is only grown
 *     under a lock; a racing reader at worst misses an entry and recomputes it.
 */
final class TrialCache {
  private final Map<Map<String, Distribution>, ParamLayout> layouts = new ConcurrentHashMap<>();
  private volatile ObservedTrial[] byNumber = new ObservedTrial[64];
  private volatile String study;

  /**
   * Stands for the distribution of a jointly sampled value a running trial has not suggested yet:
   * only presence matters for the observations of running trials (they never shape the space).
   */
  private static final Distribution RELATIVE = FloatDistribution.uniform(0, 0);

  /**
   * The observations TPE uses from {@code history}, by trial number: COMPLETE and PRUNED trials,
   * plus RUNNING ones other than {@code exclude} when {@code withRunning}; of those, the trials in
   * flight only when {@code withInFlight} (the trials a pruner's view marks as stopped below its
   * level always).
   */
  List<ObservedTrial> observe(
      History history,
      int exclude,
      boolean withRunning,
      boolean withInFlight,
      Map<Integer, Map<String, Double>> pending) {
    if (!history.studyName().equals(study)) {
      synchronized (this) {
        if (!history.studyName().equals(study)) {
          byNumber = new ObservedTrial[64];
          study = history.studyName();
        }
      }
    }
    List<FrozenTrial> trials = history.trials();
    List<ObservedTrial> out = new ArrayList<>(trials.size());
    for (FrozenTrial t : trials) {
      TrialState s = t.state();
      if (s == TrialState.COMPLETE || s == TrialState.PRUNED) {
        out.add(finished(t, history));
      } else if (s == TrialState.RUNNING
          && withRunning
          && t.number() != exclude
          && (withInFlight || ObservedTrial.stoppedBelowLevel(t))) {
        out.add(running(t, history, pending.get(t.number())));
      }
    }
    return out;
  }

  private ObservedTrial finished(FrozenTrial t, History history) {
    ObservedTrial[] table = byNumber;
    int n = t.number();
    if (n < table.length) {
      ObservedTrial hit = table[n];
      if (hit != null && (hit.source() == t || sameObservation(hit.source(), t))) {
        return hit;
      }
    }
    ObservedTrial fresh = ObservedTrial.of(t, history.directions(), layout(t.distributions()));
    store(fresh);
    return fresh;
  }

  /**
   * Whether two versions of the same trial give the same observation. A pruner's view of the
   * history may show a trial as another object, or with another state or value than before (e.g.
   * its value at a higher rung once that rung has enough trials), so identity alone is not enough
   * and the state alone would reuse a stale value.
   */
  private static boolean sameObservation(FrozenTrial a, FrozenTrial b) {
    return a.state() == b.state()
        && a.values().equals(b.values())
        && a.lastStep().equals(b.lastStep())
        && Double.compare(a.lastIntermediateValue(), b.lastIntermediateValue()) == 0
        && a.constraints().equals(b.constraints());
  }

  /** A running trial with the values it will use: suggested ones plus jointly sampled ones. */
  private ObservedTrial running(FrozenTrial t, History history, Map<String, Double> relative) {
    ObservedTrial o = ObservedTrial.of(t, history.directions(), layout(t.distributions()));
    if (relative == null || relative.isEmpty()) {
      return o;
    }
    Map<String, Distribution> dists = new HashMap<>(t.distributions());
    Map<String, Double> values = new HashMap<>(relative);
    for (String name : o.layout().names()) {
      values.put(name, o.values()[o.layout().indexOf(name)]);
    }
    for (String name : relative.keySet()) {
      dists.putIfAbsent(name, RELATIVE);
    }
    ParamLayout l = layout(dists);
    double[] v = new double[l.names().length];
    for (int i = 0; i < v.length; i++) {
      v[i] = values.get(l.names()[i]);
    }
    return new ObservedTrial(
        t, t.number(), t.state(), o.loss(), o.prunedStep(), o.prunedLoss(), o.violation(), l, v);
  }

  private synchronized void store(ObservedTrial o) {
    ObservedTrial[] table = byNumber;
    if (o.number() >= table.length) {
      table = Arrays.copyOf(table, Math.max(o.number() + 1, table.length * 2));
    }
    table[o.number()] = o;
    byNumber = table;
  }

  private ParamLayout layout(Map<String, Distribution> distributions) {
    ParamLayout l = layouts.get(distributions);
    if (l == null) {
      l = layouts.computeIfAbsent(Map.copyOf(distributions), ParamLayout::new);
    }
    return l;
  }
}
