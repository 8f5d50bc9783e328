package dev.rung.bench.multi;

import dev.rung.multi.Hypervolume;
import dev.rung.multi.ParetoFront;
import dev.rung.samplers.RandomSampler;
import dev.rung.samplers.Sampler;
import dev.rung.samplers.nsga2.Nsga2Sampler;
import dev.rung.samplers.tpe.TpeSampler;
import dev.rung.study.FrozenTrial;
import dev.rung.study.OptimizeOptions;
import dev.rung.study.Study;
import dev.rung.study.TrialState;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.LongFunction;

/**
 * Search quality of multi-objective samplers: the hypervolume of the feasible trials after 100 and
 * 200 trials on ZDT1, ZDT2 (30 variables each) and the constrained Binh-Korn problem, over 10 seeds
 * fixed in advance (1 to 10); prints the median and the interquartile range per sampler.
 *
 * <p>Samplers: random search, NSGA-II with Optuna's defaults, TPE with Rung's defaults (Optuna's
 * current ones: multivariate, constant liar; in a multi-objective study TPE splits the history by
 * non-domination rank and hypervolume).
 *
 * <p>Run: {@code mvn -q -B -o -pl bench -am compile && java -cp
 * bench/target/classes:sampler/target/classes dev.rung.bench.multi.MultiObjectiveBench [trials...]}
 */
public final class MultiObjectiveBench {
  static final long[] SEEDS = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10};
  static final int[] DEFAULT_CHECKPOINTS = {100, 200};

  /** The samplers compared, by name; one line per sampler. */
  static Map<String, LongFunction<Sampler>> samplers() {
    Map<String, LongFunction<Sampler>> s = new LinkedHashMap<>();
    s.put("random", RandomSampler::new);
    s.put("nsga2", seed -> Nsga2Sampler.builder().seed(seed).build());
    s.put("tpe", seed -> TpeSampler.builder().seed(seed).build());
    s.put("tpe-24", seed -> TpeSampler.builder().seed(seed).candidates(24).build());
    return s;
  }

  static List<MultiObjectiveProblem> problems() {
    return List.of(
        MultiObjectiveProblems.zdt1(30),
        MultiObjectiveProblems.zdt2(30),
        MultiObjectiveProblems.binhKorn());
  }

  private MultiObjectiveBench() {}

  /** Arguments: the trial counts to report (default 100 200), increasing. */
  public static void main(String[] args) {
    int[] checkpoints =
        args.length == 0
            ? DEFAULT_CHECKPOINTS
            : Arrays.stream(args).mapToInt(Integer::parseInt).sorted().toArray();
    int last = checkpoints[checkpoints.length - 1];
    System.out.printf(
        Locale.ROOT,
        "Hypervolume of the feasible trials: median [Q1, Q3] (IQR) over seeds %s%n%n",
        Arrays.toString(SEEDS));
    for (MultiObjectiveProblem problem : problems()) {
      System.out.printf(
          Locale.ROOT,
          "%s, reference point %s%s%n",
          problem.name(),
          Arrays.toString(problem.reference()),
          Double.isNaN(problem.optimalHypervolume())
              ? ""
              : String.format(
                  Locale.ROOT,
                  ", hypervolume of the true front %.4f",
                  problem.optimalHypervolume()));
      System.out.printf(Locale.ROOT, "  %-8s", "sampler");
      for (int c : checkpoints) {
        System.out.printf(Locale.ROOT, "  %-36s", "after " + c + " trials");
      }
      System.out.printf(Locale.ROOT, "  %s%n", "seconds");
      for (var e : samplers().entrySet()) {
        double[][] hv = new double[checkpoints.length][SEEDS.length];
        long start = System.nanoTime();
        for (int s = 0; s < SEEDS.length; s++) {
          Study study =
              Study.builder()
                  .directions(problem.directions())
                  .sampler(e.getValue().apply(SEEDS[s]))
                  .build();
          study.optimizeMulti(problem.objective(), OptimizeOptions.trials(last));
          List<FrozenTrial> trials = study.trials();
          for (int c = 0; c < checkpoints.length; c++) {
            hv[c][s] = hypervolume(trials.subList(0, checkpoints[c]), problem);
          }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.printf(Locale.ROOT, "  %-8s", e.getKey());
        for (double[] h : hv) {
          System.out.printf(Locale.ROOT, "  %-36s", summary(h));
        }
        System.out.printf(Locale.ROOT, "  %.1f%n", seconds);
      }
      System.out.println();
    }
  }

  /** Hypervolume of the COMPLETE, feasible trials among {@code trials}. */
  static double hypervolume(List<FrozenTrial> trials, MultiObjectiveProblem problem) {
    List<double[]> points = new ArrayList<>();
    for (FrozenTrial t : trials) {
      if (t.state() == TrialState.COMPLETE && t.isFeasible()) {
        points.add(ParetoFront.minimized(t.values(), problem.directions()));
      }
    }
    return Hypervolume.of(points.toArray(new double[0][]), problem.reference());
  }

  static String summary(double[] values) {
    double q1 = quantile(values, 0.25);
    double q3 = quantile(values, 0.75);
    return String.format(
        Locale.ROOT, "%.4f [%.4f, %.4f] (%.4f)", quantile(values, 0.5), q1, q3, q3 - q1);
  }

  /** The {@code q} quantile with linear interpolation between order statistics. */
  static double quantile(double[] values, double q) {
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    double pos = q * (sorted.length - 1);
    int lo = (int) Math.floor(pos);
    int hi = (int) Math.ceil(pos);
    return sorted[lo] + (pos - lo) * (sorted[hi] - sorted[lo]);
  }
}
