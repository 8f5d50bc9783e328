package dev.rung.training.model;

import static dev.rung.training.model.ParamNames.*;

import dev.rung.distributions.Distribution;
import dev.rung.training.augment.Augmentation;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The parameters the built-in networks read ({@link TrainingSpecs#fromParams}), with the families
 * that read each and the values each accepts, so that a search space can be checked before any
 * trial runs: a range holding values a network refuses would otherwise fail in trial after trial.
 * The limits are those the specs ({@link MlpSpec}, {@link CnnSpec}, {@link ConvLayerSpec}, {@link
 * OptimizerSpec}, {@link LrSchedule}, {@link Augmentation}, {@link TrainingSpec}) enforce.
 */
public final class BuiltInParams {
  private BuiltInParams() {}

  /** The built-in network families ({@link NetworkFamilies}), the default first. */
  public static final List<String> FAMILIES = NetworkFamilies.names();

  private static final Set<String> ALL = Set.copyOf(FAMILIES);

  /**
   * A parameter whose value is only read when another parameter has one of some values.
   *
   * @param param the other parameter
   * @param values the values of {@code param} with which this one is read
   * @param byDefault the value of {@code param} when a trial has none
   * @param failsOtherwise whether a value other than this parameter's default makes a trial fail
   *     (rather than go unused) when {@code param} has another value
   */
  public record Condition(
      String param, List<String> values, String byDefault, boolean failsOtherwise) {}

  /**
   * One parameter.
   *
   * @param name its name, with {@code {i}} for a layer index
   * @param families the families whose networks read it
   * @param accepts the values it accepts
   * @param condition when it is read, or null for always
   */
  public record Param(String name, Set<String> families, Accepts accepts, Condition condition) {
    /**
     * What is wrong with a distribution of this parameter: a value it can take that the network
     * refuses, or a type the network cannot read; empty when every value it can take is accepted.
     */
    public Optional<String> problem(Distribution distribution) {
      return accepts.problem(name, distribution);
    }
  }

  private static final List<Param> PARAMS = params();

  private static List<Param> params() {
    List<Param> out = new ArrayList<>();
    out.add(param(MODEL, ALL, Accepts.oneOf(List.copyOf(FAMILIES))));
    for (NetworkFamily f : NetworkFamilies.all()) {
      f.params().forEach((name, accepts) -> out.add(param(name, Set.of(f.name()), accepts)));
    }
    out.add(param(ACTIVATION, readers(ACTIVATION), Accepts.oneOf(names(ActivationKind.values()))));
    out.add(param(DROPOUT, readers(DROPOUT), Accepts.number(0, false, 1, true)));
    out.add(param(BATCH_NORM, readers(BATCH_NORM), Accepts.flag()));
    out.add(param(OPTIMIZER, ALL, Accepts.oneOf(names(OptimizerKind.values()))));
    out.add(param(LR, ALL, Accepts.number(0, true, Double.POSITIVE_INFINITY, true)));
    out.add(param(WEIGHT_DECAY, ALL, Accepts.number(0, false, Double.POSITIVE_INFINITY, true)));
    out.add(
        new Param(
            MOMENTUM,
            ALL,
            Accepts.number(0, false, 1, true),
            new Condition(OPTIMIZER, List.of("sgd"), "adam", true)));
    out.add(param(BATCH_SIZE, ALL, Accepts.atLeast(1)));
    out.add(param(LR_SCHEDULE, ALL, Accepts.oneOf(names(LrSchedule.Kind.values()))));
    out.add(
        new Param(
            LR_GAMMA,
            ALL,
            Accepts.number(0, true, 1, false),
            new Condition(LR_SCHEDULE, List.of("exponential", "step"), "none", false)));
    out.add(
        new Param(
            LR_STEP_EPOCHS,
            ALL,
            Accepts.atLeast(1),
            new Condition(LR_SCHEDULE, List.of("step"), "none", false)));
    out.add(param(WEIGHT_INIT, ALL, Accepts.oneOf(names(WeightInitKind.values()))));
    out.add(param(AUG_ROTATION, ALL, Accepts.number(0, false, 180, false)));
    out.add(param(AUG_FLIP, ALL, Accepts.number(0, false, 1, false)));
    out.add(param(AUG_SHIFT, ALL, Accepts.atLeast(0)));
    return List.copyOf(out);
  }

  /** The families that read the shared setting {@code name}. */
  private static Set<String> readers(String name) {
    Set<String> out = new TreeSet<>();
    for (NetworkFamily f : NetworkFamilies.all()) {
      if (f.sharedParams().contains(name)) {
        out.add(f.name());
      }
    }
    return out;
  }

  /** Every parameter a built-in network reads, per-layer ones with {@code {i}}. */
  public static List<Param> all() {
    return PARAMS;
  }

  /** The parameter {@code name} stands for (a name or a template with {@code {i}}), if any. */
  public static Optional<Param> find(String name) {
    return PARAMS.stream().filter(p -> ParamNames.covers(p.name(), name)).findFirst();
  }

  /** The names the networks of {@code families} read, per-layer ones with {@code {i}}. */
  public static List<String> namesReadBy(Set<String> families) {
    return PARAMS.stream()
        .filter(p -> p.families().stream().anyMatch(families::contains))
        .map(Param::name)
        .toList();
  }

  private static Param param(String name, Set<String> families, Accepts accepts) {
    return new Param(name, families, accepts, null);
  }

  private static List<Object> names(Enum<?>[] values) {
    return Arrays.stream(values).map(v -> (Object) Choices.name(v)).toList();
  }
}
