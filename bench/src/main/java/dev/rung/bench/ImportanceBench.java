package dev.rung.bench;

import dev.rung.distributions.Distribution;
import dev.rung.distributions.FloatDistribution;
import dev.rung.importance.FanovaEvaluator;
import dev.rung.importance.ImportanceEvaluator;
import dev.rung.importance.PedAnovaEvaluator;
import dev.rung.study.FrozenTrial;
import dev.rung.study.Seeds;
import dev.rung.study.TrialState;
import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.random.RandomGenerator;

/**
 * {@code bin/bench importance}: Rung's fANOVA and PED-ANOVA beside Optuna 3.1's fANOVA on the same
 * trials of a function with known importances.
 *
 * <p>Ten float parameters on [0, 1], {@code f = sum a_i g_i(x_i)}, each {@code g_i} of variance 1
 * (a line for even i, a sine for odd i), so the true shares are {@code a_i^2 / sum a_j^2}. Rung's
 * evaluators run after a warm-up, three times each (median CPU time of the thread and wall time).
 * Optuna runs once per size in {@code /usr/bin/python3} (or {@code python3}, or {@code
 * $RUNG_PYTHON} when set) on the trials written to a CSV file, timed with {@code
 * time.process_time()} around {@code get_param_importances} only; without Python, Optuna or
 * scikit-learn its column is skipped with a message.
 */
final class ImportanceBench {
  static final double[] WEIGHTS = {0, 2, 0, 5, 0.5, 0, 4, 1, 0, 3};
  private static final Distribution UNIT = FloatDistribution.uniform(0, 1);
  private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
  private static final int REPS = 3;

  private ImportanceBench() {}

  public static void main(String[] argv) throws Exception {
    Args args = new Args(argv, List.of("no-optuna"), List.of("sizes", "optuna-sizes", "seed"));
    List<Integer> sizes = args.intList("sizes", "1000,10000");
    List<Integer> optunaSizes =
        args.flag("no-optuna") ? List.of() : args.intList("optuna-sizes", "1000");
    long seed = args.getInt("seed", 0);
    printHeader(seed);
    Map<String, ImportanceEvaluator> evaluators = new LinkedHashMap<>();
    evaluators.put("Rung fANOVA", new FanovaEvaluator(seed));
    evaluators.put("Rung PED-ANOVA", new PedAnovaEvaluator());
    warmUp(evaluators);
    String python = optunaSizes.isEmpty() ? null : findPython();
    for (int n : sizes) {
      List<FrozenTrial> trials = trials(n, 1);
      Map<String, Timed> results = new LinkedHashMap<>();
      for (Map.Entry<String, ImportanceEvaluator> e : evaluators.entrySet()) {
        results.put(e.getKey(), time(e.getValue(), trials));
      }
      if (python != null && optunaSizes.contains(n)) {
        Timed optuna = runOptuna(python, trials, seed);
        if (optuna != null) {
          results.put("Optuna 3.1 fANOVA", optuna);
        }
      }
      printSize(n, results);
    }
    System.out.println("load average at the end (1, 5, 15 min): " + loadAverage());
  }

  /** Importances and the median CPU and wall milliseconds of a run. */
  record Timed(Map<String, Double> shares, double cpuMs, double wallMs) {}

  private static void printHeader(long seed) {
    System.out.println(
        "Parameter importance: 10 float parameters on [0, 1], f = sum a_i g_i(x_i), g_i of"
            + " variance 1 (a line for even i, a sine for odd i),");
    System.out.println(
        "a = "
            + Arrays.toString(WEIGHTS)
            + ", true shares a_i^2 / sum a_j^2; trials drawn uniformly.");
    System.out.println(
        "Rung: FanovaEvaluator(seed "
            + seed
            + ") = 64 trees of depth <= 64, PedAnovaEvaluator() = top 10 % against all trials;"
            + " median of "
            + REPS
            + " runs after a warm-up, CPU time of the thread.");
    System.out.println(
        "Optuna 3.1: get_param_importances(study, FanovaImportanceEvaluator(seed="
            + seed
            + ")) on the same trials, CPU = time.process_time() around the call. Optuna 3.1 has"
            + " no PED-ANOVA (it came in 3.6).");
    System.out.println("load average at the start (1, 5, 15 min): " + loadAverage());
  }

