package dev.rung.job.config;

import dev.rung.pruners.RungAgreement;
import dev.rung.study.Direction;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads and checks {@code rung.pruner}: the type, the settings of each type, and that no setting is
 * changed from its default for a pruner type that would ignore it.
 */
final class PrunerReader {
  private PrunerReader() {}

  /** A setting of some pruner types only. */
  private record TypeSetting(Setting<?> setting, List<String> types) {}

  /** The pruner types that stop trials at rungs, scheduled by the driver. */
  static final List<String> RUNGS = List.of("asha", "hyperband");

  /** The pruner type that picks one by the number of objectives ({@link #auto}). */
  static final String AUTO = "auto";

  private static final List<String> PERCENTILES = List.of("median", "percentile");
  private static final List<String> STEPS = List.of("median", "percentile", "threshold");

  private static final List<TypeSetting> TYPE_SETTINGS =
      List.of(
          new TypeSetting(Settings.MIN_RESOURCE, RUNGS),
          new TypeSetting(Settings.MAX_RESOURCE, RUNGS),
          new TypeSetting(Settings.REDUCTION_FACTOR, RUNGS),
          new TypeSetting(Settings.MIN_EARLY_STOPPING_RATE, List.of("asha")),
          new TypeSetting(Settings.SAMPLER_VIEW, RUNGS),
          new TypeSetting(Settings.AGREEMENT_ENABLED, RUNGS),
          new TypeSetting(Settings.AGREEMENT_THRESHOLD, RUNGS),
          new TypeSetting(Settings.AGREEMENT_MIN_TRIALS, RUNGS),
          new TypeSetting(Settings.PERCENTILE, List.of("percentile")),
          new TypeSetting(Settings.PRUNER_STARTUP_TRIALS, PERCENTILES),
          new TypeSetting(Settings.PRUNER_MIN_TRIALS, PERCENTILES),
          new TypeSetting(Settings.WARMUP_STEPS, STEPS),
          new TypeSetting(Settings.INTERVAL_STEPS, STEPS),
          new TypeSetting(Settings.LOWER, List.of("threshold")),
          new TypeSetting(Settings.UPPER, List.of("threshold")),
          new TypeSetting(Settings.PATIENCE, List.of("patient")),
          new TypeSetting(Settings.MIN_DELTA, List.of("patient")),
          new TypeSetting(Settings.WRAPPED, List.of("patient")));

  /**
   * The pruner settings, with the max resource resolved to {@code epochs} when not set; errors go
   * to {@code r}.
   */
  static SweepConfig.PrunerSettings read(ConfigReader r, int epochs, List<Direction> directions) {
    String given = r.get(Settings.PRUNER_TYPE);
    String type = given.equals(AUTO) ? auto(directions.size()) : given;
    // How errors name the type: what auto chose is shown beside it.
    String shown =
        given.equals(AUTO)
            ? AUTO + " (" + type + " for " + objectives(directions.size()) + ")"
            : type;
    SweepConfig.PrunerSettings s =
        new SweepConfig.PrunerSettings(
            type,
            r.get(Settings.MIN_RESOURCE),
            r.get(Settings.MAX_RESOURCE),
            r.get(Settings.REDUCTION_FACTOR),
            r.get(Settings.MIN_EARLY_STOPPING_RATE),
            r.get(Settings.PERCENTILE),
            r.get(Settings.PRUNER_STARTUP_TRIALS),
            r.get(Settings.WARMUP_STEPS),
            r.get(Settings.INTERVAL_STEPS),
            r.get(Settings.SAMPLER_VIEW),
            r.get(Settings.AGREEMENT_ENABLED) ? agreement(r) : null,
            r.get(Settings.PRUNER_MIN_TRIALS),
            r.get(Settings.LOWER),
            r.get(Settings.UPPER),
            r.get(Settings.PATIENCE),
            r.get(Settings.MIN_DELTA),
            r.get(Settings.WRAPPED));
    int maxResource = s.maxResource() == 0 ? epochs : s.maxResource();
    if (RUNGS.contains(s.type()) && s.minResource() > maxResource) {
      r.error(
          Settings.MIN_RESOURCE,
          "is "
              + s.minResource()
              + " but the max resource"
              + " (epochs of a full trial) is "
              + maxResource
              + ": "
              + Settings.MIN_RESOURCE.name()
              + " must be <= it");
    }
    if (directions.size() > 1
        && !List.of("none", "threshold", "asha", "hyperband").contains(s.type())) {
      r.error(
          Settings.PRUNER_TYPE,
          "is "
              + s.type()
              + ", which compares one objective; a"
              + " multi-objective study can use auto, none, threshold, asha or hyperband");
    }
    checkBounds(r, s);
    if (!r.hasError(Settings.PRUNER_TYPE, Settings.WRAPPED)) {
      checkUnused(r, s, shown);
    }
    return s.withMaxResource(maxResource);
  }

