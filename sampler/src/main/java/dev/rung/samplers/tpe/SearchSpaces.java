package dev.rung.samplers.tpe;

import dev.rung.distributions.Distribution;
import dev.rung.study.TrialState;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The spaces multivariate TPE samples jointly, from the finished (COMPLETE and PRUNED) trials.
 *
 * <p>Intersection: the parameters every finished trial has, each with the same distribution in all
 * of them. Groups: parameters that always occur together (present in exactly the same trials) form
 * one group, sampled jointly; a conditional branch is then a group of its own. Parameters whose
 * distribution changes across trials are left to univariate sampling. Names are sorted so that the
 * result does not depend on hash order.
 */
final class SearchSpaces {
  private SearchSpaces() {}

  /** The distinct layouts of the finished trials, in order of first appearance. */
  static List<ParamLayout> finishedLayouts(List<ObservedTrial> trials) {
    Map<ParamLayout, Boolean> seen = new IdentityHashMap<>();
    List<ParamLayout> out = new ArrayList<>();
    ParamLayout last = null;
    for (ObservedTrial t : trials) {
      if (t.state() == TrialState.RUNNING || t.layout() == last) {
        continue;
      }
      last = t.layout();
      if (seen.put(last, Boolean.TRUE) == null) {
        out.add(last);
      }
    }
    return out;
  }

  /** The intersection search space, by name, without single-valued distributions. */
  static Map<String, Distribution> intersection(List<ParamLayout> layouts) {
    Map<String, Distribution> out = new TreeMap<>();
    if (layouts.isEmpty()) {
      return out;
    }
    out.putAll(layouts.get(0).distributions());
    for (int i = 1; i < layouts.size(); i++) {
      Map<String, Distribution> d = layouts.get(i).distributions();
      out.entrySet().removeIf(e -> !e.getValue().equals(d.get(e.getKey())));
    }
    out.values().removeIf(Distribution::isSingle);
    return out;
  }

  /** The groups of parameters that always occur together, each sorted by name. */
  static List<Map<String, Distribution>> groups(List<ParamLayout> layouts) {
    Map<String, BitSet> presence = new TreeMap<>();
    Map<String, Distribution> first = new LinkedHashMap<>();
    Map<String, Boolean> consistent = new LinkedHashMap<>();
    for (int i = 0; i < layouts.size(); i++) {
      for (var e : layouts.get(i).distributions().entrySet()) {
        presence.computeIfAbsent(e.getKey(), k -> new BitSet()).set(i);
        Distribution prev = first.putIfAbsent(e.getKey(), e.getValue());
        if (prev != null && !prev.equals(e.getValue())) {
          consistent.put(e.getKey(), false);
        }
      }
    }
    Map<BitSet, Map<String, Distribution>> byPattern = new LinkedHashMap<>();
    for (var e : presence.entrySet()) {
      String name = e.getKey();
      Distribution d = first.get(name);
      if (consistent.containsKey(name) || d.isSingle()) {
        continue;
      }
      byPattern.computeIfAbsent(e.getValue(), k -> new TreeMap<>()).put(name, d);
    }
    return new ArrayList<>(byPattern.values());
  }
}
