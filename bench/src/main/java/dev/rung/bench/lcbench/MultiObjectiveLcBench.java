package dev.rung.bench.lcbench;

import dev.rung.bench.Args;
import dev.rung.job.config.SweepConfig;
import dev.rung.job.sim.SimulatedCluster;
import dev.rung.job.sim.SimulatedSweep;
import dev.rung.multi.Hypervolume;
import dev.rung.multi.ParetoFront;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Multi-objective sweeps with rungs on the LCBench surrogate: maximize validation accuracy at epoch
 * 52, minimize the training time per epoch (which the configuration fixes, as a network's latency
 * or parameter count is fixed by its architecture; the sweep names it {@code latency_ms}). The
 * product's sweep runs as {@link LcBenchSweep} runs it (driver-only simulation, 5,200 epochs, 1
 * slot), with three methods: MO-TPE at full budget (no pruning), MO-TPE with the default Hyperband
 * rungs ranked by Pareto rank, and random search with the same rungs.
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

  static final Map<String, List<String>> METHODS = new LinkedHashMap<>();

  static {
    List<String> two =
        List.of(
            "rung.study.directions=[maximize, minimize]",
            "rung.study.metrics=[val_accuracy, latency_ms]");
    METHODS.put("mo-tpe-full", concat(two, "rung.pruner.type=none"));
    METHODS.put("mo-tpe-hyperband", two);
    METHODS.put("random-hyperband", concat(two, "rung.sampler.type=random"));
  }

  private static List<String> concat(List<String> a, String b) {
    List<String> out = new ArrayList<>(a);
    out.add(b);
    return out;
  }

  record Run(String method, String task, int seed, SimulatedSweep.Trace trace) {}

  public static void main(String[] argv) throws Exception {
    Args a = new Args(argv, List.of());
    List<String> tasks = a.list("tasks", String.join(",", LcBenchModel.DEVELOPMENT_TASKS));
    int seeds = a.getInt("seeds", 5);
    int threads = a.getInt("threads", 1);
    PrintStream out = System.out;
    List<Run> runs = new ArrayList<>();
    long t0 = System.nanoTime();
    long cpu0 = LcBenchBench.cpuNanos();
    try (LcBenchModel model = LcBenchModel.load()) {
      ExecutorService pool = Executors.newFixedThreadPool(threads);
      try {
        List<Future<Run>> futures = new ArrayList<>();
        for (var m : METHODS.entrySet()) {
          for (String task : tasks) {
            for (int seed = 0; seed < seeds; seed++) {
              int sd = seed;
              futures.add(
                  pool.submit(
                      () -> {
                        SweepConfig c = LcBenchSweep.config(1, sd, m.getValue());
                        return new Run(m.getKey(), task, sd, run(model, task, c));
                      }));
            }
          }
        }
        for (Future<Run> f : futures) {
          runs.add(f.get());
        }
      } finally {
        pool.shutdown();
      }
    }
    out.printf(
        Locale.ROOT,
        "ran %d sweeps in %.1f s (%.1f s of CPU), load average %s%n",
        runs.size(),
        (System.nanoTime() - t0) / 1e9,
        (LcBenchBench.cpuNanos() - cpu0) / 1e9,
        LcBenchBench.loadAverage());
    print(out, runs, tasks, seeds);
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

  private static void print(PrintStream out, List<Run> runs, List<String> tasks, int seeds) {
    int budget = LcBenchSweep.BUDGET;
    double[] shares = {0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1.0};
    // Per task: the reference time and the largest final hypervolume of any run.
    Map<String, Double> refTime = new HashMap<>();
    for (Run r : runs) {
      for (SimulatedSweep.Finished f : r.trace().finished()) {
        refTime.merge(r.task(), f.values()[1], Math::max);
      }
    }
    Map<String, Double> bestFinal = new HashMap<>();
    for (Run r : runs) {
      bestFinal.merge(r.task(), hypervolume(r, budget, refTime.get(r.task())), Math::max);
    }
    out.println();
    out.println(
        "LCBench, two objectives (maximize val_accuracy at epoch 52, minimize seconds per epoch), "
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
    out.printf(Locale.ROOT, "  %s%n", "to-tpe-full");
    Map<String, double[]> curves = new LinkedHashMap<>();
    for (String m : METHODS.keySet()) {
      double[] curve = new double[budget / LcBenchModel.EPOCHS];
      for (int k = 0; k < curve.length; k++) {
        int at = (k + 1) * LcBenchModel.EPOCHS;
        double sum = 0;
        for (String task : tasks) {
          List<Double> perSeed = new ArrayList<>();
          for (Run r : runs) {
            if (r.method().equals(m) && r.task().equals(task)) {
              double b = bestFinal.get(task);
              perSeed.add(b > 0 ? hypervolume(r, at, refTime.get(task)) / b : 0);
            }
          }
          sum += median(perSeed);
        }
        curve[k] = sum / tasks.size();
      }
      curves.put(m, curve);
    }
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
      out.printf(Locale.ROOT, "  %s%n", reach);
    }
    out.println(
        "to-tpe-full: share of the budget after which the method's figure is at or above"
            + " mo-tpe-full's at 100% (checked every 52 epochs).");
  }

  /** The hypervolume of the run's fully trained trials within {@code epochs}. */
  static double hypervolume(Run r, double epochs, double refTime) {
    List<double[]> points = new ArrayList<>();
    for (SimulatedSweep.Finished f : r.trace().finished()) {
      if (f.epochs() <= epochs && Double.isFinite(f.values()[0])) {
        points.add(new double[] {-f.values()[0], f.values()[1]});
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
    return Hypervolume.of(kept.toArray(double[][]::new), new double[] {0, refTime * 1.0001});
  }

  private static double median(List<Double> v) {
    double[] a = v.stream().mapToDouble(Double::doubleValue).toArray();
    Arrays.sort(a);
    if (a.length == 0) {
      return 0;
    }
    return a.length % 2 == 1 ? a[a.length / 2] : (a[a.length / 2 - 1] + a[a.length / 2]) / 2;
  }
}
