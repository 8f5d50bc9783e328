package dev.rung.bench.lcbench;

import dev.rung.bench.Args;
import dev.rung.job.config.SweepConfig;
import dev.rung.job.driver.WarmStartSource;
import dev.rung.job.sim.SimulatedSweep;
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
 * {@code bin/bench warm-start}: nightly sweeps on the LCBench development tasks. Per task and seed,
 * night 1 is the product's default sweep with the whole budget (as {@code bin/bench lcbench} runs
 * it); night 2 runs with another seed, warm-started from night 1 of the same task, and from night 1
 * of the next task in the list (another data set: transfer must not hurt), beside a cold night 2
 * (the same seed, no warm start).
 *
 * <p>Figures: for the same task, the share of the budget after which night 2 has found at least
 * what night 1 found with all of it; for the other task, the regret at 100 % against the cold
 * start's. Regret on a task is the best any run of the table found on it minus what a run found.
 */
public final class WarmStartBench {
  private WarmStartBench() {}

  /** Night 2's seed is the night's seed plus this. */
  static final int NIGHT2_SEED = 1000;

  private record Key(String task, int seed) {}

  public static void main(String[] argv) throws Exception {
    Args a =
        new Args(
            argv,
            List.of("per-task"),
            List.of("tasks", "seeds", "first-seed", "slots", "threads", "variants"));
    List<String> tasks = a.list("tasks", String.join(",", LcBenchModel.DEVELOPMENT_TASKS));
    int seeds = a.getInt("seeds", 3);
    int firstSeed = a.getInt("first-seed", 0);
    int slots = a.getInt("slots", 1);
    int threads = a.getInt("threads", 1);
    List<LcBenchBench.Variant> variants =
        a.list("variants", "plain:rung.warm-start.weight=1").stream()
            .map(LcBenchBench.Variant::parse)
            .toList();
    PrintStream out = System.out;
    long t0 = System.nanoTime();
    Map<Key, SimulatedSweep.Trace> night1 = new HashMap<>();
    Map<Key, SimulatedSweep.Trace> cold = new HashMap<>();
    Map<String, Map<Key, SimulatedSweep.Trace>> same = new LinkedHashMap<>();
    Map<String, Map<Key, SimulatedSweep.Trace>> other = new LinkedHashMap<>();
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try (LcBenchModel model = LcBenchModel.load()) {
      List<Key> keys = new ArrayList<>();
      for (String t : tasks) {
        if (!model.knows(t)) {
          throw new IllegalArgumentException("--tasks: '" + t + "' is not an LCBench task");
        }
        for (int s = firstSeed; s < firstSeed + seeds; s++) {
          keys.add(new Key(t, s));
        }
      }
      Map<Key, Future<SimulatedSweep.Trace>> n1 = new LinkedHashMap<>();
      Map<Key, Future<SimulatedSweep.Trace>> c = new LinkedHashMap<>();
      for (Key k : keys) {
        n1.put(k, pool.submit(() -> run(model, k.task(), slots, k.seed(), List.of(), null)));
        c.put(
            k,
            pool.submit(
                () -> run(model, k.task(), slots, k.seed() + NIGHT2_SEED, List.of(), null)));
      }
      for (Key k : keys) {
        night1.put(k, n1.get(k).get());
        cold.put(k, c.get(k).get());
      }
      for (LcBenchBench.Variant v : variants) {
        Map<Key, Future<SimulatedSweep.Trace>> s = new LinkedHashMap<>();
        Map<Key, Future<SimulatedSweep.Trace>> o = new LinkedHashMap<>();
        for (Key k : keys) {
          String next = tasks.get((tasks.indexOf(k.task()) + 1) % tasks.size());
          SimulatedSweep.Trace fromSame = night1.get(k);
          SimulatedSweep.Trace fromOther = night1.get(new Key(next, k.seed()));
          int seed2 = k.seed() + NIGHT2_SEED;
          s.put(k, pool.submit(() -> run(model, k.task(), slots, seed2, v.overrides(), fromSame)));
          o.put(k, pool.submit(() -> run(model, k.task(), slots, seed2, v.overrides(), fromOther)));
        }
        same.put(v.name(), collect(s));
        other.put(v.name(), collect(o));
      }
    } finally {
      pool.shutdownNow();
    }
    Map<String, Double> taskBest = new HashMap<>();
    List<Map<Key, SimulatedSweep.Trace>> all = new ArrayList<>(List.of(night1, cold));
    all.addAll(same.values());
    all.addAll(other.values());
    for (Map<Key, SimulatedSweep.Trace> m : all) {
      m.forEach((k, t) -> taskBest.merge(k.task(), finalBest(t), Math::max));
    }
    out.printf(
        Locale.ROOT,
        "bin/bench warm-start %s%nran in %.1f s, load average %s; %d tasks x %d seeds, %d slot(s),"
            + " budget %d epochs%n",
        String.join(" ", argv),
        (System.nanoTime() - t0) / 1e9,
        LcBenchBench.loadAverage(),
        tasks.size(),
        seeds,
        slots,
        LcBenchSweep.BUDGET);
    out.printf(
        Locale.ROOT,
        "night 1 (default sweep): regret at 100 %% %.2f; cold night 2 (seed +%d): %.2f%n",
        regretAt(night1, taskBest, tasks, 1.0),
        NIGHT2_SEED,
        regretAt(cold, taskBest, tasks, 1.0));
    out.println(
        "| variant | same task: median share to night 1's final | within 10 % | regret at 10 %"
            + " | regret at 100 % | other task: regret at 100 % | cold | tasks worse / better |");
    out.println("|---|---:|---:|---:|---:|---:|---:|---:|");
    for (String v : same.keySet()) {
      Map<Key, SimulatedSweep.Trace> s = same.get(v);
      List<Double> shares = new ArrayList<>();
      for (var e : s.entrySet()) {
        shares.add(shareToReach(e.getValue(), finalBest(night1.get(e.getKey()))));
      }
      long within = shares.stream().filter(x -> x <= 0.1).count();
      int worse = 0;
      int better = 0;
      for (String t : tasks) {
        double w = medianRegret(other.get(v), taskBest, t, 1.0);
        double cr = medianRegret(cold, taskBest, t, 1.0);
        worse += w > cr + 1e-9 ? 1 : 0;
        better += w < cr - 1e-9 ? 1 : 0;
      }
      out.printf(
          Locale.ROOT,
          "| %s | %s | %d/%d | %.2f | %.2f | %.2f | %.2f | %d / %d |%n",
          v,
          shareText(median(shares)),
          within,
          shares.size(),
          regretAt(s, taskBest, tasks, 0.1),
          regretAt(s, taskBest, tasks, 1.0),
          regretAt(other.get(v), taskBest, tasks, 1.0),
          regretAt(cold, taskBest, tasks, 1.0),
          worse,
          better);
    }
    if (a.flag("per-task")) {
      for (String v : same.keySet()) {
        for (String t : tasks) {
          out.printf(
              Locale.ROOT,
              "%s %s: night 1 %.2f, same %.2f, other %.2f, cold %.2f%n",
              v,
              t,
              medianRegret(night1, taskBest, t, 1.0),
              medianRegret(same.get(v), taskBest, t, 1.0),
              medianRegret(other.get(v), taskBest, t, 1.0),
              medianRegret(cold, taskBest, t, 1.0));
        }
      }
    }
  }

