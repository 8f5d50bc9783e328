package dev.rung.bench.lcbench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.management.OperatingSystemMXBean;
import dev.rung.bench.Args;
import dev.rung.job.config.InvalidConfigException;
import dev.rung.job.config.SweepConfig;
import dev.rung.job.sim.SimulatedSweep;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.ToDoubleFunction;
import java.util.stream.DoubleStream;

/**
 * {@code bin/bench lcbench}: the product's sweep on the LCBench development tasks beside Optuna
 * 3.1's figures on the same protocol, as anytime curves of regret against epochs spent.
 *
 * <p>Regret on a task is the task's best (the best epoch-52 accuracy any run in the table found,
 * Optuna's included) minus what a run found; the scoreboard gives, every 10 % of the budget, the
 * mean over tasks of the per-task median over seeds.
 */
public final class LcBenchBench {
  private LcBenchBench() {}

  /** A named set of sweep overrides; "default" has none: the product's defaults. */
  public record Variant(String name, List<String> overrides) {
    /**
     * {@code name} alone for a known variant, or {@code name:key=value;key=value} for any overrides
     * of the sweep definition.
     */
    static Variant parse(String spec) {
      int colon = spec.indexOf(':');
      if (colon < 0) {
        List<String> known = KNOWN.get(spec);
        if (known == null) {
          throw new IllegalArgumentException(
              "unknown variant '"
                  + spec
                  + "'; known: "
                  + KNOWN.keySet()
                  + ", or name:key=value;key=value");
        }
        return new Variant(spec, known);
      }
      return new Variant(spec.substring(0, colon), List.of(spec.substring(colon + 1).split(";")));
    }
  }

  static final Map<String, List<String>> KNOWN = new LinkedHashMap<>();

  /** The shares of the budget {@code --explain} looks at, here and in lcbench-multi. */
  static final double[] EXPLAINED = {0.1, 0.3, 0.5, 1.0};

  static {
    KNOWN.put("default", List.of());
    KNOWN.put("tpe-full", List.of("rung.pruner.type=none"));
    KNOWN.put("random-full", List.of("rung.sampler.type=random", "rung.pruner.type=none"));
    KNOWN.put("random-hyperband", List.of("rung.sampler.type=random"));
  }

  /** One run's result. */
  record Run(String method, int slots, String task, int seed, SimulatedSweep.Trace trace) {
    double bestAt(double epochs) {
      double b = trace.bestAt(epochs);
      return Double.isNaN(b) ? Double.NEGATIVE_INFINITY : b;
    }

    double finalBest() {
      return bestAt(Double.MAX_VALUE);
    }
  }

