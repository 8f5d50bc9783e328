package dev.rung.bench.lcbench;

import com.typesafe.config.ConfigFactory;
import dev.rung.job.config.SweepConfig;
import dev.rung.job.config.SweepConfigLoader;
import dev.rung.job.driver.WarmStartSource;
import dev.rung.job.sim.SimulatedCluster;
import dev.rung.job.sim.SimulatedSweep;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One sweep on one LCBench task, run as the product runs it: the sweep definition below on top of
 * the job's reference defaults ({@code rung-reference.conf}), the study, sampler and pruner that
 * {@link StudyFactory} and {@link SweepPolicy} build from it, and the {@link SweepDriver}
 * scheduling a {@link SimulatedCluster} whose segments train on the surrogate's curves (epoch times
 * from the surrogate too, so asynchronous slots finish out of order as on a cluster).
 *
 * <p>(a {@link SimulatedSweep}).
 *
 * <p>Protocol (that of Optuna's reference figures): a budget of 5,200 epochs (100 full trainings of
 * 52 epochs), val_accuracy maximized; what a run has found at any point is the best epoch-52
 * accuracy among its fully trained trials.
 */
public final class LcBenchSweep {
  /** Epochs of a whole study: 100 full trainings. */
  public static final int BUDGET = 100 * LcBenchModel.EPOCHS;

  /** LCBench's search space (YAHPO Gym's configuration space) and the protocol's budget. */
  static final String DEFINITION =
      """
      rung {
        study { name = lcbench, directions = [maximize], metrics = [val_accuracy] }
        space {
          batch_size { type = int, low = 16, high = 512, log = true }
          learning_rate { type = float, low = 1e-4, high = 1e-1, log = true }
          momentum { type = float, low = 0.1, high = 0.99 }
          weight_decay { type = float, low = 1e-5, high = 1e-1 }
          num_layers { type = int, low = 1, high = 5 }
          max_units { type = int, low = 64, high = 1024, log = true }
          max_dropout { type = float, low = 0.0, high = 1.0 }
        }
        training.epochs = 52
        budget { trials = 0, epochs = %d }
        execution { parallelism = %d, retries = 0 }
      }
      """;

  private LcBenchSweep() {}

  /** The validated sweep definition for a run with these overrides (HOCON key=value). */
  public static SweepConfig config(int slots, long seed, List<String> overrides) {
    List<String> all = new ArrayList<>();
    all.add("rung.sampler.seed=" + seed);
    all.add("rung.study.name=lcbench-" + seed);
    all.addAll(overrides);
    return SweepConfigLoader.loadForSimulation(
        ConfigFactory.parseString(String.format(DEFINITION, BUDGET, slots)), all);
  }

  /** Runs one sweep of {@code config} on {@code task} with {@code slots} simulated executors. */
  public static SimulatedSweep.Trace run(
      LcBenchModel model, String task, SweepConfig config, int slots) throws InterruptedException {
    return run(model, task, config, slots, false);
  }

  /**
   * As {@link #run(LcBenchModel, String, SweepConfig, int)}; with {@code equalEpochTimes} every
   * epoch of every configuration takes one simulated second instead of the surrogate's time, so
   * that asynchronous slots finish in the order they started (a diagnostic: what unequal training
   * times cost a sweep with several slots).
   */
  public static SimulatedSweep.Trace run(
      LcBenchModel model, String task, SweepConfig config, int slots, boolean equalEpochTimes)
      throws InterruptedException {
    return run(model, task, config, slots, equalEpochTimes, WarmStartSource.none());
  }

  /** As {@link #run(LcBenchModel, String, SweepConfig, int)}, warm-started from {@code warm}. */
  public static SimulatedSweep.Trace run(
      LcBenchModel model, String task, SweepConfig config, int slots, WarmStartSource warm)
      throws InterruptedException {
    return run(model, task, config, slots, false, warm);
  }

  private static SimulatedSweep.Trace run(
      LcBenchModel model,
      String task,
      SweepConfig config,
      int slots,
      boolean equalEpochTimes,
      WarmStartSource warm)
      throws InterruptedException {
    Map<Map<String, Object>, LcBenchModel.Curve> curves = new HashMap<>();
    SimulatedCluster.CurveModel curveModel =
        new SimulatedCluster.CurveModel() {
          private LcBenchModel.Curve curve(Map<String, Object> p) {
            return curves.computeIfAbsent(p, q -> model.curve(task, q));
          }

          @Override
          public double value(Map<String, Object> p, long seed, int epochs) {
            return curve(p).accuracyAt(epochs);
          }

          @Override
          public long epochMillis(Map<String, Object> p, long seed, int epoch) {
            return equalEpochTimes
                ? 1000
                : Math.max(1, Math.round(1000 * curve(p).epochSeconds(epoch)));
          }
        };
    return SimulatedSweep.run(config, curveModel, slots, warm);
  }
}
