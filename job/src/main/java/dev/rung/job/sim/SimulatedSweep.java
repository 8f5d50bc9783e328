package dev.rung.job.sim;

import dev.rung.job.config.SweepConfig;
import dev.rung.job.driver.Progress;
import dev.rung.job.driver.StudyFactory;
import dev.rung.job.driver.SweepDriver;
import dev.rung.job.driver.SweepPolicy;
import dev.rung.job.driver.SweepSink;
import dev.rung.job.driver.WarmStartSource;
import dev.rung.job.exec.SegmentResult;
import dev.rung.job.exec.SegmentTask;
import dev.rung.job.tables.SegmentOutcome;
import dev.rung.study.Direction;
import dev.rung.study.FrozenTrial;
import dev.rung.study.InMemoryStorage;
import dev.rung.study.Study;
import dev.rung.training.loop.EpochMetrics;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A whole sweep as the product runs it — the study, sampler and pruner {@link StudyFactory} builds
 * from a sweep definition, the rules of {@link SweepPolicy} and the {@link SweepDriver} — on a
 * {@link SimulatedCluster} whose clock ignores the driver's own time, so that the same definition
 * and curves give the same run on any machine. For benchmarks of search quality against epochs
 * spent, and for tests of the defaults.
 */
public final class SimulatedSweep {
  private SimulatedSweep() {}

  /**
   * What a run found as its budget was spent.
   *
   * @param epochs epochs consumed when the best fully trained value changed, ascending
   * @param best the best value at the full resource among fully trained trials from then on
   * @param trials trials started
   * @param complete trials trained to the full resource
   * @param history the study's trials at the end (empty when not kept)
   * @param finished every fully trained trial's values, in the study's metrics' order, with the
   *     epochs consumed when it finished ({@link Finished})
   * @param tried every trial, in the order its first segment ended, with what it would have reached
   *     trained to the end ({@link Tried})
   */
  public record Trace(
      int[] epochs,
      double[] best,
      int trials,
      int complete,
      List<FrozenTrial> history,
      List<Finished> finished,
      List<Tried> tried) {
    /** A trace without the study's trials nor the fully trained or tried trials' values. */
    public Trace(int[] epochs, double[] best, int trials, int complete) {
      this(epochs, best, trials, complete, List.of(), List.of(), List.of());
    }

    /** The trials whose first segment ended within {@code budget} epochs. */
    public int triedWithin(double budget) {
      return within(tried, budget).size();
    }

    /** The trials trained to the full resource within {@code budget} epochs. */
    public int finishedWithin(double budget) {
      return within(finished, budget).size();
    }

    /**
     * The best value at the full resource among the trials tried within {@code budget} epochs, as
     * if each had been trained to the end (what the sweep proposed, whatever it then stopped), or
     * NaN before the first.
     */
    public double bestTriedAt(double budget, boolean maximize) {
      double b = Double.NaN;
      for (Tried t : tried) {
        if (t.epochs() <= budget
            && (Double.isNaN(b) || (maximize ? t.fullValue() > b : t.fullValue() < b))) {
          b = t.fullValue();
        }
      }
      return b;
    }

    /** The best found within {@code budget} epochs, or NaN before the first full training. */
    public double bestAt(double budget) {
      double b = Double.NaN;
      for (int i = 0; i < epochs.length && epochs[i] <= budget; i++) {
        b = best[i];
      }
      return b;
    }

    /** The best found with the whole budget, or NaN when no trial was fully trained. */
    public double finalBest() {
      return best.length == 0 ? Double.NaN : best[best.length - 1];
    }
  }

  /**
   * A trial trained to the full resource.
   *
   * @param epochs the epochs the whole sweep had consumed when it finished
   * @param values its values, one per metric of the study
   */
  public record Finished(int epochs, double[] values) implements Reached {}

  /** Values a trial reached, in the study's metrics' order, and the epochs spent when known. */
  public interface Reached {
    int epochs();

    double[] values();
  }

  /** The values of {@code reached} known within {@code budget} epochs, in order. */
  public static List<double[]> within(List<? extends Reached> reached, double budget) {
    List<double[]> out = new ArrayList<>();
    for (Reached r : reached) {
      if (r.epochs() <= budget) {
        out.add(r.values());
      }
    }
    return out;
  }

