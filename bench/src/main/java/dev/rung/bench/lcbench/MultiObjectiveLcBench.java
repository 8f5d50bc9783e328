package dev.rung.bench.lcbench;

import dev.rung.bench.Args;
import dev.rung.bench.Bootstrap;
import dev.rung.bench.fidelity.DigitsParetoSweep;
import dev.rung.job.config.SweepConfig;
import dev.rung.job.sim.SimulatedCluster;
import dev.rung.job.sim.SimulatedSweep;
import dev.rung.multi.Hypervolume;
import dev.rung.multi.ParetoFront;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;

/**
 * Multi-objective sweeps with rungs on the LCBench surrogate: maximize validation accuracy at epoch
 * 52, minimize the training time per epoch (which the configuration fixes, as a network's latency
 * or parameter count is fixed by its architecture; the sweep names it {@code latency_ms}). The
 * product's sweep runs as {@link LcBenchSweep} runs it (driver-only simulation, 5,200 epochs, 1
 * slot), with four methods: MO-TPE at full budget (no pruning), MO-TPE with the default rungs (one
 * ASHA bracket for several objectives) ranked by Pareto rank, MO-TPE with Hyperband's brackets, and
 * random search with the default rungs. With {@code --problem digits}, the same four methods sweep
 * the recorded digits MLP curves ({@link DigitsParetoSweep}: accuracy up, parameter count down, 40
 * full trainings of 27 epochs), the parameter count measured on a log scale (log10) in the
 * hypervolume, as model sizes span orders of magnitude. {@code --variants
 * "name:key=value;key=value,..."} adds MO-TPE with rungs and other settings, as candidates for the
 * multi-objective defaults.
 *
 * <p>What a run has found at a point of its budget is the hypervolume of the fully trained trials
 * so far (minimized: minus accuracy, seconds per epoch), against the reference point (0 % accuracy,
 * the largest seconds per epoch any run of the task trained), divided by the largest final
 * hypervolume any run of the task reached: 1 is the best front found on that task. Printed: the
 * mean over tasks of the median over seeds at every 10 % of the budget, and the share of the budget
 * after which each method's figure reaches MO-TPE's full-budget final figure.
 */
public final class MultiObjectiveLcBench {
  private MultiObjectiveLcBench() {}

  /**
   * The four methods and then each of {@code variants} (MO-TPE with rungs and the variant's
   * settings: {@code --variants "name:key=value;key=value"}), as overrides of the sweep for a study
   * of accuracy and {@code second}.
   */
  static Map<String, List<String>> methods(String second, List<LcBenchBench.Variant> variants) {
    List<String> two =
        List.of(
            "rung.study.directions=[maximize, minimize]",
            "rung.study.metrics=[val_accuracy, " + second + "]");
    Map<String, List<String>> methods = new LinkedHashMap<>();
    methods.put("mo-tpe-full", concat(two, "rung.pruner.type=none"));
    // The sweep's default pruner (pruner.type = auto: one ASHA bracket for several objectives),
    // Hyperband's brackets beside it, and random search with the default's rungs.
    methods.put("mo-tpe-default", two);
    methods.put("mo-tpe-hyperband", concat(two, "rung.pruner.type=hyperband"));
    methods.put("random-default", concat(two, "rung.sampler.type=random"));
    for (LcBenchBench.Variant v : variants) {
      if (methods.containsKey(v.name())) {
        throw new IllegalArgumentException("--variants: '" + v.name() + "' is a method already");
      }
      List<String> overrides = new ArrayList<>(two);
      overrides.addAll(v.overrides());
      methods.put(v.name(), overrides);
    }
    return methods;
  }

  private static List<String> concat(List<String> a, String b) {
    List<String> out = new ArrayList<>(a);
    out.add(b);
    return out;
  }

  record Run(String method, String task, int seed, SimulatedSweep.Trace trace) {}

  /**
   * What a run of the benchmark sweeps: its tasks, budget, second objective and how one sweep of a
   * task runs.
   */
  private record Problem(
      String title,
      List<String> tasks,
      int budget,
      int epochsPerTraining,
      String second,
      boolean logSecond,
      SweepOfTask sweep,
      Map<String, List<String>> methods) {
    /** The second objective as the hypervolume measures it: on a log scale for counts. */
    double scaled(double second) {
      return logSecond ? Math.log10(second) : second;
    }
  }

  @FunctionalInterface
  private interface SweepOfTask {
    SimulatedSweep.Trace run(String task, int seed, List<String> overrides) throws Exception;
  }