  private static void printSize(int n, Map<String, Timed> results) {
    List<String> names = new ArrayList<>();
    for (int i = 0; i < WEIGHTS.length; i++) {
      names.add("x" + i);
    }
    Map<String, Double> truth = new LinkedHashMap<>();
    names.stream()
        .sorted((a, b) -> Double.compare(trueShare(b), trueShare(a)))
        .forEach(name -> truth.put(name, trueShare(name)));
    System.out.printf("%n%,d trials%n", n);
    System.out.printf("  %-20s %12s %12s   %s%n", "evaluator", "CPU ms", "wall ms", "top 3");
    System.out.printf("  %-20s %12s %12s   %s%n", "true shares", "", "", top3(truth));
    for (Map.Entry<String, Timed> e : results.entrySet()) {
      Timed t = e.getValue();
      System.out.printf(
          "  %-20s %12.1f %12.1f   %s%n", e.getKey(), t.cpuMs(), t.wallMs(), top3(t.shares()));
    }
    Timed rung = results.get("Rung fANOVA");
    Timed optuna = results.get("Optuna 3.1 fANOVA");
    if (optuna != null) {
      System.out.printf(
          "  Optuna/Rung fANOVA: %.0fx CPU, %.0fx wall%n",
          optuna.cpuMs() / rung.cpuMs(), optuna.wallMs() / rung.wallMs());
    } else {
      System.out.println("  (no Optuna run at this size)");
    }
    System.out.printf("  %-6s %8s", "param", "true");
    for (String label : results.keySet()) {
      System.out.printf(" %19s", label);
    }
    System.out.println();
    for (String name : truth.keySet()) {
      System.out.printf("  %-6s %8.4f", name, truth.get(name));
      for (Timed t : results.values()) {
        System.out.printf(" %19.4f", t.shares().getOrDefault(name, Double.NaN));
      }
      System.out.println();
    }
  }

  private static String top3(Map<String, Double> shares) {
    return String.join(" ", new ArrayList<>(shares.keySet()).subList(0, 3));
  }

  static double trueShare(String name) {
    double sum = 0;
    for (double a : WEIGHTS) {
      sum += a * a;
    }
    double a = WEIGHTS[Integer.parseInt(name.substring(1))];
    return a * a / sum;
  }

  /** {@code n} COMPLETE trials of the function, drawn from {@code seed}. */
  static List<FrozenTrial> trials(int n, long seed) {
    RandomGenerator rng = Seeds.rng(seed, n);
    List<FrozenTrial> out = new ArrayList<>(n);
    for (int k = 0; k < n; k++) {
      FrozenTrial trial = FrozenTrial.create(k, TrialState.RUNNING, Instant.EPOCH);
      double value = 0;
      for (int i = 0; i < WEIGHTS.length; i++) {
        double x = rng.nextDouble();
        trial = trial.withParam("x" + i, x, UNIT);
        double g =
            i % 2 == 0 ? Math.sqrt(12) * (x - 0.5) : Math.sqrt(2) * Math.sin(2 * Math.PI * x);
        value += WEIGHTS[i] * g;
      }
      out.add(trial.finish(TrialState.COMPLETE, List.of(value), Instant.EPOCH, null));
    }
    return out;
  }

  private static void warmUp(Map<String, ImportanceEvaluator> evaluators) {
    List<FrozenTrial> trials = trials(1000, 2);
    for (ImportanceEvaluator e : evaluators.values()) {
      for (int r = 0; r < 2; r++) {
        e.evaluate(trials, FrozenTrial::value);
      }
    }
  }

