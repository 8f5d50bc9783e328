package dev.rung.samplers.tpe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rung.distributions.CategoricalDistribution;
import dev.rung.distributions.Distribution;
import dev.rung.distributions.FloatDistribution;
import dev.rung.distributions.IntDistribution;
import dev.rung.study.Seeds;
import dev.rung.study.TrialState;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;

class IncrementalMixtureTest {
  private static final EstimatorOptions OPTIONS = new EstimatorOptions(1, true, false);

  private static final Distribution[] MIXED = {
    FloatDistribution.uniform(-5, 5),
    FloatDistribution.logUniform(1e-5, 1),
    IntDistribution.stepped(16, 256, 16),
    CategoricalDistribution.of("a", "b", "c", "d"),
    FloatDistribution.uniform(0, 1),
  };

  /** A bad group that changes as a study's does: observations by trial number. */
  private static final class Group {
    final Distribution[] space;
    final ParamLayout layout;
    final int[] positions;
    final RandomGenerator rng;
    final double[][] centres;
    final List<ObservedTrial> trials = new ArrayList<>();
    int next;

    Group(Distribution[] space, long seed) {
      this.space = space;
      Map<String, Distribution> dists = new LinkedHashMap<>();
      for (int d = 0; d < space.length; d++) {
        dists.put("p" + d, space[d]);
      }
      layout = new ParamLayout(dists);
      positions = layout.positions(names(space.length));
      rng = Seeds.rng(seed, 0);
      centres = new double[4][space.length];
      for (double[] c : centres) {
        for (int d = 0; d < space.length; d++) {
          c[d] = rng.nextDouble();
        }
      }
    }

    /** A trial in a few tight clusters plus uniform noise, with a given number. */
    ObservedTrial trial(int number) {
      boolean noise = rng.nextDouble() < 0.3;
      double[] c = centres[rng.nextInt(centres.length)];
      double[] v = new double[space.length];
      for (int d = 0; d < space.length; d++) {
        double u =
            noise ? rng.nextDouble() : Math.min(1, Math.max(0, c[d] + 0.02 * rng.nextGaussian()));
        v[layout.indexOf("p" + d)] = internal(space[d], u);
      }
      return new ObservedTrial(
          null, number, TrialState.COMPLETE, new double[] {0}, 1, 0, 0, layout, v);
    }

    void add(int count) {
      for (int i = 0; i < count; i++) {
        trials.add(trial(next++));
      }
    }

    /** One step of a study: new trials, some leave (to the good group), some change values. */
    void step() {
      add(1 + rng.nextInt(3));
      int leave = rng.nextInt(3);
      for (int i = 0; i < leave && trials.size() > 1; i++) {
        trials.remove(rng.nextInt(trials.size()));
      }
      if (rng.nextDouble() < 0.3) {
        // A running trial's values change when it suggests more: same number, new values.
        int at = rng.nextInt(trials.size());
        trials.set(at, trial(trials.get(at).number()));
      }
      if (rng.nextDouble() < 0.2) {
        // A trial comes back from the good group under its old number.
        int number = rng.nextInt(next);
        boolean present = trials.stream().anyMatch(t -> t.number() == number);
        if (!present) {
          int at = 0;
          while (at < trials.size() && trials.get(at).number() < number) {
            at++;
          }
          trials.add(at, trial(number));
        }
      }
    }

    /** Many changes at once, as when a study is resumed: many leave, more arrive. */
    void shake() {
      for (int i = 0; i < trials.size() / 5; i++) {
        trials.remove(rng.nextInt(trials.size()));
      }
      add(trials.size() / 3);
    }

    double[][] columns() {
      double[][] out = new double[space.length][trials.size()];
      for (int i = 0; i < trials.size(); i++) {
        for (int d = 0; d < space.length; d++) {
          out[d][i] = trials.get(i).values()[positions[d]];
        }
      }
      return out;
    }

    void update(IncrementalMixture mixture, double[] weights) {
      mixture.update(
          new Observations.Members(
              trials.toArray(new ObservedTrial[0]), trials.size(), names(space.length)),
          weights);
    }
  }

  private static String[] names(int n) {
    String[] out = new String[n];
    for (int d = 0; d < n; d++) {
      out[d] = "p" + d;
    }
    return out;
  }

  private static KernelSpace[] dims(Distribution[] space) {
    KernelSpace[] dims = new KernelSpace[space.length];
    for (int d = 0; d < space.length; d++) {
      dims[d] = KernelSpace.of(space[d]);
    }
    return dims;
  }

  /** The internal value at quantile {@code u} of a distribution's range. */
  private static double internal(Distribution d, double u) {
    if (d instanceof CategoricalDistribution c) {
      return Math.min(c.size() - 1, (int) (u * c.size()));
    }
    if (d instanceof IntDistribution i) {
      long steps = (i.high() - i.low()) / i.step();
      return i.low() + Math.round(u * steps) * i.step();
    }
    FloatDistribution f = (FloatDistribution) d;
    return f.log()
        ? Math.exp(Math.log(f.low()) + u * (Math.log(f.high()) - Math.log(f.low())))
        : f.low() + u * (f.high() - f.low());
  }

