package dev.rung.training.api;

import dev.rung.training.data.PreparedData;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * What a {@link Trainer} knows about its trial: the parameters the sampler chose, the seed, the
 * number of epochs of a full trial, the GPU Spark gave the task and the sweep's data.
 *
 * <p>Parameter values are {@link Double} for float parameters, {@link Integer} or {@link Long} for
 * int parameters and the chosen value (usually a {@link String}) for categorical ones; a
 * conditional parameter whose condition does not hold is absent. The typed getters take a default
 * for absent parameters.
 */
public final class TrialContext {
  private final int trial;
  private final Map<String, Object> params;
  private final long seed;
  private final int maxEpochs;
  private final String gpu;
  private final Supplier<PreparedData> data;

  /**
   * A trial's context.
   *
   * @param trial the trial's number
   * @param params the trial's parameter values
   * @param seed the trial's seed (derived from the sweep's seed and the trial number)
   * @param maxEpochs the epochs of a fully trained trial
   * @param gpu the GPU address(es) of the task, comma-separated, or null
   * @param data reads the sweep's prepared data (called at most once, on first use)
   */
  public TrialContext(
      int trial,
      Map<String, Object> params,
      long seed,
      int maxEpochs,
      String gpu,
      Supplier<PreparedData> data) {
    this.trial = trial;
    this.params = Collections.unmodifiableMap(new LinkedHashMap<>(params));
    this.seed = seed;
    this.maxEpochs = maxEpochs;
    this.gpu = gpu;
    this.data = Objects.requireNonNull(data, "data");
  }

  /** The trial's number in the study. */
  public int trial() {
    return trial;
  }

  /** The trial's parameters, by name. */
  public Map<String, Object> params() {
    return params;
  }

  /** The trial's seed: derive every random stream from it for reproducible trials. */
  public long seed() {
    return seed;
  }

  /** The epochs of a fully trained trial (e.g. for a learning-rate schedule). */
  public int maxEpochs() {
    return maxEpochs;
  }

  /** The GPU address(es) Spark gave this task, if the cluster schedules GPUs. */
  public Optional<String> gpu() {
    return Optional.ofNullable(gpu);
  }

  /**
   * The data of the sweep's {@code rung.data} block, read once per JVM and shared by the trials
   * that run there: training, validation and test examples. A trainer that reads its own data never
   * calls this (and the sweep can set {@code rung.data.format = none}).
   *
   * @throws IllegalStateException if the sweep has no data ({@code rung.data.format = none})
   */
  public PreparedData data() {
    return data.get();
  }

  /** Float parameter {@code name}, or {@code fallback} when absent. */
  public double doubleParam(String name, double fallback) {
    return number(name) == null ? fallback : number(name).doubleValue();
  }

  /** Int parameter {@code name}, or {@code fallback} when absent. */
  public int intParam(String name, int fallback) {
    return number(name) == null ? fallback : number(name).intValue();
  }

  /** Parameter {@code name} as a string (e.g. a categorical choice), or {@code fallback}. */
  public String stringParam(String name, String fallback) {
    Object v = params.get(name);
    return v == null ? fallback : String.valueOf(v);
  }

  private Number number(String name) {
    Object v = params.get(name);
    if (v == null || v instanceof Number) {
      return (Number) v;
    }
    throw new IllegalArgumentException(
        "parameter '"
            + name
            + "' is '"
            + v
            + "' ("
            + v.getClass().getSimpleName()
            + "), not a number");
  }
}
