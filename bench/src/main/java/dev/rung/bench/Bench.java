package dev.rung.bench;

import dev.rung.bench.fidelity.CurveRecorder;
import dev.rung.bench.fidelity.MultiFidelityBench;
import dev.rung.bench.fidelity.SchedulerCost;
import dev.rung.bench.lcbench.LcBenchBench;
import dev.rung.bench.lcbench.MultiObjectiveLcBench;
import dev.rung.bench.lcbench.WarmStartBench;
import dev.rung.bench.multi.MultiObjectiveBench;
import dev.rung.bench.multi.ParetoSpeedBench;
import java.io.PrintStream;
import java.util.Arrays;

/** Entry point of {@code bin/bench <name> [options]}. */
public final class Bench {
  private Bench() {}

  public static void main(String[] args) throws Exception {
    int code = run(args, System.out, System.err);
    if (code != 0) {
      System.exit(code);
    }
  }

  /**
   * Runs the benchmark {@code args[0]} with the options after it; returns the exit code: 0, or 2
   * after a message on {@code err} for a missing or unknown benchmark, or bad options or values
   * (the message names them; no stack trace). {@code --help} anywhere prints the usage on {@code
   * out}.
   */
  static int run(String[] args, PrintStream out, PrintStream err) throws Exception {
    if (args.length == 0) {
      usage(err);
      return 2;
    }
    if (Arrays.asList(args).contains("--help") || args[0].equals("help")) {
      usage(out);
      return 0;
    }
    try {
      return run(args[0], Arrays.copyOfRange(args, 1, args.length), err);
    } catch (IllegalArgumentException e) {
      err.println("bin/bench " + args[0] + ": " + e.getMessage());
      err.println("(bin/bench --help lists the benchmarks and their options)");
      return 2;
    }
  }

  private static int run(String name, String[] rest, PrintStream err) throws Exception {
    switch (name) {
      case "sampler-overhead" -> SamplerOverhead.main(rest);
      case "search-quality" -> SearchQuality.main(rest);
      case "multi-fidelity" -> MultiFidelityBench.main(rest);
      case "scheduler-cost" -> SchedulerCost.main(rest);
      case "record-curves" -> CurveRecorder.main(rest);
      case "multi-objective" -> MultiObjectiveBench.main(rest);
      case "pareto-speed" -> ParetoSpeedBench.main(rest);
      case "scoreboard" -> Scoreboard.main(rest);
      case "lcbench" -> LcBenchBench.main(rest);
      case "warm-start" -> WarmStartBench.main(rest);
      case "lcbench-multi" -> MultiObjectiveLcBench.main(rest);
      case "importance" -> ImportanceBench.main(rest);
      default -> {
        err.println("unknown benchmark '" + name + "'");
        usage(err);
        return 2;
      }
    }
    return 0;
  }

  private static void usage(PrintStream out) {
    out.println(
        """
        usage: bin/bench <name> [options]
          sampler-overhead [--sizes 100,1000,10000] [--no-optuna] [--asks N] [--samplers a,b]
              ms per suggestion of Rung's samplers at each history size, beside Optuna 3.1
          search-quality [--problems a,b] [--seeds N] [--trials N] [--samplers a,b] [--in-flight K]
                         [--trial-times equal|spread]
              simple regret of random, TPE and multivariate TPE on thirteen problems
              (--in-flight K: K more asynchronous workers; with equal trial times each value is
              told K suggestions late; with spread times a trial's time depends on its first
              parameter and on chance, so the slow trials of one region stay in flight)
          multi-fidelity [--seeds 20] [--first-seed 0] [--epochs 81] [--trainings 40]
                         [--problems curves,hartmann] [--methods a,b]
                         [--csv FILE[.gz] --direction minimize|maximize]
                         [--pruned-candidates N] [--pruned-random-fraction F]
                         [--pruned-random-candidates N] [--pruned-multivariate true|false]
              TPE/random with full training, median pruning, ASHA and Hyperband at equal budget
          scheduler-cost [sizes 1000,5000,20000] [calls 50]
              ms per scheduler decision and per sampler view at each study size
          record-curves --out PREFIX [--space mlp|cnn] [--from 0] [--to 300] [--epochs 27]
                        [--seed 1] [--workers 1]
              trains DL4J networks on the UCI digits, writes PREFIX-error.csv, PREFIX-loss.csv
          multi-objective [trials 100 200]
              hypervolume of random, NSGA-II and TPE on ZDT1, ZDT2, Binh-Korn over 10 seeds
          pareto-speed
              ms of the Pareto front and non-dominated sorting of 10,000 points, vs brute force
          scoreboard [--lcbench-seeds 20] [--seeds 20] [--multi-seeds 10] [--threads 1]
              the whole development suite the defaults are chosen on (docs/defaults.md)
          lcbench [--tasks a,b] [--seeds 10] [--first-seed 0] [--slots 1,8]
                  [--variants default,tpe-full,...] [--threads 1] [--per-task] [--no-optuna]
                  [--equal-epoch-times] [--explain] [--task-sets K]
              the product's sweep on the LCBench development tasks beside Optuna 3.1: regret
              against epochs spent (a variant is name:key=value;key=value of sweep settings;
              --equal-epoch-times: every epoch takes the same time, slots finish in order;
              --explain: trials trained to the end and tried, and the regret had every trial
              tried been trained to the end, at 10/30/50/100 % of the budget; --task-sets K:
              on every set of K of the tasks, the share of the sets on which each target holds)
          warm-start [--tasks a,b] [--seeds 3] [--first-seed 0] [--slots 1] [--threads 1]
                     [--per-task] [--variants name:key=value;key=value,...]
              nightly sweeps on LCBench: night 2 warm-started from night 1 of the same task
              (share of the budget to night 1's final) and of the next task (regret vs cold)
          lcbench-multi [--problem lcbench|digits] [--tasks a,b] [--seeds 5] [--first-seed 0]
              [--threads 1] [--variants "name:key=value;..."] [--explain] [--csv FILE[.gz]]
              two objectives on LCBench (accuracy up, seconds per epoch down) or on the
              recorded digits MLP curves (--problem digits, 20 seeds: accuracy up, parameter
              count down): hypervolume against epochs of MO-TPE at full budget, MO-TPE with
              the default rungs (one ASHA bracket) and with Hyperband's, ranked by Pareto rank,
              and random search with the default rungs (--explain: trials tried and trained
              to the end, and the figure had every trial tried been trained to the end)
              (docs/multi-objective.md)
          importance [--sizes 1000,10000] [--optuna-sizes 1000] [--no-optuna] [--seed 0]
              ms of Rung's fANOVA and PED-ANOVA beside Optuna 3.1's fANOVA on the same trials of
              a function with known importances, with the rankings and shares\
        """);
  }
}
