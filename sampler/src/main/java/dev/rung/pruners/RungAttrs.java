package dev.rung.pruners;

import dev.rung.study.FrozenTrial;
import dev.rung.study.TrialState;
import java.util.Arrays;
import java.util.Map;
import java.util.OptionalInt;
import java.util.TreeMap;

/**
 * The system attributes a batch driver writes on trials it schedules with {@link AshaScheduler}.
 *
 * <ul>
 *   <li>{@value #BRACKET}: the Hyperband bracket of the trial (an int). Written when the trial
 *       starts; when absent, the bracket is computed from the study name and trial number, as
 *       in-process Hyperband does.
 *   <li>{@value #TARGET_STEP}: the step the trial is being trained to (an int): the rung step it
 *       was started or last promoted to. The driver raises it when it promotes the trial.
 * </ul>
 *
 * <p>Everything else is derived from these and the intermediate values (one per step, the step
 * being the number of epochs trained), so nothing can fall out of step:
 *
 * <ul>
 *   <li>rung reached: the highest rung whose step the trial has reported;
 *   <li>paused: RUNNING with a target step it has already reported (its checkpoint waits);
 *   <li>in flight: RUNNING with a target step not yet reported;
 *   <li>promoted from rung k: the target step lies above rung k's step.
 * </ul>
 *
 * A paused trial that is never promoted is told PRUNED by the driver when the study ends; a trial
 * that reaches the maximum resource is told COMPLETE.
 */
public final class RungAttrs {
  /** System attribute: the trial's Hyperband bracket. */
  public static final String BRACKET = "rung.bracket";

  /** System attribute: the step the trial is trained to before it pauses. */
  public static final String TARGET_STEP = "rung.target_step";

  /**
   * System attribute: the rung steps at which the trial was promoted by its ranking, as a comma
   * separated list ("3,9"). A rung it passed otherwise (a bracket starting above it, or a rung not
   * trusted yet, see {@link RungAgreement}) is not listed.
   */
  public static final String RANKED = "rung.ranked";

  /**
   * System attribute of a multi-objective study: the trial's objectives at each rung step it
   * reached, as {@code step:v1,v2[,v3];step:...} ({@link #withObjectivesAt}); what {@link
   * ParetoPromotion} ranks a rung by. Values are written with {@link Double#toString}.
   */
  public static final String OBJECTIVES = "rung.objectives";

  private RungAttrs() {}

  /** The trial with its objectives at rung step {@code step} recorded. */
  public static FrozenTrial withObjectivesAt(FrozenTrial trial, int step, double[] values) {
    TreeMap<Integer, String> byStep = objectiveText(trial);
    StringBuilder v = new StringBuilder();
    for (int k = 0; k < values.length; k++) {
      v.append(k == 0 ? "" : ",").append(values[k]);
    }
    byStep.put(step, v.toString());
    StringBuilder all = new StringBuilder();
    byStep.forEach(
        (s, text) -> all.append(all.length() == 0 ? "" : ";").append(s).append(':').append(text));
    return trial.withSystemAttr(OBJECTIVES, all.toString());
  }

  /**
   * The trial's {@code count} objectives at the first recorded rung step at or after {@code step};
   * NaN for each when none is recorded (the point then ranks last).
   */
  public static double[] objectivesAt(FrozenTrial trial, int step, int count) {
    double[] out = new double[count];
    Arrays.fill(out, Double.NaN);
    Map.Entry<Integer, String> e = objectiveText(trial).ceilingEntry(step);
    if (e == null) {
      return out;
    }
    String[] cells = e.getValue().split(",");
    for (int k = 0; k < Math.min(count, cells.length); k++) {
      try {
        out[k] = Double.parseDouble(cells[k].trim());
      } catch (NumberFormatException bad) {
        out[k] = Double.NaN;
      }
    }
    return out;
  }

  private static TreeMap<Integer, String> objectiveText(FrozenTrial trial) {
    TreeMap<Integer, String> out = new TreeMap<>();
    Object v = trial.systemAttrs().get(OBJECTIVES);
    if (v == null || v.toString().isBlank()) {
      return out;
    }
    for (String part : v.toString().split(";")) {
      int colon = part.indexOf(':');
      if (colon > 0) {
        try {
          out.put(Integer.parseInt(part.substring(0, colon).trim()), part.substring(colon + 1));
        } catch (NumberFormatException bad) {
          // a damaged entry reads as not recorded
        }
      }
    }
    return out;
  }

  /** The trial with the attributes of a new trial started as {@code decision} says. */
  public static FrozenTrial started(FrozenTrial trial, AshaScheduler.NewTrial decision) {
    return trial
        .withSystemAttr(BRACKET, decision.bracket())
        .withSystemAttr(TARGET_STEP, decision.toStep());
  }

  /** The trial with the attributes of a promotion to {@code promotion.toStep()}. */
  public static FrozenTrial promoted(FrozenTrial trial, AshaScheduler.Promotion promotion) {
    if (promotion.trial() != trial.number()) {
      throw new IllegalArgumentException(
          "promotion is for trial " + promotion.trial() + ", not trial " + trial.number());
    }
    FrozenTrial t = trial.withSystemAttr(TARGET_STEP, promotion.toStep());
    if (promotion.ranked()) {
      Object before = trial.systemAttrs().get(RANKED);
      String steps =
          before == null || before.toString().isBlank()
              ? Integer.toString(promotion.fromStep())
              : before + "," + promotion.fromStep();
      t = t.withSystemAttr(RANKED, steps);
    }
    return t;
  }

  /** Whether the trial was promoted from {@code step} by its ranking there. */
  public static boolean rankedAt(FrozenTrial trial, int step) {
    Object v = trial.systemAttrs().get(RANKED);
    if (v == null) {
      return false;
    }
    for (String s : v.toString().split(",")) {
      if (s.trim().equals(Integer.toString(step))) {
        return true;
      }
    }
    return false;
  }

  /** The target step, when the trial has one. */
  public static OptionalInt targetStep(FrozenTrial trial) {
    return intAttr(trial, TARGET_STEP);
  }

  /** The recorded bracket, when the trial has one. */
  public static OptionalInt bracket(FrozenTrial trial) {
    return intAttr(trial, BRACKET);
  }

  /** Whether the trial is RUNNING and has reported its target step: it waits for a promotion. */
  public static boolean isPaused(FrozenTrial trial) {
    OptionalInt target = targetStep(trial);
    OptionalInt last = trial.lastStep();
    return trial.state() == TrialState.RUNNING
        && target.isPresent()
        && last.isPresent()
        && last.getAsInt() >= target.getAsInt();
  }

  private static OptionalInt intAttr(FrozenTrial trial, String key) {
    Object v = trial.systemAttrs().get(key);
    if (v == null) {
      return OptionalInt.empty();
    }
    if (v instanceof Number n) {
      return OptionalInt.of(n.intValue());
    }
    try {
      return OptionalInt.of(Integer.parseInt(v.toString().trim()));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          "trial "
              + trial.number()
              + ": system attribute '"
              + key
              + "' is '"
              + v
              + "'; it must be an integer",
          e);
    }
  }
}
