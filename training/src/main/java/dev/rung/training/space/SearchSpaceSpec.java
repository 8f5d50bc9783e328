package dev.rung.training.space;

import dev.rung.distributions.IntDistribution;
import dev.rung.training.params.ParamSource;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A search space described as data rather than code (the job reads it from its configuration file):
 * parameters with their distributions, conditions on earlier parameters, and groups repeated once
 * per layer. {@link #applyTo} walks it in order and suggests exactly the active parameters, which
 * is what define-by-run code with {@code if}s and loops would do.
 *
 * @apiNote A condition or a group count may only refer to a parameter that comes earlier; this is
 *     checked when the spec is built, so an invalid space fails before any trial runs.
 */
public record SearchSpaceSpec(List<SpaceEntry> entries) {

  public SearchSpaceSpec {
    entries = List.copyOf(entries);
    validate(entries);
  }

  /** A spec of the given entries, in order. */
  public static SearchSpaceSpec of(SpaceEntry... entries) {
    return new SearchSpaceSpec(List.of(entries));
  }

  /**
   * Suggests every active parameter from {@code params}, in order, and returns the chosen values by
   * name (in suggestion order). Inactive parameters are never suggested.
   */
  public Map<String, Object> applyTo(ParamSource params) {
    Map<String, Object> chosen = new LinkedHashMap<>();
    for (SpaceEntry e : entries) {
      if (!allHold(e.conditions(), chosen)) {
        continue;
      }
      if (e instanceof ParamEntry p) {
        chosen.put(p.name(), params.suggest(p.name(), p.distribution()));
      } else if (e instanceof RepeatedGroup g) {
        Object count = chosen.get(g.countParam());
        if (count == null) {
          continue; // the count parameter itself is inactive: so is the group
        }
        int n = ((Number) count).intValue();
        for (int i = 0; i < n; i++) {
          for (ParamEntry p : g.params()) {
            List<Condition> cs = new ArrayList<>();
            for (Condition c : p.conditions()) {
              cs.add(c.forIndex(i));
            }
            if (allHold(cs, chosen)) {
              String name = RepeatedGroup.expand(p.name(), i);
              chosen.put(name, params.suggest(name, p.distribution()));
            }
          }
        }
      }
    }
    return chosen;
  }

  private static boolean allHold(List<Condition> conditions, Map<String, Object> chosen) {
    for (Condition c : conditions) {
      if (!c.holds(chosen)) {
        return false;
      }
    }
    return true;
  }

  private static void validate(List<SpaceEntry> entries) {
    Map<String, ParamEntry> defined = new HashMap<>();
    for (SpaceEntry e : entries) {
      for (Condition c : e.conditions()) {
        requireEarlier(c.param(), "condition", describe(e), defined);
      }
      if (e instanceof ParamEntry p) {
        define(p, defined);
      } else if (e instanceof RepeatedGroup g) {
        ParamEntry count = defined.get(g.countParam());
        if (count == null || !(count.distribution() instanceof IntDistribution d)) {
          throw new IllegalArgumentException(
              "the group repeated by '"
                  + g.countParam()
                  + "' needs '"
                  + g.countParam()
                  + "' to be an int parameter defined before it");
        }
        if (d.low() < 0) {
          throw new IllegalArgumentException(
              "count parameter '" + g.countParam() + "' may be negative (" + d.describe() + ")");
        }
        for (ParamEntry p : g.params()) {
          for (Condition c : p.conditions()) {
            // "{i}" names refer to earlier entries of the same group, which are defined as
            // templates
            requireEarlier(c.param(), "condition", "'" + p.name() + "'", defined);
          }
          define(p, defined);
        }
      }
    }
  }

  private static void define(ParamEntry p, Map<String, ParamEntry> defined) {
    if (defined.putIfAbsent(p.name(), p) != null) {
      throw new IllegalArgumentException(
          "search-space parameter '" + p.name() + "' is defined twice: names must be unique");
    }
  }

  private static void requireEarlier(
      String param, String what, String owner, Map<String, ParamEntry> defined) {
    if (!defined.containsKey(param)) {
      throw new IllegalArgumentException(
          "the "
              + what
              + " of "
              + owner
              + " refers to parameter '"
              + param
              + "', which is not defined before it; defined so far: "
              + new java.util.TreeSet<>(defined.keySet()));
    }
  }

  private static String describe(SpaceEntry e) {
    return e instanceof ParamEntry p
        ? "'" + p.name() + "'"
        : "the group repeated by '" + ((RepeatedGroup) e).countParam() + "'";
  }
}