  private static SimulatedSweep.Trace run(
      LcBenchModel model,
      String task,
      int slots,
      long seed,
      List<String> overrides,
      SimulatedSweep.Trace from)
      throws InterruptedException {
    List<String> all = new ArrayList<>(overrides);
    if (from != null) {
      all.add("rung.warm-start.from=night-1");
    }
    SweepConfig c = LcBenchSweep.config(slots, seed, all);
    WarmStartSource warm =
        from == null
            ? WarmStartSource.none()
            : WarmStartSource.of(c, "night-1", c.directions(), from.history());
    return LcBenchSweep.run(model, task, c, slots, warm);
  }

  private static Map<Key, SimulatedSweep.Trace> collect(
      Map<Key, Future<SimulatedSweep.Trace>> futures) throws Exception {
    Map<Key, SimulatedSweep.Trace> out = new LinkedHashMap<>();
    for (var e : futures.entrySet()) {
      out.put(e.getKey(), e.getValue().get());
    }
    return out;
  }

  private static double finalBest(SimulatedSweep.Trace t) {
    double b = t.finalBest();
    return Double.isNaN(b) ? Double.NEGATIVE_INFINITY : b;
  }

  /**
   * The share of the budget after which {@code t} has found at least {@code target}; +inf never.
   */
  static double shareToReach(SimulatedSweep.Trace t, double target) {
    for (int i = 0; i < t.epochs().length; i++) {
      if (t.best()[i] >= target) {
        return t.epochs()[i] / (double) LcBenchSweep.BUDGET;
      }
    }
    return Double.POSITIVE_INFINITY;
  }

  private static String shareText(double share) {
    return Double.isInfinite(share) ? "never" : String.format(Locale.ROOT, "%.1f %%", 100 * share);
  }

  /** Mean over tasks of the median over seeds of the regret after {@code share} of the budget. */
  private static double regretAt(
      Map<Key, SimulatedSweep.Trace> runs,
      Map<String, Double> taskBest,
      List<String> tasks,
      double share) {
    double sum = 0;
    for (String t : tasks) {
      sum += medianRegret(runs, taskBest, t, share);
    }
    return sum / tasks.size();
  }

  private static double medianRegret(
      Map<Key, SimulatedSweep.Trace> runs,
      Map<String, Double> taskBest,
      String task,
      double share) {
    List<Double> r = new ArrayList<>();
    runs.forEach(
        (k, t) -> {
          if (k.task().equals(task)) {
            double b = t.bestAt(share * LcBenchSweep.BUDGET);
            r.add(taskBest.get(task) - (Double.isNaN(b) ? 0 : b));
          }
        });
    return median(r);
  }

  static double median(List<Double> xs) {
    double[] v = xs.stream().mapToDouble(Double::doubleValue).toArray();
    Arrays.sort(v);
    int n = v.length;
    return n == 0 ? Double.NaN : n % 2 == 1 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
  }
}