  public static void main(String[] argv) throws Exception {
    Args a =
        new Args(
            argv,
            List.of("per-task", "no-optuna", "equal-epoch-times", "explain"),
            List.of(
                "tasks",
                "seeds",
                "first-seed",
                "slots",
                "threads",
                "variants",
                "optuna",
                "task-sets"));
    List<String> tasks = a.list("tasks", String.join(",", LcBenchModel.DEVELOPMENT_TASKS));
    int seeds = a.getInt("seeds", 10);
    int firstSeed = a.getInt("first-seed", 0);
    List<Integer> slots = a.intList("slots", "1,8");
    List<Variant> variants =
        a.list("variants", "default,tpe-full,random-full").stream().map(Variant::parse).toList();
    int threads = a.getInt("threads", 1);
    List<String> optunaMethods =
        a.flag("no-optuna") ? List.of() : a.list("optuna", "tpe_full,tpe_hyperband,random_full");
    int taskSets = a.getInt("task-sets", 0);
    if (taskSets < 0 || taskSets > tasks.size()) {
      throw new IllegalArgumentException(
          "--task-sets is "
              + taskSets
              + ": it must be between 1 and the "
              + tasks.size()
              + " tasks (0: off)");
    }
    if (taskSets > 0
        && !(optunaMethods.contains("tpe_full") && optunaMethods.contains("tpe_hyperband"))) {
      throw new IllegalArgumentException(
          "--task-sets compares with Optuna's tpe_full and tpe_hyperband: drop --no-optuna, or"
              + " name both in --optuna");
    }

    PrintStream out = System.out;
    List<Run> runs = new ArrayList<>();
    try (LcBenchModel model = LcBenchModel.load()) {
      for (String t : tasks) {
        if (!model.knows(t)) {
          throw new IllegalArgumentException("--tasks: '" + t + "' is not an LCBench task");
        }
      }
      long t0 = System.nanoTime();
      long cpu0 = cpuNanos();
      runs.addAll(
          runAll(
              model,
              tasks,
              seeds,
              firstSeed,
              slots,
              variants,
              threads,
              a.flag("equal-epoch-times")));
      out.printf(
          Locale.ROOT,
          "ran %d sweeps in %.1f s (%.1f s of CPU), load average %s%n",
          runs.size(),
          (System.nanoTime() - t0) / 1e9,
          (cpuNanos() - cpu0) / 1e9,
          loadAverage());
    }
    List<Run> optuna = optunaRuns(optunaMethods, tasks, firstSeed, seeds);
    for (String note : optunaCoverage(optuna, optunaMethods, tasks, firstSeed, seeds)) {
      out.println(note);
    }
    List<Run> all = new ArrayList<>(optuna);
    all.addAll(runs);
    Scoreboard board = new Scoreboard(all, tasks);
    board.print(out, a.flag("per-task"));
    if (a.flag("explain")) {
      board.explain(out);
    }
    if (taskSets > 0) {
      board.taskSets(out, taskSets);
    }
  }

