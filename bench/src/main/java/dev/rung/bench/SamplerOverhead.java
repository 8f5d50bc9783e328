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
    Args a = new Args(args, List.of("no-optuna"));
    List<Integer> sizes =
        a.list("sizes", "100,1000,10000").stream().map(Integer::parseInt).toList();
    int asks = a.getInt("asks", 0);
    Map<String, Supplier<Sampler>> samplers = new LinkedHashMap<>();
    samplers.put("rung-tpe-multivariate", () -> TpeSampler.builder().seed(1).build());
    samplers.put(
        "rung-tpe-independent", () -> TpeSampler.builder().seed(1).multivariate(false).build());
    samplers.put("rung-random", () -> new RandomSampler(1));
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
    System.out.printf(
        Locale.ROOT, "%-26s %8s %6s %10s %10s%n", "sampler", "n", "asks", "median", "p90");
    for (var e : samplers.entrySet()) {
      for (int n : sizes) {
        int reps = asks > 0 ? asks : n >= 10000 ? 40 : n >= 1000 ? 100 : 200;
        double[] ms = measure(e.getValue().get(), n, reps);
        results.put(e.getKey() + "@" + n, ms);
        System.out.printf(
            Locale.ROOT,
            "%-26s %8d %6d %10.3f %10.3f%n",
            e.getKey(),
            n,
            reps,
            percentile(ms, 50),
            percentile(ms, 90));
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
    Map<Integer, double[]> optuna = runOptuna(optunaSizes);
    System.out.printf(
        Locale.ROOT, "%-26s %8s %6s %10s %10s%n", "sampler", "n", "asks", "median", "p90");
    for (var e : optuna.entrySet()) {
      double[] ms = e.getValue();
      System.out.printf(
          Locale.ROOT,
          "%-26s %8d %6d %10.3f %10.3f%n",
          "optuna-3.1-tpe",
          e.getKey(),
          ms.length,
          percentile(ms, 50),
          percentile(ms, 90));
    }
    System.out.println();
    System.out.println("Ratios of medians, Rung / Optuna 3.1 (smaller is faster):");
    for (String name : samplers.keySet()) {
      for (var e : optuna.entrySet()) {
        double[] rung = results.get(name + "@" + e.getKey());
        if (rung == null) {
          continue;
        }
        double ratio = percentile(rung, 50) / percentile(e.getValue(), 50);
        System.out.printf(
            Locale.ROOT,
            "  %-26s @%-6d %10.4f  (%.0fx faster)%n",
            name,
            e.getKey(),
            ratio,
            1 / ratio);
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
    for (int r = 0; r < reps; r++) {
      long t0 = System.nanoTime();
      Trial t = study.ask();
      double value = 0;
      for (int d = 0; d < DIMS; d++) {
        double x = t.suggestFloat("x" + d, -5, 5);
        value += x * x;
      }
      ms[r] = (System.nanoTime() - t0) / 1e6;
      study.tell(t, value);
    }
    return ms;
  }

  static double percentile(double[] values, double p) {
    double[] s = values.clone();
    Arrays.sort(s);
    double pos = p / 100 * (s.length - 1);
    int lo = (int) Math.floor(pos);
    int hi = (int) Math.ceil(pos);
    return s[lo] + (s[hi] - s[lo]) * (pos - lo);
  }

  private static Map<Integer, double[]> runOptuna(List<Integer> sizes) throws Exception {
    Map<Integer, double[]> out = new TreeMap<>();
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
        // "<n> <ms> <ms> ..."
        String[] parts = line.trim().split("\\s+");
        if (parts.length < 2) {
          continue;
        }
        double[] ms = new double[parts.length - 1];
        for (int i = 1; i < parts.length; i++) {
          ms[i - 1] = Double.parseDouble(parts[i]);
        }
        out.put(Integer.parseInt(parts[0]), ms);
      }
    }
    if (p.waitFor() != 0) {
      throw new IllegalStateException(
          "the Optuna reference script " + script + " exited with " + p.exitValue());
    }
    return out;
  }
}