  public static void main(String[] argv) throws Exception {
    Args a =
        new Args(
            argv,
            List.of("explain"),
            List.of("problem", "tasks", "seeds", "first-seed", "threads", "variants", "csv"));
    String which = a.get("problem", "lcbench");
    List<LcBenchBench.Variant> variants =
        a.list("variants", "").stream()
            .filter(v -> !v.isBlank())
            .map(LcBenchBench.Variant::parse)
            .toList();
    int threads = a.getInt("threads", 1);
    int firstSeed = a.getInt("first-seed", 0);
    PrintStream out = System.out;
    long t0 = System.nanoTime();
    long cpu0 = LcBenchBench.cpuNanos();
    List<Run> runs;
    Problem problem;
    int seeds;
    switch (which) {
      case "lcbench" -> {
        List<String> tasks = a.list("tasks", String.join(",", LcBenchModel.DEVELOPMENT_TASKS));
        seeds = a.getInt("seeds", 5);
        try (LcBenchModel model = LcBenchModel.load()) {
          problem =
              new Problem(
                  "LCBench, two objectives (maximize val_accuracy at epoch 52, minimize seconds per"
                      + " epoch)",
                  tasks,
                  LcBenchSweep.BUDGET,
                  LcBenchModel.EPOCHS,
                  "latency_ms",
                  false,
                  (task, seed, overrides) ->
                      run(model, task, LcBenchSweep.config(1, seed, overrides)),
                  methods("latency_ms", variants));
          runs = runAll(problem, firstSeed, seeds, threads);
        }
      }
      case "digits" -> {
        seeds = a.getInt("seeds", 20);
        DigitsParetoSweep digits = DigitsParetoSweep.load(Path.of(a.get("csv", DIGITS_CSV)));
        problem =
            new Problem(
                "Recorded digits MLP curves, two objectives (maximize validation accuracy at epoch "
                    + digits.epochs()
                    + ", minimize the parameter count)",
                List.of("digits"),
                DigitsParetoSweep.TRAININGS * digits.epochs(),
                digits.epochs(),
                "param_count",
                true,
                (task, seed, overrides) -> digits.run(seed, overrides),
                methods("param_count", variants));
        runs = runAll(problem, firstSeed, seeds, threads);
      }
      default ->
          throw new IllegalArgumentException(
              "--problem is '" + which + "', expected lcbench or digits");
    }
    out.printf(
        Locale.ROOT,
        "ran %d sweeps in %.1f s (%.1f s of CPU), load average %s%n",
        runs.size(),
        (System.nanoTime() - t0) / 1e9,
        (LcBenchBench.cpuNanos() - cpu0) / 1e9,
        LcBenchBench.loadAverage());
    print(out, runs, problem, seeds, a.flag("explain"));
  }

  /** The recorded digits curves, from the repository's root (or RUNG_HOME). */
  static final String DIGITS_CSV =
      Path.of(
              System.getenv().getOrDefault("RUNG_HOME", "."),
              "bench/src/main/resources/dev/rung/bench/fidelity/digits-mlp-error.csv.gz")
          .toString();