  private static Timed time(ImportanceEvaluator evaluator, List<FrozenTrial> trials) {
    double[] cpu = new double[REPS];
    double[] wall = new double[REPS];
    Map<String, Double> shares = null;
    for (int r = 0; r < REPS; r++) {
      long c0 = THREADS.getCurrentThreadCpuTime();
      long t0 = System.nanoTime();
      shares = evaluator.evaluate(trials, FrozenTrial::value);
      wall[r] = (System.nanoTime() - t0) / 1e6;
      cpu[r] = (THREADS.getCurrentThreadCpuTime() - c0) / 1e6;
    }
    Arrays.sort(cpu);
    Arrays.sort(wall);
    return new Timed(shares, cpu[REPS / 2], wall[REPS / 2]);
  }

  /** The first Python that imports optuna and sklearn, or null after saying why. */
  private static String findPython() {
    String chosen = System.getenv("RUNG_PYTHON");
    List<String> candidates =
        chosen != null ? List.of(chosen) : List.of("/usr/bin/python3", "python3");
    for (String candidate : candidates) {
      try {
        Process p =
            new ProcessBuilder(candidate, "-c", "import optuna, sklearn")
                .redirectErrorStream(true)
                .start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0) {
          return candidate;
        }
        String last = out.strip().lines().reduce((a, b) -> b).orElse("");
        System.out.println("Optuna column: " + candidate + " cannot run it: " + last);
      } catch (IOException e) {
        System.out.println("Optuna column: no " + candidate + " (" + e.getMessage() + ")");
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return null;
      }
    }
    System.out.println(
        "Optuna column skipped: install python3-optuna and python3-sklearn"
            + " (apt-get install -y --no-install-recommends python3-sklearn) to compare.");
    return null;
  }

  /** Optuna's fANOVA on the same trials, or null (with a message) when the run fails. */
  private static Timed runOptuna(String python, List<FrozenTrial> trials, long seed)
      throws IOException, InterruptedException {
    File csv = File.createTempFile("rung-importance-", ".csv");
    csv.deleteOnExit();
    try (PrintWriter w = new PrintWriter(csv, StandardCharsets.UTF_8)) {
      List<String> names = new ArrayList<>(trials.get(0).params().keySet());
      w.println(String.join(",", names) + ",value");
      for (FrozenTrial t : trials) {
        StringBuilder row = new StringBuilder();
        for (String name : names) {
          row.append(t.params().get(name)).append(',');
        }
        w.println(row.append(t.value()));
      }
    }
    File script = Paths.benchFile("python/optuna_importance.py");
    Process p =
        new ProcessBuilder(python, script.getPath(), Long.toString(seed), csv.getPath())
            .redirectError(ProcessBuilder.Redirect.INHERIT)
            .start();
    String line;
    try (BufferedReader r =
        new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
      line = r.readLine();
    }
    int exit = p.waitFor();
    Files.deleteIfExists(csv.toPath());
    if (exit != 0 || line == null) {
      System.out.println("Optuna column skipped at " + trials.size() + " trials: exit " + exit);
      return null;
    }
    return parseOptuna(line);
  }

  /** A line of the Optuna script, "{@code <trials> <cpu s> <wall s> name=share ...}". */
  static Timed parseOptuna(String line) {
    String[] parts = line.trim().split("\\s+");
    Map<String, Double> shares = new LinkedHashMap<>();
    for (int i = 3; i < parts.length; i++) {
      String[] kv = parts[i].split("=", 2);
      shares.put(kv[0], Double.parseDouble(kv[1]));
    }
    return new Timed(
        shares, Double.parseDouble(parts[1]) * 1000, Double.parseDouble(parts[2]) * 1000);
  }

  private static String loadAverage() {
    try {
      String[] f = Files.readString(new File("/proc/loadavg").toPath()).trim().split("\\s+");
      return f[0] + " " + f[1] + " " + f[2];
    } catch (IOException e) {
      return "unknown";
    }
  }
}
