package dev.rung.training.api;

import dev.rung.training.data.PreparedData;
import dev.rung.training.loop.EpochFit;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
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
 *
 * <p>The trainer's own settings (a dataset id, a model path, a mode) come from the sweep file's
 * {@code rung.model.options} block, the same for every trial and delivered to every executor:
 * {@link #options()} and the typed getters {@link #stringOption}, {@link #intOption}, {@link
 * #doubleOption} and {@link #booleanOption}. Values are as HOCON gives them: {@link String}, {@link
 * Integer}, {@link Long}, {@link Double}, {@link Boolean}, {@link java.util.List} or {@link Map}
 * for nested blocks.
 */
public final class TrialContext {
  private final int trial;
  private final Map<String, Object> params;
  private final Map<String, Object> options;
  private final long seed;
  private final int maxEpochs;
  private final String gpu;
  private final Supplier<PreparedData> data;
  private final List<String> metrics;
  private final int threads;
  private final EpochFit epochFit;

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
    this(trial, params, Map.of(), seed, maxEpochs, gpu, data);
  }

  /**
   * A trial's context with the trainer's options.
   *
   * @param options the sweep's {@code rung.model.options}, by name
   */
  public TrialContext(
      int trial,
      Map<String, Object> params,
      Map<String, Object> options,
      long seed,
      int maxEpochs,
      String gpu,
      Supplier<PreparedData> data) {
    this(trial, params, options, seed, maxEpochs, gpu, data, List.of(), 1);
  }

  /**
   * A trial's context as a sweep gives it.
   *
   * @param metrics the study's metrics ({@code rung.study.metrics}), the objective first
   * @param threads the CPU threads the trial may use ({@code rung.training.threads}), at least 1
   */
  public TrialContext(
      int trial,
      Map<String, Object> params,
      Map<String, Object> options,
      long seed,
      int maxEpochs,
      String gpu,
      Supplier<PreparedData> data,
      List<String> metrics,
      int threads) {
    this(trial, params, options, seed, maxEpochs, gpu, data, metrics, threads, null);
  }

  private TrialContext(
      int trial,
      Map<String, Object> params,
      Map<String, Object> options,
      long seed,
      int maxEpochs,
      String gpu,
      Supplier<PreparedData> data,
      List<String> metrics,
      int threads,
      EpochFit epochFit) {
    if (threads < 1) {
      throw new IllegalArgumentException("threads " + threads + " must be at least 1");
    }
    this.metrics = List.copyOf(metrics);
    this.threads = threads;
    this.trial = trial;
    this.params = Collections.unmodifiableMap(new LinkedHashMap<>(params));
    this.options = Collections.unmodifiableMap(new LinkedHashMap<>(options));
    this.seed = seed;
    this.maxEpochs = maxEpochs;
    this.gpu = gpu;
    this.data = Objects.requireNonNull(data, "data");
    this.epochFit = epochFit;
  }

  /**
   * The same trial, its epochs fitted by {@code fit}: how a sweep with {@code
   * training.executors-per-trial} above 1 has the built-in networks train across executors. A
   * trainer of its own ignores it.
   */
  public TrialContext withEpochFit(EpochFit fit) {
    return new TrialContext(
        trial,
        params,
        options,
        seed,
        maxEpochs,
        gpu,
        data,
        metrics,
        threads,
        Objects.requireNonNull(fit, "fit"));
  }

  /** How the built-in networks fit each epoch, when not on their own thread or GPUs. */
  public Optional<EpochFit> epochFit() {
    return Optional.ofNullable(epochFit);
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

  /**
   * The metrics the sweep reads: the study's metrics, the objective first ({@code
   * rung.study.metrics}), then any other metric its constraints name ({@code
   * rung.study.constraints}); empty outside a sweep. A trainer reports each of them every epoch (at
   * least in the epoch that ends a trial); one that does not change with training (such as {@code
   * latency_ms}) can be measured once and reported again.
   */
  public List<String> metrics() {
    return metrics;
  }

  /**
   * The CPU threads the trial may use ({@code rung.training.threads}): give your framework this
   * many (e.g. for its intra-op pool); other trials run beside it on the executor's other cores.
   */
  public int threads() {
    return threads;
  }

  /**
   * The GPUs Spark gave this task, if the cluster schedules GPUs, comma-separated and numbered as
   * this process's CUDA sees them: a trial's own JVM (execution.isolation = process) sees only its
   * task's GPUs, as {@code "0"} or {@code "0,1"}; in the executor's JVM they are Spark's addresses.
   */
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

  /** The sweep's {@code rung.model.options}, by name (empty when it sets none). */
  public Map<String, Object> options() {
    return options;
  }

  /**
   * Option {@code name} as a string (a number or boolean as its text), or {@code fallback} when the
   * sweep does not set it.
   *
   * @throws IllegalArgumentException when it is a list or a block
   */
  public String stringOption(String name, String fallback) {
    Object v = options.get(name);
    if (v == null) {
      return fallback;
    }
    if (v instanceof String || v instanceof Number || v instanceof Boolean) {
      return String.valueOf(v);
    }
    throw wrongOption(name, v, "a string");
  }

  /**
   * Option {@code name} as a number, or {@code fallback} when the sweep does not set it.
   *
   * @throws IllegalArgumentException when it is not a number (nor a string holding one)
   */
  public double doubleOption(String name, double fallback) {
    Object v = options.get(name);
    if (v == null) {
      return fallback;
    }
    if (v instanceof Number n) {
      return n.doubleValue();
    }
    if (v instanceof String text) {
      try {
        return Double.parseDouble(text.trim());
      } catch (NumberFormatException e) {
        // below
      }
    }
    throw wrongOption(name, v, "a number");
  }

  /**
   * Option {@code name} as an int, or {@code fallback} when the sweep does not set it.
   *
   * @throws IllegalArgumentException when it is not a whole number in the int range
   */
  public int intOption(String name, int fallback) {
    Object v = options.get(name);
    if (v == null) {
      return fallback;
    }
    double d = doubleOption(name, fallback);
    if (d != Math.rint(d) || d < Integer.MIN_VALUE || d > Integer.MAX_VALUE) {
      throw wrongOption(name, v, "a whole number in the int range");
    }
    return (int) d;
  }

  /**
   * Option {@code name} as a boolean (HOCON's words count: true/false, yes/no, on/off), or {@code
   * fallback} when the sweep does not set it.
   *
   * @throws IllegalArgumentException when it is none of those
   */
  public boolean booleanOption(String name, boolean fallback) {
    Object v = options.get(name);
    if (v == null) {
      return fallback;
    }
    if (v instanceof Boolean b) {
      return b;
    }
    if (v instanceof String text) {
      switch (text.trim().toLowerCase(Locale.ROOT)) {
        case "true", "yes", "on":
          return true;
        case "false", "no", "off":
          return false;
        default:
          break;
      }
    }
    throw wrongOption(name, v, "true or false");
  }

  private static IllegalArgumentException wrongOption(String name, Object v, String expected) {
    return new IllegalArgumentException(
        "rung.model.options."
            + name
            + " is '"
            + v
            + "' ("
            + v.getClass().getSimpleName()
            + "), expected "
            + expected);
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
