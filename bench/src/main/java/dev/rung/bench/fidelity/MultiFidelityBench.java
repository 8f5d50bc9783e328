package dev.rung.bench.fidelity;

import dev.rung.bench.Args;
import dev.rung.bench.Bootstrap;
import dev.rung.bench.fidelity.Method.Mode;
import dev.rung.job.config.SweepConfigLoader;
import dev.rung.pruners.HyperbandPruner;
import dev.rung.pruners.PercentilePruner;
import dev.rung.pruners.RungAgreement;
import dev.rung.pruners.SamplerView;
import dev.rung.pruners.SuccessiveHalvingPruner;
import dev.rung.study.Direction;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * The multi-fidelity benchmark: every method spends the same budget of epochs on each problem, for
 * each seed; prints the best full-budget value found against the epochs spent (anytime), and the
 * epochs each method needs to reach the target: the median final best of full-budget TPE.
 *
 * <pre>
 * java -cp sampler/target/classes:bench/target/classes dev.rung.bench.fidelity.MultiFidelityBench \
 *     [--seeds 20] [--first-seed 0] [--epochs 81] [--trainings 40] [--problems curves,hartmann]
 *     [--csv curves.csv --direction maximize [--replay once|repeats]] [--methods name,name,...]
 * </pre>
 */
public final class MultiFidelityBench {
  private static final double[] CHECKPOINTS = {1 / 27.0, 1 / 9.0, 1 / 3.0, 2 / 3.0, 1};

  private MultiFidelityBench() {}

  /** All methods: the headline comparison first, then one lever changed at a time. */
  static List<Method> methods() {
    SamplerView bohb = SamplerView.HIGHEST_RUNG;
    Mode resume = Mode.SCHEDULED_RESUME;
    List<Method> m = new ArrayList<>();
    m.add(Method.full("tpe-full", true));
    // The sweep's defaults (rung-reference.conf): Hyperband from the first epoch, rungs that rank
    // only once they agree with the next, the sampler fitted on trusted rungs.
    m.add(product("product-default", SamplerView.TRUSTED_RUNG, RungAgreement.DEFAULT));
    // Its two levers, one at a time: BOHB's view as before (stopped trials shown PRUNED), and
    // every rung trusted from the start.
    m.add(product("product-bohb-view", SamplerView.HIGHEST_RUNG, RungAgreement.DEFAULT));
    m.add(product("product-no-agreement", SamplerView.TRUSTED_RUNG, null));
    // The sweep's pruner.type = asha: one bracket from epoch 1, eta 3, the default view and
    // agreement.
    m.add(
        product(
            "product-asha",
            r ->
                SuccessiveHalvingPruner.of(1, 3)
                    .withView(SamplerView.TRUSTED_RUNG)
                    .withAgreement(RungAgreement.DEFAULT)));
    // TPE's liar for trials in flight only (liar weight 0): the stopped trials keep their place.
    m.add(
        new Method(
            "product-liar0",
            true,
            Mode.SCHEDULED_RESUME,
            r ->
                HyperbandPruner.of(1, r, 3)
                    .withView(SamplerView.TRUSTED_RUNG)
                    .withAgreement(RungAgreement.DEFAULT),
            0.0));
    m.add(Method.inProcess("tpe-median", true, r -> PercentilePruner.median()));
    m.add(Method.asha("tpe-asha", true, 3, bohb));
    m.add(Method.hyperband("tpe-hyperband", true, 3, bohb, resume));
    m.add(Method.hyperband("random-hyperband", false, 3, bohb, resume));
    m.add(Method.full("random-full", false));
    // Optuna's way: in process, stop only, min resource 1, TPE sees every trial
    m.add(
        Method.inProcess(
            "tpe-hb-optuna-style",
            true,
            r -> HyperbandPruner.of(1, r, 3).withView(SamplerView.ALL)));
    m.add(Method.hyperband("tpe-hb-min1", true, 1, bohb, resume));
    m.add(Method.hyperband("tpe-hb-min9", true, 9, bohb, resume));
    m.add(Method.hyperband("tpe-hb-restart", true, 3, bohb, Mode.SCHEDULED_RESTART));
    m.add(Method.hyperband("tpe-hb-view-all", true, 3, SamplerView.ALL, resume));
    m.add(Method.hyperband("tpe-hb-view-bracket", true, 3, SamplerView.BRACKET, resume));
    m.add(Method.asha("tpe-asha-min1", true, 1, bohb));
    m.add(Method.asha("tpe-asha-view-all", true, 3, SamplerView.ALL));
    // reliability of the first rung: judge later (rank correlation with the final value grows)
    m.add(Method.hyperband("tpe-hb-min27", true, 27, bohb, resume));
    m.add(Method.asha("tpe-asha-min9", true, 9, bohb));
    m.add(Method.asha("tpe-asha-min27", true, 27, bohb));
    // eta: how hard each rung cuts (2 keeps half, 4 a quarter), with the first rung at 1 and 3
    m.add(Method.hyperband("tpe-hb-min1-eta2", true, 1, 2, bohb, resume));
    m.add(Method.hyperband("tpe-hb-min1-eta4", true, 1, 4, bohb, resume));
    m.add(Method.hyperband("tpe-hb-eta2", true, 3, 2, bohb, resume));
    m.add(Method.hyperband("tpe-hb-eta4", true, 3, 4, bohb, resume));
    m.add(Method.hyperband("tpe-hb-min1-view-all", true, 1, 3, SamplerView.ALL, resume));
    m.add(Method.hyperband("tpe-hb-min1-view-bracket", true, 1, 3, SamplerView.BRACKET, resume));
    m.add(Method.hyperband("random-hb-min1", false, 1, 3, bohb, resume));
    return m;
  }

