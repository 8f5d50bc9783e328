package dev.rung.training.model;

import static dev.rung.training.model.ParamNames.*;

import dev.rung.distributions.Distribution;
import dev.rung.training.augment.Augmentation;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The parameters the built-in networks read ({@link TrainingSpecs#fromParams}), with the families
 * that read each and the values each accepts, so that a search space can be checked before any
 * trial runs: a range holding values a network refuses would otherwise fail in trial after trial.
 * The limits are those the specs ({@link MlpSpec}, {@link CnnSpec}, {@link ConvLayerSpec}, {@link
 * OptimizerSpec}, {@link LrSchedule}, {@link Augmentation}, {@link TrainingSpec}) enforce.
 */
public final class BuiltInParams {
  private BuiltInParams() {}

  /** The built-in network families. */
  public static final List<String> FAMILIES = List.of("mlp", "cnn");

  private static final Set<String> MLP = Set.of("mlp");
  private static final Set<String> CNN = Set.of("cnn");
  private static final Set<String> BOTH = Set.of("mlp", "cnn");

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

  private static final List<Param> PARAMS =
      List.of(
          param(MODEL, BOTH, Accepts.oneOf(FAMILIES)),
          param(MLP_LAYERS, MLP, Accepts.atLeast(0)),
          param(MLP_WIDTH, MLP, Accepts.atLeast(1)),
          param(MLP_LAYER_WIDTH, MLP, Accepts.atLeast(1)),
          param(CNN_LAYERS, CNN, Accepts.atLeast(1)),
          param(CONV_CHANNELS, CNN, Accepts.atLeast(1)),
          param(CONV_KERNEL, CNN, Accepts.oneOf(List.of(3, 5, 7))),
          param(CONV_POOL, CNN, Accepts.flag()),
          param(GLOBAL_POOL, CNN, Accepts.flag()),
          param(FC_WIDTH, CNN, Accepts.atLeast(0)),
          param(ACTIVATION, BOTH, Accepts.oneOf(names(ActivationKind.values()))),
          param(DROPOUT, BOTH, Accepts.number(0, false, 1, true)),
          param(BATCH_NORM, BOTH, Accepts.flag()),
          param(OPTIMIZER, BOTH, Accepts.oneOf(names(OptimizerKind.values()))),
          param(LR, BOTH, Accepts.number(0, true, Double.POSITIVE_INFINITY, true)),
          param(WEIGHT_DECAY, BOTH, Accepts.number(0, false, Double.POSITIVE_INFINITY, true)),
          new Param(
              MOMENTUM,
              BOTH,
              Accepts.number(0, false, 1, true),
              new Condition(OPTIMIZER, List.of("sgd"), "adam", true)),
          param(BATCH_SIZE, BOTH, Accepts.atLeast(1)),
          param(LR_SCHEDULE, BOTH, Accepts.oneOf(names(LrSchedule.Kind.values()))),
          new Param(
              LR_GAMMA,
              BOTH,
              Accepts.number(0, true, 1, false),
              new Condition(LR_SCHEDULE, List.of("exponential", "step"), "none", false)),
          new Param(
              LR_STEP_EPOCHS,
              BOTH,
              Accepts.atLeast(1),
              new Condition(LR_SCHEDULE, List.of("step"), "none", false)),
          param(WEIGHT_INIT, BOTH, Accepts.oneOf(names(WeightInitKind.values()))),
          param(AUG_ROTATION, BOTH, Accepts.number(0, false, 180, false)),
          param(AUG_FLIP, BOTH, Accepts.number(0, false, 1, false)),
          param(AUG_SHIFT, BOTH, Accepts.atLeast(0)));

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