  /**
   * A trial as first tried, with what the curve model gives it at the full resource: what training
   * it to the end gives, whether the sweep did or stopped it earlier.
   *
   * @param epochs the epochs the whole sweep had consumed when its first segment ended
   * @param fullValue the objective at the full resource
   * @param values every metric of the study at the full resource, in the study's metrics' order
   */
  public record Tried(int epochs, double fullValue, double[] values) implements Reached {}

  /** Runs the sweep {@code config} on {@code slots} simulated executors training {@code curves}. */
  public static Trace run(SweepConfig config, SimulatedCluster.CurveModel curves, int slots)
      throws InterruptedException {
    return run(config, curves, slots, WarmStartSource.none());
  }

  /**
   * As {@link #run(SweepConfig, SimulatedCluster.CurveModel, int)}, warm-started from {@code
   * warmStart}; the trace keeps the study's trials (to warm-start a later run from).
   */
  public static Trace run(
      SweepConfig config, SimulatedCluster.CurveModel curves, int slots, WarmStartSource warmStart)
      throws InterruptedException {
    Study study = StudyFactory.create(config, new InMemoryStorage(), warmStart);
    SweepPolicy policy = SweepPolicy.of(config, study.pruner());
    Recorder recorder =
        new Recorder(
            policy.maxResource(),
            config.directions().get(0) == Direction.MAXIMIZE,
            config.metrics(),
            curves);
    SweepDriver driver =
        new SweepDriver(
                study,
                config.space(),
                policy,
                new SimulatedCluster(slots, curves, false),
                recorder,
                Progress.silent(),
                "/simulated",
                config.sampler().seed())
            .warmStartedFrom(warmStart, config.warmStart().fullBracket());
    List<FrozenTrial> trials = driver.run();
    int complete = 0;
    for (FrozenTrial t : trials) {
      if (t.lastStep().orElse(0) >= policy.maxResource()) {
        complete++;
      }
    }
    return recorder.trace(trials, complete);
  }

  /** Follows the epochs spent and the best fully trained trial as segments end. */
  private static final class Recorder implements SweepSink {
    private final int fullEpochs;
    private final boolean maximize;
    private final List<Integer> epochs = new ArrayList<>();
    private final List<Double> bests = new ArrayList<>();
    private int consumed;
    private double best = Double.NaN;
    private final List<String> metrics;
    private final List<Finished> finished = new ArrayList<>();
    private final SimulatedCluster.CurveModel curves;
    private final Set<Integer> seen = new HashSet<>();
    private final List<Tried> tried = new ArrayList<>();

    Recorder(
        int fullEpochs,
        boolean maximize,
        List<String> metrics,
        SimulatedCluster.CurveModel curves) {
      this.fullEpochs = fullEpochs;
      this.maximize = maximize;
      this.metrics = metrics;
      this.curves = curves;
    }

    @Override
    public void segmentEnded(SegmentTask task, SegmentResult result, SegmentOutcome decision) {
      consumed += result.epochs().size();
      if (seen.add(task.trial())) {
        Map<String, Double> full =
            new HashMap<>(curves.metrics(task.params(), task.seed(), fullEpochs));
        double objective = curves.value(task.params(), task.seed(), fullEpochs);
        full.put(task.objective(), objective);
        double[] values = new double[metrics.size()];
        for (int k = 0; k < values.length; k++) {
          values[k] = full.getOrDefault(metrics.get(k), Double.NaN);
        }
        tried.add(new Tried(consumed, objective, values));
      }
      if (task.epochTo() >= fullEpochs
          && !result.epochs().isEmpty()
          && result.epochs().size() == task.epochs()) {
        EpochMetrics last = result.epochs().get(result.epochs().size() - 1);
        double[] values = new double[metrics.size()];
        for (int k = 0; k < values.length; k++) {
          values[k] = last.value(metrics.get(k));
        }
        finished.add(new Finished(consumed, values));
        double v = last.value(task.objective());
        if (Double.isNaN(best) || (maximize ? v > best : v < best)) {
          best = v;
          epochs.add(consumed);
          bests.add(v);
        }
      }
    }

    Trace trace(List<FrozenTrial> trials, int complete) {
      return new Trace(
          epochs.stream().mapToInt(Integer::intValue).toArray(),
          bests.stream().mapToDouble(Double::doubleValue).toArray(),
          trials.size(),
          complete,
          List.copyOf(trials),
          List.copyOf(finished),
          List.copyOf(tried));
    }

    @Override
    public void trialsChanged(List<FrozenTrial> all) {}

    @Override
    public void close() {}
  }
}