  static List<Run> runAll(
      LcBenchModel model,
      List<String> tasks,
      int seeds,
      int firstSeed,
      List<Integer> slots,
      List<Variant> variants,
      int threads,
      boolean equalEpochTimes)
      throws Exception {
    // Every definition is checked before any run: a bad override fails at once.
    for (Variant v : variants) {
      try {
        LcBenchSweep.config(1, 0, v.overrides());
      } catch (InvalidConfigException e) {
        throw new IllegalArgumentException("variant " + v.name() + ": " + e.getMessage(), e);
      }
    }
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<Future<Run>> futures = new ArrayList<>();
      for (Variant v : variants) {
        for (int s : slots) {
          for (String task : tasks) {
            for (int seed = firstSeed; seed < firstSeed + seeds; seed++) {
              int sd = seed;
              futures.add(
                  pool.submit(
                      () -> {
                        SweepConfig c = LcBenchSweep.config(s, sd, v.overrides());
                        return new Run(
                            v.name(),
                            s,
                            task,
                            sd,
                            LcBenchSweep.run(model, task, c, s, equalEpochTimes));
                      }));
            }
          }
        }
      }
      List<Run> out = new ArrayList<>();
      for (Future<Run> f : futures) {
        out.add(f.get());
      }
      return out;
    } finally {
      pool.shutdownNow();
    }
  }

  /** Optuna 3.1's runs on the same protocol, from the reference traces shipped with the bench. */
  static List<Run> optunaRuns(List<String> methods, List<String> tasks, int firstSeed, int seeds)
      throws IOException {
    if (methods.isEmpty()) {
      return List.of();
    }
    InputStream in = LcBenchBench.class.getResourceAsStream("/lcbench/optuna-3.1-runs.jsonl");
    if (in == null) {
      return List.of();
    }
    ObjectMapper json = new ObjectMapper();
    List<Run> out = new ArrayList<>();
    try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
      String line;
      while ((line = r.readLine()) != null) {
        if (line.isBlank()) {
          continue;
        }
        JsonNode n = json.readTree(line);
        String method = n.get("method").asText();
        String task = n.get("task").asText();
        int seed = n.get("seed").asInt();
        if (!methods.contains(method)
            || !tasks.contains(task)
            || seed < firstSeed
            || seed >= firstSeed + seeds
            || n.get("budget").asInt() != LcBenchSweep.BUDGET) {
          continue;
        }
        JsonNode tr = n.get("trace_final");
        int[] e = new int[tr.size()];
        double[] b = new double[tr.size()];
        for (int i = 0; i < e.length; i++) {
          e[i] = tr.get(i).get(0).asInt();
          b[i] = tr.get(i).get(1).asDouble();
        }
        out.add(
            new Run(
                "optuna " + method,
                1,
                task,
                seed,
                new SimulatedSweep.Trace(
                    e, b, n.get("n_trials").asInt(), n.get("n_complete").asInt())));
      }
    }
    return out;
  }

  /**
   * A line per Optuna method whose recorded runs do not cover every task and seed asked for (the
   * shipped runs cover seeds 0-19): its rows are then medians over fewer seeds than Rung's, or
   * missing, and the line says so rather than comparing silently. Empty when all are covered.
   */
  static List<String> optunaCoverage(
      List<Run> recorded, List<String> methods, List<String> tasks, int firstSeed, int seeds) {
    List<String> notes = new ArrayList<>();
    for (String method : methods) {
      Set<String> pairs = new HashSet<>();
      TreeSet<Integer> seedsSeen = new TreeSet<>();
      for (Run r : recorded) {
        if (r.method().equals("optuna " + method)) {
          pairs.add(r.task() + "/" + r.seed());
          seedsSeen.add(r.seed());
        }
      }
      long asked = (long) tasks.size() * seeds;
      if (pairs.size() < asked) {
        notes.add(
            String.format(
                Locale.ROOT,
                "note: Optuna %s is recorded for %d of the %d (task, seed) pairs asked for (seeds"
                    + " %d-%d asked; recorded among them: %s): its row is the median over the"
                    + " recorded seeds only",
                method,
                pairs.size(),
                asked,
                firstSeed,
                firstSeed + seeds - 1,
                seedsSeen.isEmpty() ? "none" : seedRanges(seedsSeen)));
      }
    }
    return notes;
  }

  /** "0-9, 12" for the seeds 0..9 and 12. */
  static String seedRanges(TreeSet<Integer> seeds) {
    List<String> ranges = new ArrayList<>();
    for (int start : seeds) {
      if (seeds.contains(start - 1)) {
        continue;
      }
      int end = start;
      while (seeds.contains(end + 1)) {
        end++;
      }
      ranges.add(start == end ? String.valueOf(start) : start + "-" + end);
    }
    return String.join(", ", ranges);
  }

  static String loadAverage() {
    try {
      return Files.readString(Path.of("/proc/loadavg")).trim().split(" ")[0];
    } catch (IOException | UncheckedIOException e) {
      return "unknown";
    }
  }

  static long cpuNanos() {
    var os = ManagementFactory.getOperatingSystemMXBean();
    if (os instanceof OperatingSystemMXBean sun) {
      return sun.getProcessCpuTime();
    }
    return 0;
  }

  /** The figures: anytime curves, budget to reach Optuna's final value, per-task finals. */
  static final class Scoreboard {
    private final List<String> tasks;
    private final Map<String, List<Run>> byMethod = new LinkedHashMap<>();
    private final Map<String, Double> taskBest = new LinkedHashMap<>();

    Scoreboard(List<Run> runs, List<String> tasks) {
      this.tasks = tasks;
      for (Run r : runs) {
        byMethod.computeIfAbsent(label(r), k -> new ArrayList<>()).add(r);
        taskBest.merge(r.task(), r.finalBest(), Math::max);
      }
    }

    private static String label(Run r) {
      return r.method().startsWith("optuna ") ? r.method() : r.method() + " x" + r.slots();
    }

    /** Mean over tasks of the per-task median regret after {@code epochs} epochs. */
    double regret(String method, double epochs) {
      return meanMedianRegret(byMethod.get(method), r -> r.bestAt(epochs));
    }

    /**
     * Mean over tasks of the per-task median over runs of the task best minus {@code found} of a
     * run (negative infinity: nothing found yet).
     */
    private double meanMedianRegret(List<Run> rs, ToDoubleFunction<Run> found) {
      double sum = 0;
      int n = 0;
      for (String t : tasks) {
        double[] v = rs.stream().filter(r -> r.task().equals(t)).mapToDouble(found).toArray();
        if (v.length == 0) {
          continue;
        }
        sum += taskBest.get(t) - median(v);
        n++;
      }
      return n == 0 ? Double.NaN : sum / n;
    }

    static double median(double[] v) {
      double[] s = v.clone();
      Arrays.sort(s);
      int n = s.length;
      return n % 2 == 1 ? s[n / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
    }

    /** The smallest whole number of trainings (52 epochs) after which the regret is at most r. */
    int epochsToReach(String method, double target) {
      for (int e = LcBenchModel.EPOCHS; e <= LcBenchSweep.BUDGET; e += LcBenchModel.EPOCHS) {
        if (regret(method, e) <= target + 1e-9) {
          return e;
        }
      }
      return -1;
    }

    void print(PrintStream out, boolean perTask) {
      int seeds =
          (int)
              byMethod.values().stream()
                  .flatMap(List::stream)
                  .mapToInt(Run::seed)
                  .distinct()
                  .count();
      out.printf(
          Locale.ROOT,
          "LCBench surrogate, %d tasks x %d seeds, budget %d epochs. Regret: task best minus the"
              + " best epoch-52 accuracy of fully trained trials; mean over tasks of the median"
              + " over seeds (accuracy points).%n%n",
          tasks.size(),
          seeds,
          LcBenchSweep.BUDGET);
      StringBuilder head = new StringBuilder(String.format(Locale.ROOT, "%-28s", "method"));
      for (int g = 1; g <= 10; g++) {
        head.append(String.format(Locale.ROOT, "%7s", (10 * g) + "%"));
      }
      head.append("  trials  full  to-tpe_full");
      out.println(head);
      double target =
          byMethod.containsKey("optuna tpe_full")
              ? regret("optuna tpe_full", LcBenchSweep.BUDGET)
              : Double.NaN;
      for (String m : byMethod.keySet()) {
        StringBuilder row = new StringBuilder(String.format(Locale.ROOT, "%-28s", m));
        for (int g = 1; g <= 10; g++) {
          double r = regret(m, g * LcBenchSweep.BUDGET / 10.0);
          row.append(
              Double.isInfinite(r)
                  ? String.format("%7s", "-")
                  : String.format(Locale.ROOT, "%7.2f", r));
        }
        List<Run> rs = byMethod.get(m);
        double trials = rs.stream().mapToInt(r -> r.trace().trials()).average().orElse(0);
        double full = rs.stream().mapToInt(r -> r.trace().complete()).average().orElse(0);
        String reach = "";
        if (!Double.isNaN(target)) {
          int e = epochsToReach(m, target);
          reach =
              e < 0
                  ? ">100%"
                  : String.format(Locale.ROOT, "%.0f%%", 100.0 * e / LcBenchSweep.BUDGET);
        }
        row.append(String.format(Locale.ROOT, "  %6.0f  %4.0f  %s", trials, full, reach));
        out.println(row);
      }
      out.println();
      out.println(
          "to-tpe_full: share of the budget after which the method's mean median regret is at or"
              + " below Optuna tpe_full's at 100% (checked every 52 epochs).");
      if (byMethod.containsKey("optuna tpe_full") && byMethod.containsKey("optuna tpe_hyperband")) {
        for (String m : byMethod.keySet()) {
          if (m.startsWith("optuna ")) {
            continue;
          }
          int ok = 0;
          for (int g = 1; g <= 10; g++) {
            double e = g * LcBenchSweep.BUDGET / 10.0;
            double better =
                Math.min(regret("optuna tpe_full", e), regret("optuna tpe_hyperband", e));
            if (regret(m, e) <= better + 1e-9) {
              ok++;
            }
          }
          out.printf(
              Locale.ROOT,
              "%s: at or below the better of Optuna tpe_full and tpe_hyperband at %d of 10"
                  + " checkpoints%n",
              m,
              ok);
        }
      }
      if (perTask) {
        out.println();
        out.println("Per task: median over seeds of the regret at 100% of the budget");
        StringBuilder h = new StringBuilder(String.format(Locale.ROOT, "%-8s %7s", "task", "best"));
        // One word per method ("default/x1", "optuna/tpe_full"), so the columns split on spaces.
        for (String m : byMethod.keySet()) {
          h.append(String.format(Locale.ROOT, " %20s", m.replace(' ', '/')));
        }
        out.println(h);
        for (String t : tasks) {
          StringBuilder row =
              new StringBuilder(String.format(Locale.ROOT, "%-8s %7.2f", t, taskBest.get(t)));
          for (String m : byMethod.keySet()) {
            double[] v =
                byMethod.get(m).stream()
                    .filter(r -> r.task().equals(t))
                    .mapToDouble(Run::finalBest)
                    .toArray();
            row.append(
                v.length == 0
                    ? String.format(Locale.ROOT, " %20s", "-")
                    : String.format(Locale.ROOT, " %20.2f", taskBest.get(t) - median(v)));
          }
          out.println(row);
        }
      }
    }

    /**
     * Where each of Rung's rows stands at a few shares of the budget: the trials trained to the end
     * and tried (mean per run), and the regret of the best trial tried, as if every trial tried had
     * been trained to the end. That separates what the sweep proposed from what stopping trials and
     * trainings not yet finished cost it.
     */
    void explain(PrintStream out) {
      out.println();
      out.println(
          "Explained: per run (mean), the trials trained to the end (full) and tried (tried, counted"
              + " from the end of their first segment); tried-regret: the regret of the best trial"
              + " tried, had every trial tried been trained to the end (mean over tasks of the"
              + " median over seeds; below 0 where it beats every fully trained trial in the"
              + " table). regret minus tried-regret is what stopping trials and trainings not yet"
              + " finished cost at that point.");
      out.printf(
          Locale.ROOT,
          "%-28s %6s %7s %7s %8s %13s%n",
          "method",
          "share",
          "full",
          "tried",
          "regret",
          "tried-regret");
      for (Map.Entry<String, List<Run>> e : byMethod.entrySet()) {
        if (e.getKey().startsWith("optuna ")) {
          continue;
        }
        List<Run> rs = e.getValue();
        for (double share : EXPLAINED) {
          double budget = share * LcBenchSweep.BUDGET;
          double full =
              rs.stream().mapToInt(r -> r.trace().finishedWithin(budget)).average().orElse(0);
          double tried =
              rs.stream().mapToInt(r -> r.trace().triedWithin(budget)).average().orElse(0);
          out.printf(
              Locale.ROOT,
              "%-28s %5.0f%% %7.1f %7.1f %8.2f %13.2f%n",
              e.getKey(),
              100 * share,
              full,
              tried,
              regret(e.getKey(), budget),
              triedRegret(rs, budget));
        }
      }
    }

    /**
     * Per task, the median over seeds of the regret of {@code method} after each whole number of
     * trainings: {@code [s][task]} after {@code s} trainings of 52 epochs, {@code s} from 0
     * (unused) to the budget's 100.
     */
    private double[][] perTaskRegret(String method) {
      int steps = LcBenchSweep.BUDGET / LcBenchModel.EPOCHS;
      double[][] out = new double[steps + 1][tasks.size()];
      for (int t = 0; t < tasks.size(); t++) {
        String task = tasks.get(t);
        List<Run> rs = byMethod.get(method).stream().filter(r -> r.task().equals(task)).toList();
        for (int s = 1; s <= steps; s++) {
          double e = s * (double) LcBenchModel.EPOCHS;
          out[s][t] =
              taskBest.get(task) - median(rs.stream().mapToDouble(r -> r.bestAt(e)).toArray());
        }
      }
      return out;
    }

    /**
     * The LCBench targets on every set of {@code k} of the tasks instead of all of them: for each
     * of Rung's rows, the share of the sets on which it ends at or below Optuna tpe_full, is at or
     * below the better of Optuna's two methods at every tenth of the budget, and reaches tpe_full's
     * final regret within a third of the budget, with the spread over the sets of its final regret
     * minus tpe_full's. A held-out check averages over a few tasks the defaults were not chosen on;
     * this shows how much of a verdict on all the tasks a few of them carry.
     */
    void taskSets(PrintStream out, int k) {
      // The options were checked before the sweeps ran; here, the recorded Optuna runs must cover
      // the tasks. The set size is checked by TaskSets.
      if (!byMethod.containsKey("optuna tpe_full")
          || !byMethod.containsKey("optuna tpe_hyperband")) {
        throw new IllegalArgumentException(
            "--task-sets: no recorded Optuna tpe_full and tpe_hyperband runs on these tasks");
      }
      int steps = LcBenchSweep.BUDGET / LcBenchModel.EPOCHS;
      int third = steps / 3;
      double[][] full = perTaskRegret("optuna tpe_full");
      double[][] hb = perTaskRegret("optuna tpe_hyperband");
      out.println();
      out.printf(
          Locale.ROOT,
          "Every set of %d of the %d tasks: the share of the sets on which each target holds (final:"
              + " at or below Optuna tpe_full at 100%%; tenths: at or below the better of tpe_full"
              + " and tpe_hyperband at all 10 checkpoints; third: at or below tpe_full's regret at"
              + " 100%% within %d%% of the budget), and the 5th, 50th and 95th percentile over the"
              + " sets of the regret at 100%% minus tpe_full's.%n",
          k,
          tasks.size(),
          Math.round(100.0 * third / steps));
      out.printf(
          Locale.ROOT,
          "%-28s %9s %7s %7s %7s %7s %7s %7s%n",
          "method",
          "sets",
          "final",
          "tenths",
          "third",
          "p5",
          "p50",
          "p95");
      for (String m : byMethod.keySet()) {
        if (m.startsWith("optuna ")) {
          continue;
        }
        double[][] mine = perTaskRegret(m);
        long[] holds = new long[3];
        DoubleStream.Builder diffs = DoubleStream.builder();
        long sets =
            TaskSets.forEach(
                tasks.size(),
                k,
                set -> {
                  double target = TaskSets.mean(full[steps], set);
                  double last = TaskSets.mean(mine[steps], set);
                  diffs.add(last - target);
                  if (last <= target + 1e-9) {
                    holds[0]++;
                  }
                  boolean tenths = true;
                  for (int g = 1; g <= 10 && tenths; g++) {
                    int s = g * steps / 10;
                    double better =
                        Math.min(TaskSets.mean(full[s], set), TaskSets.mean(hb[s], set));
                    tenths = TaskSets.mean(mine[s], set) <= better + 1e-9;
                  }
                  if (tenths) {
                    holds[1]++;
                  }
                  for (int s = 1; s <= third; s++) {
                    if (TaskSets.mean(mine[s], set) <= target + 1e-9) {
                      holds[2]++;
                      break;
                    }
                  }
                });
        double[] d = diffs.build().sorted().toArray();
        out.printf(
            Locale.ROOT,
            "%-28s %9d %6.1f%% %6.1f%% %6.1f%% %7.2f %7.2f %7.2f%n",
            m,
            sets,
            100.0 * holds[0] / sets,
            100.0 * holds[1] / sets,
            100.0 * holds[2] / sets,
            d[(int) Math.floor(0.05 * (d.length - 1))],
            d[(int) Math.floor(0.5 * (d.length - 1))],
            d[(int) Math.floor(0.95 * (d.length - 1))]);
      }
    }

    /** Mean over tasks of the median over seeds of the task best minus the best trial tried. */
    private double triedRegret(List<Run> rs, double budget) {
      return meanMedianRegret(
          rs,
          r -> {
            double b = r.trace().bestTriedAt(budget, true);
            return Double.isNaN(b) ? Double.NEGATIVE_INFINITY : b;
          });
    }
  }
}
