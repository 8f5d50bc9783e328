package dev.rung.job.config;

import dev.rung.pruners.RungAgreement;
import dev.rung.pruners.SamplerView;
import dev.rung.study.Direction;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Reads and checks {@code rung.pruner}: the type, the settings of each type, and that no setting is
 * changed from its default for a pruner type that would ignore it.
 */
final class PrunerReader {
  private PrunerReader() {}

  /** The values of {@code pruner.type}: in segments (the first five), or at rungs. */
  static final List<String> TYPES =
      List.of("none", "median", "percentile", "threshold", "patient", "asha", "hyperband");

  /** The values of {@code pruner.wrapped}: what a patient pruner can wrap. */
  static final List<String> WRAPPABLE = List.of("none", "median", "percentile", "threshold");

  /** The values of {@code pruner.sampler-view}, in {@link SamplerView}'s order. */
  static final List<String> SAMPLER_VIEWS =
      Arrays.stream(SamplerView.values())
          .map(v -> v.name().toLowerCase(Locale.ROOT).replace('_', '-'))
          .toList();

  /** A setting of some pruner types only (its key under {@code rung.pruner}). */
  private record TypeSetting(String key, List<String> types) {}

  private static final List<String> RUNGS = List.of("asha", "hyperband");
  private static final List<String> PERCENTILES = List.of("median", "percentile");

  private static final List<TypeSetting> TYPE_SETTINGS =
      List.of(
          new TypeSetting("min-resource", RUNGS),
          new TypeSetting("max-resource", RUNGS),
          new TypeSetting("reduction-factor", RUNGS),
          new TypeSetting("min-early-stopping-rate", List.of("asha")),
          new TypeSetting("sampler-view", RUNGS),
          new TypeSetting("rung-agreement.enabled", RUNGS),
          new TypeSetting("rung-agreement.threshold", RUNGS),
          new TypeSetting("rung-agreement.min-trials", RUNGS),
          new TypeSetting("percentile", List.of("percentile")),
          new TypeSetting("startup-trials", PERCENTILES),
          new TypeSetting("min-trials", PERCENTILES),
          new TypeSetting("warmup-steps", List.of("median", "percentile", "threshold")),
          new TypeSetting("interval-steps", List.of("median", "percentile", "threshold")),
          new TypeSetting("lower", List.of("threshold")),
          new TypeSetting("upper", List.of("threshold")),
          new TypeSetting("patience", List.of("patient")),
          new TypeSetting("min-delta", List.of("patient")),
          new TypeSetting("wrapped", List.of("patient")));

  /**
   * The pruner settings under {@code p} ({@code rung.pruner.}), with the max resource resolved to
   * {@code epochs} when not set; errors go to {@code r}.
   */
  static SweepConfig.PrunerSettings read(
      ConfigReader r, String p, int epochs, List<Direction> directions) {
    SweepConfig.PrunerSettings s =
        new SweepConfig.PrunerSettings(
            r.oneOf(p + "type", TYPES.toArray(String[]::new)),
            r.integer(p + "min-resource", 1, 100_000),
            r.integer(p + "max-resource", 0, 100_000),
            r.integer(p + "reduction-factor", 2, 100),
            r.integer(p + "min-early-stopping-rate", 0, 100),
            r.number(p + "percentile", 0, 100),
            r.integer(p + "startup-trials", 0, Integer.MAX_VALUE),
            r.integer(p + "warmup-steps", 0, Integer.MAX_VALUE),
            r.integer(p + "interval-steps", 1, Integer.MAX_VALUE),
            samplerView(r.oneOf(p + "sampler-view", SAMPLER_VIEWS.toArray(String[]::new))),
            r.bool(p + "rung-agreement.enabled")
                ? agreement(
                    r.number(p + "rung-agreement.threshold", -1, 1),
                    r.integer(p + "rung-agreement.min-trials", 3, 1_000_000))
                : null,
            r.integer(p + "min-trials", 1, Integer.MAX_VALUE),
            r.numberOrNone(p + "lower", Double.NEGATIVE_INFINITY),
            r.numberOrNone(p + "upper", Double.POSITIVE_INFINITY),
            r.integer(p + "patience", 0, Integer.MAX_VALUE),
            r.number(p + "min-delta", 0, Double.POSITIVE_INFINITY),
            r.oneOf(p + "wrapped", WRAPPABLE.toArray(String[]::new)));
    int maxResource = s.maxResource() == 0 ? epochs : s.maxResource();
    if (RUNGS.contains(s.type()) && s.minResource() > maxResource) {
      r.error(
          p + "min-resource",
          "is "
              + s.minResource()
              + " but the max resource"
              + " (epochs of a full trial) is "
              + maxResource
              + ": min-resource must be <= it");
    }
    if (directions.size() > 1
        && !List.of("none", "threshold", "asha", "hyperband").contains(s.type())) {
      r.error(
          p + "type",
          "is "
              + s.type()
              + ", which compares one objective; a"
              + " multi-objective study can use none, threshold, asha or hyperband");
    }
    checkBounds(r, p, s);
    if (!r.hasErrorUnder(p + "type") && !r.hasErrorUnder(p + "wrapped")) {
      checkUnused(r, p, s);
    }
    return s.withMaxResource(maxResource);
  }