  /** TPE with the sweep's Hyperband (min 1, eta 3), a view and a rung agreement (or none). */
  private static Method product(String name, SamplerView view, RungAgreement agreement) {
    return product(name, r -> HyperbandPruner.of(1, r, 3).withView(view).withAgreement(agreement));
  }

  /** TPE with the sweep's rungs from {@code pruner} and the sweep's random fraction with rungs. */
  private static Method product(String name, Method.PrunerFactory pruner) {
    return new Method(name, true, Mode.SCHEDULED_RESUME, pruner)
        .withRandomFraction(SweepConfigLoader.RANDOM_FRACTION_WITH_RUNGS);
  }

  public static void main(String[] args) throws IOException {
    Args opts = new Args(args, List.of(), OPTIONS);
    int seeds = opts.getInt("seeds", 20);
    int firstSeed = opts.getInt("first-seed", 0);
    if (seeds < 1) {
      throw new IllegalArgumentException("--seeds must be >= 1, got " + seeds);
    }
    if (firstSeed < 0) {
      throw new IllegalArgumentException("--first-seed must be >= 0, got " + firstSeed);
    }
    int epochs = opts.getInt("epochs", 81);
    int trainings = opts.getInt("trainings", 40);
    List<CurveProblem> problems = new ArrayList<>();
    String csv = opts.get("csv", null);
    String names = opts.get("problems", csv != null ? "replay" : "curves,hartmann");
    for (String p : names.split(",")) {
      switch (p.trim()) {
        case "curves" -> problems.add(new LearningCurveFamily(epochs));
        case "stats" -> System.out.println(CurveStats.describe(epochs, 2000, 7));
        case "hartmann" -> problems.add(new MultiFidelityHartmann(epochs));
        case "replay" -> {
          if (csv == null) {
            throw new IllegalArgumentException("problem 'replay' needs --csv FILE");
          }
          Direction d = Direction.parse(opts.get("direction", "minimize"));
          CurveTable table = CurveTable.read(Path.of(csv));
          if (d == Direction.MINIMIZE) {
            System.out.println(CurveStats.describe(table));
          }
          String replay = opts.get("replay", "once");
          if (!replay.equals("once") && !replay.equals("repeats")) {
            throw new IllegalArgumentException(
                "--replay is '" + replay + "': use once (default) or repeats");
          }
          problems.add(new TableReplay("replay", table, d, replay.equals("repeats")));
        }
        default ->
            throw new IllegalArgumentException(
                "problem '" + p + "' is not known: use curves, hartmann or replay");
      }
    }
    List<Method> methods = methods();
    if (opts.has("methods")) {
      List<String> wanted = Arrays.asList(opts.get("methods", null).split(","));
      List<String> known = methods.stream().map(Method::name).toList();
      for (String w : wanted) {
        if (!known.contains(w)) {
          throw new IllegalArgumentException(
              "--methods: unknown method '" + w + "': known are " + known);
        }
      }
      methods.removeIf(m -> !wanted.contains(m.name()) && !m.name().equals("tpe-full"));
    }
    if (opts.has("pruned-candidates")) {
      // TPE's candidates in the methods that prune; full-budget TPE, the target, keeps the default
      int n = opts.getInt("pruned-candidates", 0);
      if (n < 1) {
        throw new IllegalArgumentException("--pruned-candidates must be >= 1, got " + n);
      }
      methods.replaceAll(m -> m.mode() == Method.Mode.FULL ? m : m.withCandidates(n));
    }
    if (opts.has("pruned-random-fraction")) {
      // TPE's random fraction in the methods that prune; full-budget TPE keeps the default
      double f = opts.getDouble("pruned-random-fraction", 0);
      if (!(f >= 0 && f <= 1)) {
        throw new IllegalArgumentException("--pruned-random-fraction must be in [0, 1], got " + f);
      }
      methods.replaceAll(m -> m.mode() == Method.Mode.FULL ? m : m.withRandomFraction(f));
    }
    if (opts.has("pruned-random-candidates")) {
      // the uniform draws a random trial keeps the farthest of, in the methods that prune
      int n = opts.getInt("pruned-random-candidates", 0);
      if (n < 1) {
        throw new IllegalArgumentException("--pruned-random-candidates must be >= 1, got " + n);
      }
      methods.replaceAll(
          m -> m.mode() == Method.Mode.FULL || !m.tpe() ? m : m.withRandomCandidates(n));
    }
    if (opts.has("pruned-multivariate")) {
      // Whether TPE samples jointly in the methods that prune; full-budget TPE keeps the default
      boolean on = opts.getBoolean("pruned-multivariate", true);
      methods.replaceAll(
          m -> m.mode() == Method.Mode.FULL || !m.tpe() ? m : m.withMultivariate(on));
    }
    for (CurveProblem problem : problems) {
      if (problem instanceof LearningCurveFamily) {
        System.out.println(CurveStats.describe(epochs, 2000, 7));
      }
      report(problem, methods, firstSeed, seeds, (long) trainings * problem.maxEpochs(), trainings);
    }
  }

