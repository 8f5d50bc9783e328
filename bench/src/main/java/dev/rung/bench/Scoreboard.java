package dev.rung.bench;

import dev.rung.bench.fidelity.MultiFidelityBench;
import dev.rung.bench.lcbench.LcBenchBench;
import dev.rung.bench.lcbench.MultiObjectiveLcBench;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code bin/bench scoreboard}: the whole development suite every default is chosen on, in one run:
 * the product's sweep on the 28 LCBench development tasks (1 and 8 slots, beside Optuna 3.1), the
 * thirteen search-quality problems (one worker, and eight with equal and with spread trial times),
 * and the multi-fidelity sources (Hartmann-6, the synthetic curve family, the recorded digits
 * curves), and the multi-objective sweeps with rungs (LCBench, 10 seeds by default; the digits
 * curves). The multi-fidelity sources and the digits with two objectives run on two seed sets: the
 * {@code --seeds} first ones and the as many next ones. docs/defaults.md says how the figures are
 * read.
 */
final class Scoreboard {
  private Scoreboard() {}

  static void main(String[] argv) throws Exception {
    Args a = new Args(argv, List.of(), List.of("lcbench-seeds", "seeds", "multi-seeds", "threads"));
    String lcSeeds = a.get("lcbench-seeds", "20");
    int seedCount = a.getInt("seeds", 20);
    if (seedCount < 1) {
      throw new IllegalArgumentException("--seeds must be >= 1, got " + seedCount);
    }
    String seeds = String.valueOf(seedCount);
    String threads = a.get("threads", "1");
    section("LCBench: the product's sweep against Optuna 3.1");
    LcBenchBench.main(
        new String[] {
          "--seeds",
          lcSeeds,
          "--slots",
          "1,8",
          "--threads",
          threads,
          "--variants",
          "default,tpe-full,random-full",
          // The held-out check runs six tasks: how the verdicts fare on every six of the 28.
          "--task-sets",
          "6"
        });
    section("Search quality: the default TPE against random search and Optuna's figures");
    SearchQuality.main(
        new String[] {"--seeds", seeds, "--samplers", "random,tpe-mv", "--threads", threads});
    section("Search quality with 7 trials in flight: the default TPE under asynchrony");
    SearchQuality.main(
        new String[] {
          "--seeds", seeds, "--samplers", "random,tpe-mv", "--threads", threads, "--in-flight", "7"
        });
    section(
        "Search quality with 7 trials in flight, trial times spread with the first parameter:"
            + " the slow trials stay in flight");
    SearchQuality.main(
        new String[] {
          "--seeds",
          seeds,
          "--samplers",
          "random,tpe-mv",
          "--threads",
          threads,
          "--in-flight",
          "7",
          "--trial-times",
          "spread"
        });
    // The multi-fidelity sources take seconds: each runs on two seed sets, so that a target met on
    // one set only shows as such.
    String secondSet = seeds;
    for (String first : List.of("0", secondSet)) {
      String which = " (seeds from " + first + ")";
      section("Multi-fidelity: Hartmann-6 and the synthetic curve family" + which);
      multiFidelity(seeds, first, "--problems", "hartmann,curves");
      for (String f : List.of("error", "loss")) {
        section("Multi-fidelity: recorded digits MLP curves, validation " + f + which);
        multiFidelity(seeds, first, "--csv", digits(f), "--direction", "minimize");
      }
    }
    section("Multi-objective with rungs: LCBench, accuracy against seconds per epoch");
    MultiObjectiveLcBench.main(
        new String[] {
          "--problem", "lcbench", "--seeds", a.get("multi-seeds", "10"), "--threads", threads
        });
    for (String first : List.of("0", secondSet)) {
      section(
          "Multi-objective with rungs: recorded digits MLP curves, accuracy against parameters"
              + " (seeds from "
              + first
              + ")");
      MultiObjectiveLcBench.main(
          new String[] {
            "--problem",
            "digits",
            "--csv",
            digits("error"),
            "--seeds",
            seeds,
            "--first-seed",
            first,
            "--threads",
            threads
          });
    }
  }

  /** Full-budget TPE, the default sweep and random search on one multi-fidelity source. */
  private static void multiFidelity(String seeds, String first, String... source) throws Exception {
    List<String> args = new ArrayList<>(List.of("--seeds", seeds, "--first-seed", first));
    args.addAll(List.of(source));
    args.addAll(List.of("--methods", "tpe-full,product-default,random-full"));
    MultiFidelityBench.main(args.toArray(String[]::new));
  }

  private static String digits(String what) {
    Path p =
        Path.of(
            System.getenv().getOrDefault("RUNG_HOME", "."),
            "bench/src/main/resources/dev/rung/bench/fidelity/digits-mlp-" + what + ".csv.gz");
    if (!Files.isRegularFile(p)) {
      throw new IllegalStateException(p + " is missing: run from the repository (bin/bench)");
    }
    return p.toString();
  }

  private static void section(String title) {
    System.out.println();
    System.out.println("######## " + title);
    System.out.println();
  }
}
