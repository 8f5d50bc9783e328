package dev.rung.job.driver;

import dev.rung.distributions.Distribution;
import dev.rung.job.tables.IntermediateValueRow;
import dev.rung.job.tables.TrialRow;
import dev.rung.pruners.RungAttrs;
import dev.rung.study.FrozenTrial;
import dev.rung.study.TrialState;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * Rebuilds a study's trials from its tables, for a driver that continues an earlier run. The
 * intermediate values table is the record of the epochs each trial trained; the trials snapshot
 * gives parameters, states and attributes.
 *
 * <p>A trial that was RUNNING when the earlier driver stopped comes back paused at the last epoch
 * it recorded: the scheduler decides anew whether it goes on, and it continues from that epoch's
 * checkpoint, so no recorded epoch is trained again. One that recorded no epoch starts over.
 */
public final class ResumeLoader {
  private ResumeLoader() {}

  /**
   * The trials of {@code rows}, in number order, with intermediate values from {@code values}.
   *
   * @param space the sweep's parameters and their distributions
   * @throws IllegalArgumentException when the tables have a gap in trial numbers or name a
   *     parameter that the sweep no longer has
   */
  public static List<FrozenTrial> trials(
      List<TrialRow> rows, List<IntermediateValueRow> values, Map<String, Distribution> space) {
    Map<Integer, NavigableMap<Integer, Double>> curves = new HashMap<>();
    for (IntermediateValueRow v : values) {
      curves.computeIfAbsent(v.trial(), k -> new TreeMap<>()).putIfAbsent(v.step(), v.value());
    }
    List<TrialRow> sorted = new ArrayList<>(rows);
    sorted.sort((a, b) -> Integer.compare(a.number(), b.number()));
    List<FrozenTrial> out = new ArrayList<>();
    for (int i = 0; i < sorted.size(); i++) {
      TrialRow r = sorted.get(i);
      if (r.number() != i) {
        throw new IllegalArgumentException(
            "the trials table has no trial "
                + i
                + " (it jumps to "
                + r.number()
                + "): it was not written by this sweep's driver");
      }
      Map<String, Distribution> dists = new LinkedHashMap<>();
      for (String name : r.params().keySet()) {
        Distribution d = space.get(name);
        if (d == null) {
          throw new IllegalArgumentException(
              "trial "
                  + r.number()
                  + " of the earlier run has"
                  + " parameter '"
                  + name
                  + "', which this sweep's search space no longer has;"
                  + " restore it or write to another output");
        }
        dists.put(name, d);
      }
      NavigableMap<Integer, Double> curve = curves.getOrDefault(r.number(), new TreeMap<>());
      Map<String, Object> system = new LinkedHashMap<>();
      if (r.bracket() != null) {
        system.put(RungAttrs.BRACKET, r.bracket());
      }
      TrialSeed.put(system, r.seed());
      if (r.rankedRungs() != null) {
        system.put(RungAttrs.RANKED, r.rankedRungs());
      }
      if (r.rungObjectives() != null) {
        system.put(RungAttrs.OBJECTIVES, r.rungObjectives());
      }
      if (r.state() == TrialState.RUNNING && !curve.isEmpty()) {
        system.put(RungAttrs.TARGET_STEP, curve.lastKey());
      }
      Map<String, Object> user = new LinkedHashMap<>(r.userAttrs());
      out.add(
          new FrozenTrial(
              r.number(),
              r.state(),
              r.values(),
              r.params(),
              dists,
              curve,
              user,
              system,
              r.constraints(),
              r.start(),
              r.end(),
              r.failReason()));
    }
    return out;
  }
}