  /** Points where TPE scores: drawn from the group's own density, and uniformly anywhere. */
  private static double[][] points(ParzenEstimator fresh, Distribution[] space, long seed) {
    RandomGenerator rng = Seeds.rng(seed, 1);
    double[][] near = fresh.sample(rng, 48);
    double[][] out = new double[space.length][64];
    for (int d = 0; d < space.length; d++) {
      System.arraycopy(near[d], 0, out[d], 0, 48);
      for (int j = 48; j < 64; j++) {
        out[d][j] = internal(space[d], rng.nextDouble());
      }
    }
    return out;
  }

  private static void assertSameBits(double[] expected, double[] actual, String what) {
    assertEquals(expected.length, actual.length);
    for (int j = 0; j < expected.length; j++) {
      assertEquals(
          Double.doubleToLongBits(expected[j]),
          Double.doubleToLongBits(actual[j]),
          what + ", point " + j + ": " + expected[j] + " vs " + actual[j]);
    }
  }

  /** Runs {@code steps} changes, comparing the kept mixture to a fresh estimator after each. */
  private static IncrementalMixture follow(Distribution[] space, int start, int steps, long seed) {
    Group group = new Group(space, seed);
    group.add(start);
    KernelSpace[] dims = dims(space);
    IncrementalMixture mixture = new IncrementalMixture(dims, OPTIONS);
    for (int step = 0; step < steps; step++) {
      double[] w = WeightsFunction.optuna().weights(group.trials.size());
      group.update(mixture, w);
      assertEquals(group.trials.size(), mixture.kernels());
      if (step % 7 == 0 || step == steps - 1) {
        ParzenEstimator fresh = new ParzenEstimator(dims, group.columns(), w, OPTIONS);
        double[][] p = points(fresh, space, seed + step);
        assertSameBits(fresh.logPdf(p), mixture.logPdf(p), "step " + step);
        assertSameBits(
            fresh.categoricalLogPdf(p, 1), mixture.categoricalLogPdf(p, 1), "categorical, " + step);
        assertSameBits(
            fresh.categoricalLogPdf(p, 2), mixture.categoricalLogPdf(p, 2), "smoother, " + step);
      }
      if (step % 150 == 75) {
        group.shake();
      } else {
        group.step();
      }
    }
    return mixture;
  }

  @Test
  void equalsAFreshEstimatorToTheLastBitThroughAStudysChanges() {
    // 400 steps add ~800 kernels: the tail is re-tiled many times, holes come and go.
    follow(MIXED, 600, 400, 11);
  }

  @Test
  void continuousOnlyAndSteppedOnlySpacesMatchToo() {
    Distribution[] continuous = new Distribution[10];
    Arrays.fill(continuous, FloatDistribution.uniform(-5, 5));
    follow(continuous, 300, 150, 12);
    Distribution[] discrete = {
      IntDistribution.stepped(0, 100, 5),
      CategoricalDistribution.of(1, 2, 3),
      IntDistribution.logScale(1, 1024)
    };
    follow(discrete, 200, 100, 13);
  }

  @Test
  void startingOverFromTheSameObservationsGivesTheSameBits() {
    Group group = new Group(MIXED, 14);
    group.add(2000);
    KernelSpace[] dims = dims(MIXED);
    IncrementalMixture kept = new IncrementalMixture(dims, OPTIONS);
    for (int step = 0; step < 50; step++) {
      group.update(kept, WeightsFunction.optuna().weights(group.trials.size()));
      group.step();
    }
    double[] w = WeightsFunction.optuna().weights(group.trials.size());
    group.update(kept, w);
    IncrementalMixture anew = new IncrementalMixture(dims, OPTIONS);
    group.update(anew, w);
    double[][] p = points(new ParzenEstimator(dims, group.columns(), w, OPTIONS), MIXED, 15);
    assertSameBits(anew.logPdf(p), kept.logPdf(p), "kept vs new");
  }

  @Test
  void farKernelsAreSkipped() {
    // Error rate: none, the data and points are fixed by the seeds. Clustered kernels in 10
    // dimensions: a point near one cluster needs few of the other clusters' kernels.
    Distribution[] space = new Distribution[10];
    Arrays.fill(space, FloatDistribution.uniform(-5, 5));
    Group group = new Group(space, 16);
    group.add(5000);
    KernelSpace[] dims = dims(space);
    IncrementalMixture mixture = new IncrementalMixture(dims, OPTIONS);
    double[] w = WeightsFunction.optuna().weights(group.trials.size());
    group.update(mixture, w);
    double[][] p = points(new ParzenEstimator(dims, group.columns(), w, OPTIONS), space, 17);
    long before = mixture.evaluatedKernels();
    mixture.logPdf(p);
    double perPoint = (mixture.evaluatedKernels() - before) / (double) p[0].length;
    assertTrue(perPoint < 0.5 * 5000, "evaluated " + perPoint + " of 5000 kernels per point");
  }
}
