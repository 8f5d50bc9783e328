package dev.rung.bench.lcbench;

import com.typesafe.config.ConfigFactory;
import dev.rung.job.config.SweepConfig;
import dev.rung.job.config.SweepConfigLoader;
import dev.rung.job.driver.Progress;
import dev.rung.job.driver.StudyFactory;
import dev.rung.job.driver.SweepDriver;
import dev.rung.job.driver.SweepPolicy;
import dev.rung.job.driver.SweepSink;
import dev.rung.job.exec.SegmentResult;
import dev.rung.job.exec.SegmentTask;
import dev.rung.job.sim.SimulatedCluster;
import dev.rung.study.FrozenTrial;
import dev.rung.study.InMemoryStorage;
import dev.rung.study.Study;
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

  /**
   * What a run found as the budget was spent.
   *
   * @param epochs epochs consumed when the best value changed, ascending
   * @param best the best epoch-52 accuracy among fully trained trials from then on
   * @param trials trials started
   * @param complete trials trained to the end
   */
  public record Trace(int[] epochs, double[] best, int trials, int complete) {
    /** The best found within {@code budget} epochs, or NaN before the first full training. */
    public double bestAt(double budget) {
      double b = Double.NaN;
      for (int i = 0; i < epochs.length && epochs[i] <= budget; i++) {
        b = best[i];
      }
      return b;
    }
  }

  private LcBenchSweep() {}

  /** The validated sweep definition for a run with these overrides (HOCON key=value). */
  public static SweepConfig config(int slots, long seed, List<String> overrides) {
    List<String> all = new ArrayList<>();
    all.add("rung.sampler.seed=" + seed);
    all.add("rung.study.name=lcbench-" + seed);
    all.addAll(overrides);
    return SweepConfigLoader.load(
        ConfigFactory.parseString(String.format(DEFINITION, BUDGET, slots)), all);
  }

  /** Runs one sweep of {@code config} on {@code task} with {@code slots} simulated executors. */
  public static Trace run(LcBenchModel model, String task, SweepConfig config, int slots)
      throws InterruptedException {
    Study study = StudyFactory.create(config, new InMemoryStorage());
    SweepPolicy policy = SweepPolicy.of(config, study.pruner());
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
            return Math.max(1, Math.round(1000 * curve(p).epochSeconds(epoch)));
          }
        };
    Recorder recorder = new Recorder(policy.maxResource());
    SimulatedCluster cluster = new SimulatedCluster(slots, curveModel, false);
    SweepDriver driver =
        new SweepDriver(
            study,
            config.space(),
            policy,
            cluster,
            recorder,
            Progress.silent(),
            "/lcbench",
            config.sampler().seed());
    List<FrozenTrial> trials = driver.run();
    int complete = 0;
    for (FrozenTrial t : trials) {
      if (t.lastStep().orElse(0) >= policy.maxResource()) {
        complete++;
      }
    }
    return recorder.trace(trials.size(), complete);
  }

  /** Follows the epochs spent and the best fully trained trial as segments end. */
  private static final class Recorder implements SweepSink {
    private final int fullEpochs;
    private final List<int[]> points = new ArrayList<>();
    private final List<Double> bests = new ArrayList<>();
    private int consumed;
    private double best = Double.NEGATIVE_INFINITY;

    Recorder(int fullEpochs) {
      this.fullEpochs = fullEpochs;
    }

    @Override
    public void segmentEnded(SegmentTask task, SegmentResult result, String decision) {
      consumed += result.epochs().size();
      if (task.epochTo() >= fullEpochs
          && result.epochs().size() == task.epochs()
          && !result.epochs().isEmpty()) {
        double v = result.epochs().get(result.epochs().size() - 1).value();
        if (v > best) {
          best = v;
          points.add(new int[] {consumed});
          bests.add(v);
        }
      }
    }

    Trace trace(int trials, int complete) {
      int[] e = new int[points.size()];
      double[] b = new double[points.size()];
      for (int i = 0; i < e.length; i++) {
        e[i] = points.get(i)[0];
        b[i] = bests.get(i);
      }
      return new Trace(e, b, trials, complete);
    }

    @Override
    public void trialsChanged(List<FrozenTrial> all) {}

    @Override
    public void close() {}
  }
}