  /** A threshold pruner, alone or wrapped, needs a bound, and its bounds in order. */
  private static void checkBounds(ConfigReader r, String p, SweepConfig.PrunerSettings s) {
    String selectedBy =
        s.type().equals("threshold")
            ? p + "type"
            : s.type().equals("patient") && s.wrapped().equals("threshold") ? p + "wrapped" : null;
    if (selectedBy == null || r.hasErrorUnder(p + "lower") || r.hasErrorUnder(p + "upper")) {
      return;
    }
    if (s.lower() == Double.NEGATIVE_INFINITY && s.upper() == Double.POSITIVE_INFINITY) {
      r.error(
          selectedBy,
          "is threshold, which needs "
              + p
              + "lower, "
              + p
              + "upper or both: with neither bound nothing would be pruned");
    } else if (s.lower() > s.upper()) {
      r.error(
          p + "lower",
          "is "
              + s.lower()
              + ", above "
              + p
              + "upper = "
              + s.upper()
              + ": the lower bound must be <= the upper bound");
    }
  }

  /**
   * A setting of other pruner types, changed from its default, is an error: the pruner chosen would
   * ignore it. (A setting left at its default changes nothing, so a sweep file written for one type
   * still runs with another type given on the command line.)
   */
  private static void checkUnused(ConfigReader r, String p, SweepConfig.PrunerSettings s) {
    List<String> inUse = new ArrayList<>(List.of(s.type()));
    if (s.type().equals("patient")) {
      inUse.add(s.wrapped());
    }
    String chosen =
        s.type().equals("patient") ? "patient (wrapped = " + s.wrapped() + ")" : s.type();
    for (TypeSetting t : TYPE_SETTINGS) {
      String key = p + t.key();
      if (t.types().stream().noneMatch(inUse::contains)
          && r.changed(key)
          && !r.hasErrorUnder(key)) {
        r.error(
            key,
            "is "
                + r.shown(key)
                + ", a setting of the "
                + names(t.types())
                + (WRAPPABLE.containsAll(t.types()) ? " (also as the pruner patient wraps)" : "")
                + ", but "
                + p
                + "type is "
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

  private static SamplerView samplerView(String name) {
    int i = SAMPLER_VIEWS.indexOf(name);
    return i < 0 ? SamplerView.TRUSTED_RUNG : SamplerView.values()[i];
  }

  /** The rung agreement of valid settings; the reader has recorded any invalid one. */
  private static RungAgreement agreement(double threshold, int minTrials) {
    return threshold >= -1 && threshold <= 1 && minTrials >= 3
        ? new RungAgreement(threshold, minTrials)
        : RungAgreement.DEFAULT;
  }
}