  private static List<Run> runAll(Problem problem, int firstSeed, int seeds, int threads)
      throws Exception {
    List<Run> runs = new ArrayList<>();
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<Future<Run>> futures = new ArrayList<>();
      for (var m : problem.methods().entrySet()) {
        for (String task : problem.tasks()) {
          for (int seed = firstSeed; seed < firstSeed + seeds; seed++) {
            int sd = seed;
            futures.add(
                pool.submit(
                    () ->
                        new Run(
                            m.getKey(), task, sd, problem.sweep().run(task, sd, m.getValue()))));
          }
        }
      }
      for (Future<Run> f : futures) {
        runs.add(f.get());
      }
    } finally {
      pool.shutdown();
    }
    return runs;
  }

  /** One sweep whose trials also report the configuration's seconds per epoch. */
  static SimulatedSweep.Trace run(LcBenchModel model, String task, SweepConfig config)
      throws InterruptedException {
    Map<Map<String, Object>, LcBenchModel.Curve> curves = new HashMap<>();
    SimulatedCluster.CurveModel curveModel =
        new SimulatedCluster.CurveModel() {
          private synchronized LcBenchModel.Curve curve(Map<String, Object> p) {
            return curves.computeIfAbsent(p, q -> model.curve(task, q));
          }

          @Override
          public double value(Map<String, Object> p, long seed, int epochs) {
            return curve(p).accuracyAt(epochs);
          }

          @Override
          public Map<String, Double> metrics(Map<String, Object> p, long seed, int epochs) {
            return Map.of("latency_ms", secondsPerEpoch(curve(p)));
          }

          @Override
          public long epochMillis(Map<String, Object> p, long seed, int epoch) {
            return Math.max(1, Math.round(1000 * curve(p).epochSeconds(epoch)));
          }
        };
    return SimulatedSweep.run(config, curveModel, 1);
  }

  static double secondsPerEpoch(LcBenchModel.Curve c) {
    return c.seconds()[c.seconds().length - 1] / c.seconds().length;
  }

  private static void print(
      PrintStream out, List<Run> runs, Problem problem, int seeds, boolean explain) {
    List<String> tasks = problem.tasks();
    int budget = problem.budget();
    int step = problem.epochsPerTraining();
    double[] shares = {0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1.0};
    // Per task: the reference time and the largest final hypervolume of any run.
    Map<String, Double> refTime = new HashMap<>();
    for (Run r : runs) {
      for (SimulatedSweep.Finished f : r.trace().finished()) {
        refTime.merge(r.task(), problem.scaled(f.values()[1]), Math::max);
      }
    }
    Map<String, Double> bestFinal = new HashMap<>();
    for (Run r : runs) {
      bestFinal.merge(r.task(), hypervolume(r, budget, refTime.get(r.task()), problem), Math::max);
    }
    out.println();
    out.println(
        problem.title()
            + ", "
            + tasks.size()
            + " tasks x "
            + seeds
            + " seeds, budget "
            + budget
            + " epochs, 1 slot. Figure: hypervolume of the fully trained trials / the task's"
            + " largest final hypervolume; mean over tasks of the median over seeds.");
    out.printf(Locale.ROOT, "%-20s", "method");
    for (double s : shares) {
      out.printf(Locale.ROOT, "%7s", Math.round(s * 100) + "%");
    }
    out.printf(Locale.ROOT, "  %-12s %s%n", "to-tpe-full", "90% interval");
    // figures[task][seed][checkpoint] per method, the seeds in the same order for every method
    List<Integer> seedList = runs.stream().map(Run::seed).distinct().sorted().toList();
    Map<String, double[][][]> figures = new LinkedHashMap<>();
    for (String m : problem.methods().keySet()) {
      double[][][] f = new double[tasks.size()][seedList.size()][budget / step];
      for (Run r : runs) {
        if (r.method().equals(m)) {
          int t = tasks.indexOf(r.task());
          double[] row = f[t][seedList.indexOf(r.seed())];
          double b = bestFinal.get(r.task());
          for (int k = 0; k < row.length; k++) {
            row[k] = b > 0 ? hypervolume(r, (k + 1) * step, refTime.get(r.task()), problem) / b : 0;
          }
        }
      }
      figures.put(m, f);
    }
    Map<String, double[]> curves = new LinkedHashMap<>();
    int[] all = IntStream.range(0, seedList.size()).toArray();
    figures.forEach((m, f) -> curves.put(m, curve(f, all)));
    double target = curves.get("mo-tpe-full")[curves.get("mo-tpe-full").length - 1];
    for (var e : curves.entrySet()) {
      double[] c = e.getValue();
      out.printf(Locale.ROOT, "%-20s", e.getKey());
      for (double s : shares) {
        out.printf(Locale.ROOT, "%7.3f", c[(int) Math.round(s * c.length) - 1]);
      }
      String reach = ">100%";
      for (int k = 0; k < c.length; k++) {
        if (c[k] >= target) {
          reach = Math.round(100.0 * (k + 1) / c.length) + "%";
          break;
        }
      }
      double[] interval = reachInterval(figures.get("mo-tpe-full"), figures.get(e.getKey()));
      out.printf(Locale.ROOT, "  %-12s %s-%s%n", reach, percent(interval[0]), percent(interval[1]));
    }
    out.println(
        "to-tpe-full: share of the budget after which the method's figure is at or above"
            + " mo-tpe-full's at 100% (checked every "
            + step
            + " epochs); 90% interval: over "
            + Bootstrap.RESAMPLES
            + " resamples of the seeds, the target recomputed on each.");
    if (explain) {
      explain(out, runs, problem, refTime, bestFinal);
    }
  }

  /**
   * Per method, at a few shares of the budget: the trials trained to the end and tried (mean per
   * run), and the figure of the trials tried had every one been trained to the end.
   */
  private static void explain(
      PrintStream out,
      List<Run> runs,
      Problem problem,
      Map<String, Double> refTime,
      Map<String, Double> bestFinal) {
    out.println();
    out.println(
        "Explained: per run (mean), the trials trained to the end (full) and tried (tried, counted"
            + " from the end of their first segment); tried-figure: the figure had every trial"
            + " tried been trained to the end (above 1 where it beats every run's final front).");
    out.printf(
        Locale.ROOT,
        "%-20s %6s %7s %7s %8s %13s%n",
        "method",
        "share",
        "full",
        "tried",
        "figure",
        "tried-figure");
    for (String m : problem.methods().keySet()) {
      List<Run> rs = runs.stream().filter(r -> r.method().equals(m)).toList();
      for (double share : LcBenchBench.EXPLAINED) {
        double at = share * problem.budget();
        double full = rs.stream().mapToInt(r -> r.trace().finishedWithin(at)).average().orElse(0);
        double tried = rs.stream().mapToInt(r -> r.trace().triedWithin(at)).average().orElse(0);
        double trained = 0;
        double ifTrained = 0;
        for (String task : problem.tasks()) {
          List<Double> a = new ArrayList<>();
          List<Double> b = new ArrayList<>();
          double best = bestFinal.get(task);
          for (Run r : rs) {
            if (r.task().equals(task) && best > 0) {
              a.add(
                  hypervolume(
                          SimulatedSweep.within(r.trace().finished(), at),
                          refTime.get(task),
                          problem)
                      / best);
              b.add(
                  hypervolume(
                          SimulatedSweep.within(r.trace().tried(), at), refTime.get(task), problem)
                      / best);
            }
          }
          trained += median(a);
          ifTrained += median(b);
        }
        out.printf(
            Locale.ROOT,
            "%-20s %5.0f%% %7.1f %7.1f %8.3f %13.3f%n",
            m,
            100 * share,
            full,
            tried,
            trained / problem.tasks().size(),
            ifTrained / problem.tasks().size());
      }
    }
  }

  /** The hypervolume of the run's fully trained trials within {@code epochs}. */
  static double hypervolume(Run r, double epochs, double refTime, Problem problem) {
    return hypervolume(SimulatedSweep.within(r.trace().finished(), epochs), refTime, problem);
  }

  /**
   * The hypervolume of the non-dominated points among {@code values} (accuracy, second objective),
   * from accuracy 0 and the task's reference second objective; points beyond it add nothing.
   */
  private static double hypervolume(List<double[]> values, double refTime, Problem problem) {
    double reference = refTime * 1.0001;
    List<double[]> points = new ArrayList<>();
    for (double[] v : values) {
      double second = problem.scaled(v[1]);
      if (Double.isFinite(v[0]) && second < reference) {
        points.add(new double[] {-v[0], second});
      }
    }
    if (points.isEmpty()) {
      return 0;
    }
    double[][] all = points.toArray(double[][]::new);
    boolean[] front = ParetoFront.nonDominated(all);
    List<double[]> kept = new ArrayList<>();
    for (int i = 0; i < all.length; i++) {
      if (front[i]) {
        kept.add(all[i]);
      }
    }
    return Hypervolume.of(kept.toArray(double[][]::new), new double[] {0, reference});
  }

  /**
   * The figure at every checkpoint: the mean over tasks of the median over the seeds {@code pick}
   * (indices, repeats allowed) of {@code figures[task][seed][checkpoint]}.
   */
  static double[] curve(double[][][] figures, int[] pick) {
    int checkpoints = figures[0][0].length;
    double[] curve = new double[checkpoints];
    double[] v = new double[pick.length];
    for (int k = 0; k < checkpoints; k++) {
      double sum = 0;
      for (double[][] task : figures) {
        for (int i = 0; i < pick.length; i++) {
          v[i] = task[pick[i]][k];
        }
        sum += median(v);
      }
      curve[k] = sum / figures.length;
    }
    return curve;
  }

  /**
   * A 90 % percentile-bootstrap interval ({@link Bootstrap}) of the share of the budget after which
   * {@code method}'s figure is at or above {@code full}'s final one: the seeds resampled (the same
   * picks for both, since run {@code s} of each uses seed {@code s}), the target recomputed on
   * each; +infinity where a resample never reaches it. Arrays are {@code [task][seed][checkpoint]},
   * checkpoints evenly spaced up to the whole budget.
   */
  static double[] reachInterval(double[][][] full, double[][][] method) {
    int seeds = full[0].length;
    SplittableRandom rng = Bootstrap.picks();
    double[] reach = new double[Bootstrap.RESAMPLES];
    int[] pick = new int[seeds];
    for (int r = 0; r < Bootstrap.RESAMPLES; r++) {
      for (int i = 0; i < seeds; i++) {
        pick[i] = rng.nextInt(seeds);
      }
      double[] target = curve(full, pick);
      double[] c = curve(method, pick);
      reach[r] = Double.POSITIVE_INFINITY;
      for (int k = 0; k < c.length; k++) {
        if (c[k] >= target[target.length - 1]) {
          reach[r] = (k + 1.0) / c.length;
          break;
        }
      }
    }
    return Bootstrap.interval90(reach);
  }

  private static String percent(double share) {
    return Double.isFinite(share) ? Math.round(100 * share) + "%" : "never";
  }

  private static double median(double[] values) {
    double[] v = values.clone();
    Arrays.sort(v);
    int n = v.length;
    return n % 2 == 1 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
  }

  private static double median(List<Double> v) {
    return v.isEmpty() ? 0 : median(v.stream().mapToDouble(Double::doubleValue).toArray());
  }
}
