package dev.rung.bench;

import dev.rung.study.Seeds;
import dev.rung.study.Trial;
import java.util.Map;

/**
 * hartmann6-noisy: Hartmann-6 on [0, 1]^6 observed with Gaussian noise of standard deviation 0.1
 * (3% of the function's range over the cube). The sampler sees only the noisy value; regret is the
 * noise-free value of the trial that looks best, so a sampler that is fooled by a lucky draw pays
 * for it.
 *
 * <p>The noise of a trial is drawn from a generator seeded by its number and its parameters: the
 * same trial of the same study always observes the same value, and a repeated point observes a new
 * draw (a new training run).
 */
final class NoisyHartmann {
  static final double NOISE_SD = 0.1;

  private static final long STREAM = Seeds.hash("hartmann6-noisy");

  private NoisyHartmann() {}

  static Problem problem() {
    return new Problem(
        "hartmann6-noisy",
        Hartmann.SIX_MINIMUM,
        NoisyHartmann::observed,
        null,
        t -> noiseFree(t.params()));
  }

  static double observed(Trial t) {
    double[] x = Problems.floats(t, 6, 0, 1);
    return Hartmann.six(x, 0) + NOISE_SD * noise(t.number(), x);
  }

  static double noiseFree(Map<String, Object> params) {
    double[] x = new double[6];
    for (int i = 0; i < x.length; i++) {
      x[i] = (Double) params.get("x" + i);
    }
    return Hartmann.six(x, 0);
  }

  /** A standard normal draw determined by the trial number and the point. */
  static double noise(int trialNumber, double[] x) {
    long[] parts = new long[x.length + 1];
    parts[0] = trialNumber;
    for (int i = 0; i < x.length; i++) {
      parts[i + 1] = Double.doubleToLongBits(x[i]);
    }
    return Seeds.rng(STREAM, parts).nextGaussian();
  }
}