  private static void report(
      CurveProblem problem,
      List<Method> methods,
      int firstSeed,
      int seeds,
      long budget,
      int trainings) {
    System.out.printf(
        Locale.ROOT,
        "== %s: %d epochs per full training, budget %d epochs (%d full trainings) per run, %d"
            + " seeds (%d-%d)%n",
        problem.name(),
        problem.maxEpochs(),
        budget,
        trainings,
        seeds,
        firstSeed,
        firstSeed + seeds - 1);
    Map<String, List<Trace>> traces = new LinkedHashMap<>();
    for (Method m : methods) {
      List<Trace> list = new ArrayList<>();
      for (int s = 0; s < seeds; s++) {
        list.add(Simulation.run(problem, m, 1000 + firstSeed + s, budget));
      }
      traces.put(m.name(), list);
    }
    double[] finals = traces.get("tpe-full").stream().mapToDouble(t -> t.bestAt(budget)).toArray();
    double target = median(finals);
    System.out.printf(Locale.ROOT, "target = median final best of tpe-full = %.4f%n", target);
    StringBuilder head = new StringBuilder(String.format("%-22s %7s", "method", "trials"));
    for (double c : CHECKPOINTS) {
      head.append(String.format(Locale.ROOT, " %9s", "best@" + fraction(c)));
    }
    head.append(
        String.format(" %8s %12s %10s %13s", "reached", "epochs-to-t", "/budget", "90% interval"));
    System.out.println(head);
    for (var e : traces.entrySet()) {
      List<Trace> list = e.getValue();
      StringBuilder row =
          new StringBuilder(
              String.format(
                  Locale.ROOT,
                  "%-22s %7.0f",
                  e.getKey(),
                  list.stream().mapToInt(Trace::trials).average().orElse(0)));
      for (double c : CHECKPOINTS) {
        long r = Math.round(c * budget);
        row.append(
            String.format(
                Locale.ROOT,
                " %9.4f",
                median(list.stream().mapToDouble(t -> t.bestAt(r)).toArray())));
      }
      double[] toTarget =
          list.stream()
              .mapToDouble(
                  t -> {
                    long r = t.resourceToReach(target);
                    return r < 0 ? Double.POSITIVE_INFINITY : r;
                  })
              .toArray();
      long reached = Arrays.stream(toTarget).filter(Double::isFinite).count();
      double med = median(toTarget);
      row.append(String.format(Locale.ROOT, " %5d/%-2d", reached, list.size()));
      row.append(
          Double.isFinite(med)
              ? String.format(Locale.ROOT, " %12.0f %10.3f", med, med / budget)
              : String.format(" %12s %10s", "never", "-"));
      double[] interval = shareInterval(traces.get("tpe-full"), list, budget);
      row.append(String.format(" %13s", share(interval[0]) + "-" + share(interval[1])));
      System.out.println(row);
    }
    System.out.println();
  }

