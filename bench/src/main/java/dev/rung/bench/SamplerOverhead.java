package dev.rung.bench;

import dev.rung.distributions.Distribution;
import dev.rung.distributions.FloatDistribution;
import dev.rung.samplers.RandomSampler;
import dev.rung.samplers.Sampler;
import dev.rung.samplers.tpe.TpeSampler;
import dev.rung.study.FrozenTrial;
import dev.rung.study.Seeds;
import dev.rung.study.Study;
import dev.rung.study.Trial;
import dev.rung.study.TrialState;
import java.io.BufferedReader;
import java.io.File;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;
import java.util.random.RandomGenerator;

/**
 * Milliseconds per suggestion at a given history size: a study is filled with finished trials of a
 * 10-d sphere over [-5, 5]^10 ({@link Study#addTrial}), then many trials are asked (each suggesting
 * all 10 floats) and timed one by one, and told so the history stays at its size within a percent
 * or two. Optuna 3.1 runs the same protocol in a Python script in the same run.
 */
final class SamplerOverhead {
  private static final int DIMS = 10;

  private SamplerOverhead() {}

  static void main(String[] args) throws Exception {
    Args a = new Args(args, List.of("no-optuna"), List.of("sizes", "asks", "samplers"));
    List<Integer> sizes = a.intList("sizes", "100,1000,10000");
    int asks = a.getInt("asks", 0);
    Map<String, Supplier<Sampler>> samplers = new LinkedHashMap<>();
    samplers.put("rung-tpe-multivariate", () -> TpeSampler.builder().seed(1).build());
    samplers.put(
        "rung-tpe-independent", () -> TpeSampler.builder().seed(1).multivariate(false).build());
    samplers.put("rung-random", () -> new RandomSampler(1));
    samplers.put("rung-tpe-mv-24-candidates", () -> TpeSampler.optunaCompatible().seed(1).build());
    List<String> only = a.list("samplers", String.join(",", samplers.keySet()));
    samplers.keySet().retainAll(only);

    System.out.printf(
        Locale.ROOT,
        "Sampler overhead: ms per suggestion (ask + %d suggestFloat), 10-d sphere, history of n"
            + " finished trials%n",
        DIMS);
    System.out.printf(
        Locale.ROOT,
        "machine: %d cores, Java %s%n",
        Runtime.getRuntime().availableProcessors(),
        System.getProperty("java.version"));
    warmUp(samplers);
    Map<String, double[]> results = new TreeMap<>();
    Map<String, double[]> cpuResults = new TreeMap<>();
    System.out.println(
        "wall = elapsed time; cpu = CPU time of the asking thread (robust when other processes"
            + " compete for the cores); first = wall time of the first ask, when a new sampler"
            + " builds what it keeps across suggestions. System load average now: "
            + ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
    System.out.printf(
        Locale.ROOT,
        "%-26s %8s %6s %10s %10s %10s %10s %10s  %s%n",
        "sampler",
        "n",
        "asks",
        "wall med",
        "wall p90",
        "cpu med",
        "cpu p90",
        "first",
        "suggestions digest");
    for (var e : samplers.entrySet()) {
      for (int n : sizes) {
        int reps = asks > 0 ? asks : n >= 10000 ? 40 : n >= 1000 ? 100 : 200;
        Measured both = measureBoth(e.getValue().get(), n, reps);
        double[] ms = both.ms();
        results.put(e.getKey() + "@" + n, ms);
        cpuResults.put(e.getKey() + "@" + n, both.cpu());
        System.out.printf(
            Locale.ROOT,
            "%-26s %8d %6d %10.3f %10.3f %10.3f %10.3f %10.3f  %016x%n",
            e.getKey(),
            n,
            reps,
            percentile(ms, 50),
            percentile(ms, 90),
            percentile(both.cpu(), 50),
            percentile(both.cpu(), 90),
            ms[0],
            both.digest());
      }
    }
    if (a.flag("no-optuna")) {
      return;
    }
    List<Integer> optunaSizes = sizes.stream().filter(n -> n <= 1000).toList();
    System.out.println();
    System.out.println(
        "Optuna 3.1 (Debian python3-optuna, TPESampler() default = independent TPE), same protocol."
            + " Not run at 10,000: Optuna 3.1 needs ~1 s per suggestion there (O(n) per"
            + " suggestion with a large constant), i.e. hours for the asks alone.");
    Map<Integer, double[][]> optuna = runOptuna(optunaSizes);
    System.out.printf(
        Locale.ROOT,
        "%-26s %8s %6s %10s %10s %10s %10s%n",
        "sampler",
        "n",
        "asks",
        "wall med",
        "wall p90",
        "cpu med",
        "cpu p90");
    for (var e : optuna.entrySet()) {
      double[] ms = e.getValue()[0];
      double[] cpu = e.getValue()[1];
      System.out.printf(
          Locale.ROOT,
          "%-26s %8d %6d %10.3f %10.3f %10.3f %10.3f%n",
          "optuna-3.1-tpe",
          e.getKey(),
          ms.length,
          percentile(ms, 50),
          percentile(ms, 90),
          percentile(cpu, 50),
          percentile(cpu, 90));
    }
    System.out.println();
    System.out.println(
        "Ratios of medians, Rung / Optuna 3.1 (smaller is faster), wall-clock and CPU time:");
    for (String name : samplers.keySet()) {
      for (var e : optuna.entrySet()) {
        double[] rung = results.get(name + "@" + e.getKey());
        if (rung == null) {
          continue;
        }
        double wall = percentile(rung, 50) / percentile(e.getValue()[0], 50);
        double cpu =
            percentile(cpuResults.get(name + "@" + e.getKey()), 50)
                / percentile(e.getValue()[1], 50);
        System.out.printf(
            Locale.ROOT,
            "  %-26s @%-6d wall %8.4f (%.0fx faster)   cpu %8.4f (%.0fx faster)%n",
            name,
            e.getKey(),
            wall,
            1 / wall,
            cpu,
            1 / cpu);
      }
    }
  }

  private static void warmUp(Map<String, Supplier<Sampler>> samplers) {
    for (Supplier<Sampler> s : samplers.values()) {
      measure(s.get(), 1000, 300);
    }
  }

  /** Times {@code reps} asks on a study holding {@code n} finished trials. */
  static double[] measure(Sampler sampler, int n, int reps) {
    return measureBoth(sampler, n, reps).ms();
  }

  private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

  /**
   * Wall-clock and CPU milliseconds of {@code reps} asks on a study of {@code n} trials, and a
   * 64-bit digest of every value suggested: two builds that suggest the same values print the same
   * digest.
   */
  record Measured(double[] ms, double[] cpu, long digest) {}

  static Measured measureBoth(Sampler sampler, int n, int reps) {
    Study study = Study.builder().sampler(sampler).build();
    RandomGenerator rng = Seeds.rng(42, n);
    Map<String, Distribution> dists = new LinkedHashMap<>();
    for (int d = 0; d < DIMS; d++) {
      dists.put("x" + d, FloatDistribution.uniform(-5, 5));
    }
    for (int i = 0; i < n; i++) {
      Map<String, Object> params = new LinkedHashMap<>();
      double value = 0;
      for (int d = 0; d < DIMS; d++) {
        double x = -5 + 10 * rng.nextDouble();
        params.put("x" + d, x);
        value += x * x;
      }
      Instant now = Instant.now();
      study.addTrial(
          new FrozenTrial(
              0,
              TrialState.COMPLETE,
              List.of(value),
              params,
              dists,
              new TreeMap<>(),
              Map.of(),
              Map.of(),
              List.of(),
              now,
              now,
              null));
    }
    double[] ms = new double[reps];
    double[] cpu = new double[reps];
    long digest = 17;
    for (int r = 0; r < reps; r++) {
      long c0 = THREADS.getCurrentThreadCpuTime();
      long t0 = System.nanoTime();
      Trial t = study.ask();
      double value = 0;
      for (int d = 0; d < DIMS; d++) {
        double x = t.suggestFloat("x" + d, -5, 5);
        value += x * x;
        digest = 31 * digest + Double.doubleToLongBits(x);
      }
      ms[r] = (System.nanoTime() - t0) / 1e6;
      cpu[r] = (THREADS.getCurrentThreadCpuTime() - c0) / 1e6;
      study.tell(t, value);
    }
    return new Measured(ms, cpu, digest);
  }

  static double percentile(double[] values, double p) {
    double[] s = values.clone();
    Arrays.sort(s);
    double pos = p / 100 * (s.length - 1);
    int lo = (int) Math.floor(pos);
    int hi = (int) Math.ceil(pos);
    return s[lo] + (s[hi] - s[lo]) * (pos - lo);
  }

  private static Map<Integer, double[][]> runOptuna(List<Integer> sizes) throws Exception {
    Map<Integer, double[][]> out = new TreeMap<>();
    if (sizes.isEmpty()) {
      return out;
    }
    File script = Paths.benchFile("python/optuna_overhead.py");
    List<String> cmd = new ArrayList<>(List.of("/usr/bin/python3", script.getPath()));
    for (int n : sizes) {
      cmd.add(Integer.toString(n));
    }
    Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.INHERIT).start();
    try (BufferedReader r =
        new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
      String line;
      while ((line = r.readLine()) != null) {
        // "<n> <wall ms> ... | <cpu ms> ..."
        String[] halves = line.trim().split("\\|");
        String[] wall = halves[0].trim().split("\\s+");
        String[] cpu = halves[1].trim().split("\\s+");
        double[][] ms = new double[2][wall.length - 1];
        for (int i = 1; i < wall.length; i++) {
          ms[0][i - 1] = Double.parseDouble(wall[i]);
          ms[1][i - 1] = Double.parseDouble(cpu[i - 1]);
        }
        out.put(Integer.parseInt(wall[0]), ms);
      }
    }
    if (p.waitFor() != 0) {
      throw new IllegalStateException(
          "the Optuna reference script " + script + " exited with " + p.exitValue());
    }
    return out;
  }
}
