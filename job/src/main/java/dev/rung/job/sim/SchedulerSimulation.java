package dev.rung.job.sim;

import dev.rung.distributions.CategoricalDistribution;
import dev.rung.distributions.FloatDistribution;
import dev.rung.distributions.IntDistribution;
import dev.rung.job.driver.DriverStats;
import dev.rung.job.driver.Progress;
import dev.rung.job.driver.SweepDriver;
import dev.rung.job.driver.SweepPolicy;
import dev.rung.job.driver.SweepSink;
import dev.rung.job.exec.SegmentResult;
import dev.rung.job.exec.SegmentTask;
import dev.rung.job.tables.SegmentOutcome;
import dev.rung.pruners.AshaScheduler;
import dev.rung.pruners.HyperbandPruner;
import dev.rung.samplers.RandomSampler;
import dev.rung.samplers.Sampler;
import dev.rung.samplers.tpe.TpeSampler;
import dev.rung.space.ParamSpec;
import dev.rung.space.SearchSpace;
import dev.rung.study.Direction;
import dev.rung.study.FrozenTrial;
import dev.rung.study.InMemoryStorage;
import dev.rung.study.Seeds;
import dev.rung.study.Study;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The driver alone, scheduling a large simulated cluster: how busy it keeps the executors and how
 * long it takes per decision. Run with {@code bin/rung simulate [executors] [trials] [sampler]}.
 */
public final class SchedulerSimulation {
  private SchedulerSimulation() {}

  /** Epoch times around a minute, longer for wider networks; accuracy curves that cross. */
  static SimulatedCluster.CurveModel networkLike() {
    return new SimulatedCluster.CurveModel() {
      @Override
      public double value(Map<String, Object> p, long seed, int epochs) {
        double lr = ((Number) p.get("lr")).doubleValue();
        int width = ((Number) p.get("width")).intValue();
        double opt = p.get("optimizer").equals("adam") ? 0.01 : 0;
        double top = 0.99 - 0.05 * Math.pow(Math.log10(lr) + 2.5, 2) - 30.0 / width + opt;
        double speed = 1 + 4 * lr * 10;
        double noise = 0.003 * Seeds.rng(seed, epochs).nextGaussian();
        return top * (1 - Math.exp(-epochs * speed / 6.0)) + noise;
      }

      @Override
      public long epochMillis(Map<String, Object> p, long seed, int epoch) {
        int width = ((Number) p.get("width")).intValue();
        return 40_000 + 40L * width + Seeds.rng(seed, 1000 + epoch).nextInt(10_000);
      }
    };
  }

  static SearchSpace space() {
    return new SearchSpace(
        List.of(
            ParamSpec.of("lr", FloatDistribution.logUniform(1e-4, 1e-1)),
            ParamSpec.of("width", IntDistribution.logScale(32, 1024)),
            ParamSpec.of("optimizer", CategoricalDistribution.of("adam", "sgd"))));
  }

  /** Simulated segments nobody needs to look at. */
  static final class NullSink implements SweepSink {
    @Override
    public void segmentEnded(SegmentTask task, SegmentResult result, SegmentOutcome decision) {}

    @Override
    public void trialsChanged(List<FrozenTrial> all) {}

    @Override
    public void close() {}
  }

  /** Runs one simulation and prints its figures. */
  public static void main(String[] args) throws InterruptedException {
    int executors = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
    int trials = args.length > 1 ? Integer.parseInt(args[1]) : 20_000;
    String samplerName = args.length > 2 ? args[2] : "tpe";
    Sampler sampler =
        samplerName.equals("random") ? new RandomSampler(1) : TpeSampler.builder().seed(1).build();
    Study study =
        Study.builder()
            .name("simulation")
            .direction(Direction.MAXIMIZE)
            .storage(new InMemoryStorage())
            .sampler(sampler)
            .pruner(HyperbandPruner.of(1, 27, 3))
            .build();
    SweepPolicy policy =
        new SweepPolicy(
            AshaScheduler.hyperband(1, 27, 3, 0),
            27,
            trials,
            0,
            0,
            0,
            0,
            List.of("val_accuracy"),
            null);
    SimulatedCluster cluster = new SimulatedCluster(executors, networkLike());
    long t0 = System.nanoTime();
    SweepDriver driver =
        new SweepDriver(
            study, space(), policy, cluster, new NullSink(), Progress.silent(), "/sim", 7);
    driver.run();
    double wall = (System.nanoTime() - t0) / 1e9;
    DriverStats s = driver.stats();
    List<Long> lat = s.dispatchLatencyNanos().stream().sorted().toList();
    System.out.printf(
        Locale.ROOT,
        "executors %d, trials %d, sampler %s: simulated %.1f h in %.1f s of driver time%n",
        executors,
        trials,
        samplerName,
        cluster.nowMillis() / 3.6e6,
        wall);
    System.out.printf(
        Locale.ROOT,
        "utilization while new trials start: %.1f%% (until the last segment starts: %.1f%%;"
            + " whole run, incl. the final drain: %.1f%%)%n",
        100 * cluster.utilizationWhileStartingTrials(),
        100 * cluster.utilizationUntilLastStart(),
        100 * cluster.utilization());
    System.out.printf(
        Locale.ROOT,
        "dispatch latency per result: median %.2f ms, p90 %.2f ms,"
            + " max %.2f ms; promotions %d%n",
        lat.get(lat.size() / 2) / 1e6,
        lat.get((int) (lat.size() * 0.9)) / 1e6,
        lat.get(lat.size() - 1) / 1e6,
        s.promotions());
  }
}