  /**
   * A 90 % percentile-bootstrap interval ({@link Bootstrap}) of the share of the budget {@code
   * method} needs to reach the target (both the target and the method's median recomputed on each
   * resample of the seeds, the same seeds for both, since run {@code s} of each uses seed {@code
   * s}); +infinity where a resample's median never reaches it.
   */
  static double[] shareInterval(List<Trace> full, List<Trace> method, long budget) {
    int n = full.size();
    SplittableRandom rng = Bootstrap.picks();
    double[] shares = new double[Bootstrap.RESAMPLES];
    double[] finals = new double[n];
    double[] toTarget = new double[n];
    for (int r = 0; r < Bootstrap.RESAMPLES; r++) {
      int[] pick = new int[n];
      for (int i = 0; i < n; i++) {
        pick[i] = rng.nextInt(n);
        finals[i] = full.get(pick[i]).bestAt(budget);
      }
      double target = median(finals);
      for (int i = 0; i < n; i++) {
        long reached = method.get(pick[i]).resourceToReach(target);
        toTarget[i] = reached < 0 ? Double.POSITIVE_INFINITY : reached;
      }
      shares[r] = median(toTarget) / budget;
    }
    return Bootstrap.interval90(shares);
  }

  private static String share(double v) {
    return Double.isFinite(v) ? String.format(Locale.ROOT, "%.2f", v) : "never";
  }

  private static String fraction(double c) {
    return c == 1 ? "1" : c == 2 / 3.0 ? "2/3" : "1/" + Math.round(1 / c);
  }

  /** The median; +infinity entries count as the largest values. */
  static double median(double[] values) {
    double[] v = values.clone();
    Arrays.sort(v);
    int n = v.length;
    return n % 2 == 1 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
  }

  private static final List<String> OPTIONS =
      List.of(
          "seeds",
          "first-seed",
          "epochs",
          "trainings",
          "problems",
          "csv",
          "direction",
          "replay",
          "methods",
          "pruned-candidates",
          "pruned-random-fraction",
          "pruned-random-candidates",
          "pruned-multivariate");
}