  /**
   * What {@code pruner.type = auto} stands for: Hyperband for one objective, one ASHA bracket for
   * several. Chosen on the development suite (docs/defaults.md): one ASHA bracket is a disaster on
   * one-objective sources whose first epochs mislead, and ahead of Hyperband on both two-objective
   * sources, where the sampler learns from fully trained trials only.
   */
  static String auto(int objectives) {
    return objectives > 1 ? "asha" : "hyperband";
  }

  private static String objectives(int n) {
    return n == 1 ? "one objective" : n + " objectives";
  }

  /** A threshold pruner, alone or wrapped, needs a bound, and its bounds in order. */
  private static void checkBounds(ConfigReader r, SweepConfig.PrunerSettings s) {
    Setting<String> selectedBy =
        s.type().equals("threshold")
            ? Settings.PRUNER_TYPE
            : s.type().equals("patient") && s.wrapped().equals("threshold")
                ? Settings.WRAPPED
                : null;
    if (selectedBy == null || r.hasError(Settings.LOWER, Settings.UPPER)) {
      return;
    }
    if (s.lower() == Double.NEGATIVE_INFINITY && s.upper() == Double.POSITIVE_INFINITY) {
      r.error(
          selectedBy,
          "is threshold, which needs "
              + Settings.LOWER.key()
              + ", "
              + Settings.UPPER.key()
              + " or both: with neither bound nothing would be pruned");
    } else if (s.lower() > s.upper()) {
      r.error(
          Settings.LOWER,
          "is "
              + s.lower()
              + ", above "
              + Settings.UPPER.key()
              + " = "
              + s.upper()
              + ": the lower bound must be <= the upper bound");
    }
  }

  /**
   * A setting of other pruner types, changed from its default, is an error: the pruner chosen would
   * ignore it. (A setting left at its default changes nothing, so a sweep file written for one type
   * still runs with another type given on the command line.) {@code shown}: the type as errors name
   * it.
   */
  private static void checkUnused(ConfigReader r, SweepConfig.PrunerSettings s, String shown) {
    List<String> inUse = new ArrayList<>(List.of(s.type()));
    if (s.type().equals("patient")) {
      inUse.add(s.wrapped());
    }
    String chosen = s.type().equals("patient") ? "patient (wrapped = " + s.wrapped() + ")" : shown;
    for (TypeSetting t : TYPE_SETTINGS) {
      Setting<?> key = t.setting();
      if (t.types().stream().noneMatch(inUse::contains) && r.changed(key) && !r.hasError(key)) {
        r.error(
            key,
            "is "
                + r.shown(key)
                + ", a setting of the "
                + names(t.types())
                + (Settings.WRAPPED.choices().containsAll(t.types())
                    ? " (also as the pruner patient wraps)"
                    : "")
                + ", but "
                + Settings.PRUNER_TYPE.key()
                + " is "
                + chosen
                + ", which does not use it: remove it, or choose a pruner type that uses it");
      }
    }
  }

  /** "the threshold pruner", "the asha and hyperband pruners", "the a, b and c pruners". */
  private static String names(List<String> types) {
    int last = types.size() - 1;
    return last == 0
        ? types.get(0) + " pruner"
        : String.join(", ", types.subList(0, last)) + " and " + types.get(last) + " pruners";
  }

  /** The rung agreement of valid settings; the reader has recorded any invalid one. */
  private static RungAgreement agreement(ConfigReader r) {
    double threshold = r.get(Settings.AGREEMENT_THRESHOLD);
    int minTrials = r.get(Settings.AGREEMENT_MIN_TRIALS);
    return r.hasError(Settings.AGREEMENT_THRESHOLD, Settings.AGREEMENT_MIN_TRIALS)
        ? RungAgreement.DEFAULT
        : new RungAgreement(threshold, minTrials);
  }
}
