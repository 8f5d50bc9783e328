package dev.rung.samplers.tpe;

import java.util.Arrays;
import java.util.random.RandomGenerator;

/**
 * A Parzen (kernel density) estimator over a search space: a mixture with one product kernel per
 * observation plus one prior kernel (Bergstra et al., "Algorithms for Hyper-Parameter
 * Optimization", NeurIPS 2011; Watanabe, "Tree-structured Parzen estimator: understanding its
 * algorithm components", 2023).
 *
 * <p>Numerical dimensions use Gaussians truncated to the range (in log space on a log scale); a
 * stepped dimension gives each grid point the kernel's mass over its cell, renormalised over the
 * widened range. Categorical dimensions use {@link CategoricalKernel} rows. In multivariate mode
 * all dimensions of a component share its index (a product kernel).
 *
 * @apiNote Immutable after construction. Evaluates every kernel at every point: TPE uses it for the
 *     good group and for small bad groups; a large bad group is scored by {@link
 *     IncrementalMixture}, which gives the same values to the last bit.
 */
final class ParzenEstimator implements Density {
  /** Points scored together by {@link #logPdf}. */
  private static final int POINTS = 64;

  /** Components further than this below the maximum (in log units) add under 1e-15 each. */
  static final double NEGLIGIBLE = -35;

  static final double SQRT_HALF = Math.sqrt(0.5);

  private final KernelSpace[] dims;
  private final int components;
  private final double[] cumulativeWeights;

  /** Per component, the log of its normalised mixture weight. */
  private final double[] logWeights;

  /** Per component, its log weight plus the log normalisers of its numerical dimensions. */
  private final double[] constant;

  private final double[][] mus;
  private final double[][] sigmas;
  private final double[][] invSigmas;

  /**
   * Per continuous dimension, {@code mu * sqrt(1/2) / sigma}: the kernel exponent is then {@code
   * -(t sqrt(1/2) / sigma - scaledMu)^2}.
   */
  private final double[][] scaledMus;

  /** Per continuous dimension, {@code sqrt(1/2) / sigma}. */
  private final double[][] halfInvSigmas;

  private final double[][] logRows;

  /** Per categorical dimension, each observation's category; the prior weight. */
  private final int[][] observedCategories;

  private final double priorWeight;

  /**
   * Builds the mixture.
   *
   * @param dims the space's dimensions
   * @param observations {@code observations[d][i]}: observation {@code i}'s internal value in
   *     dimension {@code d}, in trial-number order
   * @param weights one non-negative weight per observation
   * @param options prior weight, clip and bandwidth rule
   */
  ParzenEstimator(
      KernelSpace[] dims, double[][] observations, double[] weights, EstimatorOptions options) {
    this.dims = dims;
    this.priorWeight = options.priorWeight();
    int m = weights.length;
    this.components = m == 0 ? 1 : m + 1;
    double[] logW = componentLogWeights(weights, options.priorWeight());
    this.cumulativeWeights = cumulative(logW);
    this.logWeights = logW;
    this.mus = new double[dims.length][];
    this.sigmas = new double[dims.length][];
    this.invSigmas = new double[dims.length][];
    this.scaledMus = new double[dims.length][];
    this.halfInvSigmas = new double[dims.length][];
    this.logRows = new double[dims.length][];
    this.observedCategories = new int[dims.length][];
    // Per kernel, the log normalisers of its numerical dimensions summed in dimension order
    // ({@link IncrementalMixture} sums the same terms in the same order).
    double[] norm = new double[components];
    for (int d = 0; d < dims.length; d++) {
      KernelSpace s = dims[d];
      double[] obs = observations[d];
      if (s.isCategorical()) {
        int[] idx = new int[m];
        for (int i = 0; i < m; i++) {
          idx[i] = (int) obs[i];
        }
        logRows[d] = CategoricalKernel.logRows(idx, s.categories(), options.priorWeight(), true);
        observedCategories[d] = idx;
        continue;
      }
      buildNumerical(d, s, obs, m, options, norm);
    }
    this.constant = new double[components];
    for (int k = 0; k < components; k++) {
      constant[k] = logW[k] + norm[k];
    }
  }

  private void buildNumerical(
      int d, KernelSpace s, double[] obs, int m, EstimatorOptions o, double[] norm) {
    double range = s.range();
    double low = s.kernelLow();
    double high = s.kernelHigh();
    double[] mu = new double[components];
    for (int i = 0; i < m; i++) {
      mu[i] = centre(s, obs[i]);
    }
    double[] sigma = new double[components];
    if (m > 0) {
      int[] sorting = Bandwidths.argsort(Arrays.copyOf(mu, m));
      Bandwidths.neighbourGapsInto(mu, m, sorting, low, high, o.considerEndpoints(), sigma);
      double minSigma = Bandwidths.minSigma(m, range, o.considerMagicClip());
      for (int i = 0; i < m; i++) {
        sigma[i] = Bandwidths.clip(sigma[i], minSigma, range);
      }
    }
    mu[components - 1] = priorCentre(s);
    sigma[components - 1] = range;
    boolean discrete = s.isDiscrete();
    // 1 / sigma is kept only where the scoring loop needs it (stepped dimensions).
    double[] inv = discrete ? new double[components] : null;
    double[] scaled = new double[components];
    double[] halfInv = new double[components];
    for (int k = 0; k < components; k++) {
      double iv = 1 / sigma[k];
      if (discrete) {
        inv[k] = iv;
      }
      halfInv[k] = iv * SQRT_HALF;
      scaled[k] = mu[k] * halfInv[k];
      norm[k] += logNormaliser(s, mu[k], sigma[k]);
    }
    mus[d] = mu;
    sigmas[d] = sigma;
    invSigmas[d] = inv;
    scaledMus[d] = scaled;
    halfInvSigmas[d] = halfInv;
  }

  /** A numerical observation's kernel centre: clipped into the range, in kernel coordinates. */
  static double centre(KernelSpace s, double internal) {
    return s.transform(s.clip(internal));
  }

  /** The prior kernel's centre in a numerical dimension (its width is the range). */
  static double priorCentre(KernelSpace s) {
    return 0.5 * (s.kernelLow() + s.kernelHigh());
  }

  /**
   * The log normaliser of a numerical kernel: minus the log of its truncated mass on the range, and
   * for a continuous dimension also of {@code sigma sqrt(2 pi)}. The kernel's log-term at {@code t}
   * is this plus {@code -(t - mu)^2 / (2 sigma^2)} (continuous) or plus the log-mass of the grid
   * cell (stepped).
   */
  static double logNormaliser(KernelSpace s, double mu, double sigma) {
    double iv = 1 / sigma;
    double z = Normal.massAround((s.kernelLow() - mu) * iv, (s.kernelHigh() - mu) * iv);
    return s.isDiscrete() ? -Math.log(z) : -(Normal.LOG_SQRT_2PI + Math.log(z * sigma));
  }

  static double[] componentLogWeights(double[] weights, double priorWeight) {
    int m = weights.length;
    if (m == 0) {
      return new double[] {0};
    }
    double total = priorWeight;
    for (double w : weights) {
      total += w;
    }
    double[] logW = new double[m + 1];
    for (int i = 0; i < m; i++) {
      logW[i] = Math.log(weights[i] / total);
    }
    logW[m] = Math.log(priorWeight / total);
    return logW;
  }

  private static double[] cumulative(double[] logW) {
    double[] c = new double[logW.length];
    double sum = 0;
    for (int k = 0; k < logW.length; k++) {
      sum += Math.exp(logW[k]);
      c[k] = sum;
    }
    return c;
  }

  /** The number of mixture components (observations plus the prior). */
  int components() {
    return components;
  }

  /** Kernel {@code k}'s width in numerical dimension {@code d} (kernel coordinates). */
  double sigma(int d, int k) {
    return sigmas[d][k];
  }

  /** Kernel {@code k}'s centre in numerical dimension {@code d} (kernel coordinates). */
  double mu(int d, int k) {
    return mus[d][k];
  }

  /**
   * {@code count} draws from the mixture, as internal values: {@code out[d][j]} for dimension
   * {@code d} of draw {@code j}.
   */
  double[][] sample(RandomGenerator rng, int count) {
    double[][] out = new double[dims.length][count];
    double total = cumulativeWeights[components - 1];
    for (int j = 0; j < count; j++) {
      int k = pick(cumulativeWeights, rng.nextDouble() * total);
      for (int d = 0; d < dims.length; d++) {
        KernelSpace s = dims[d];
        if (s.isCategorical()) {
          out[d][j] = sampleCategory(rng, logRows[d], k, s.categories());
        } else {
          out[d][j] = sampleNumerical(rng, s, d, k);
        }
      }
    }
    return out;
  }

  /**
   * The log-probability of each point's categorical values under the mixture's marginal over its
   * categorical dimensions (the numerical ones integrated out), with the categorical kernels'
   * smoothing multiplied by {@code smoothing} (1: the estimator's own rows).
   */
  @Override
  public double[] categoricalLogPdf(double[][] points, double smoothing) {
    return CategoricalMarginal.logPdf(
        dims, observedCategories, logWeights, priorWeight, smoothing, points);
  }

  /**
   * {@code count} draws from the mixture conditioned on the categorical values of draw {@code j} of
   * {@code given}, counting only the kernels of observations with exactly those categories, and the
   * prior: a component is picked with its weight times the probability it gives those categories,
   * then the numerical dimensions are drawn from it. With no such observation the numbers come from
   * the prior alone, so a category's numbers are learned from its own trials.
   */
  double[][] sampleGiven(RandomGenerator rng, int count, double[][] given, int j) {
    int m = components - 1;
    double[] row = new double[components];
    System.arraycopy(logWeights, 0, row, 0, components);
    for (int d = 0; d < dims.length; d++) {
      KernelSpace s = dims[d];
      if (s.isCategorical()) {
        int c = (int) given[d][j];
        double[] rows = logRows[d];
        int[] observed = observedCategories[d];
        for (int k = 0; k < m; k++) {
          row[k] =
              observed[k] == c ? row[k] + rows[k * s.categories() + c] : Double.NEGATIVE_INFINITY;
        }
        row[m] += rows[m * s.categories() + c];
      }
    }
    double max = Double.NEGATIVE_INFINITY;
    for (double v : row) {
      max = Math.max(max, v);
    }
    double[] cumulative = new double[components];
    double sum = 0;
    for (int k = 0; k < components; k++) {
      sum += Math.exp(row[k] - max);
      cumulative[k] = sum;
    }
    double[][] out = new double[dims.length][count];
    for (int i = 0; i < count; i++) {
      int k = pick(cumulative, rng.nextDouble() * sum);
      for (int d = 0; d < dims.length; d++) {
        KernelSpace s = dims[d];
        out[d][i] = s.isCategorical() ? given[d][j] : sampleNumerical(rng, s, d, k);
      }
    }
    return out;
  }

  private double sampleNumerical(RandomGenerator rng, KernelSpace s, int d, int k) {
    double mu = mus[d][k];
    double inv = 1 / sigmas[d][k];
    double z = Normal.sampleTruncated(rng, (s.kernelLow() - mu) * inv, (s.kernelHigh() - mu) * inv);
    return s.untransform(mu + z * sigmas[d][k]);
  }

  private static int pick(double[] cumulative, double u) {
    int lo = 0;
    int hi = cumulative.length - 1;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (cumulative[mid] > u) {
        hi = mid;
      } else {
        lo = mid + 1;
      }
    }
    return lo;
  }

  private static int sampleCategory(RandomGenerator rng, double[] rows, int k, int choices) {
    double u = rng.nextDouble();
    double acc = 0;
    int base = k * choices;
    for (int c = 0; c < choices - 1; c++) {
      acc += Math.exp(rows[base + c]);
      if (u < acc) {
        return c;
      }
    }
    return choices - 1;
  }

  /** The mixture's log-density (log-probability on discrete dimensions) at each point. */
  @Override
  public double[] logPdf(double[][] points) {
    int count = points.length == 0 ? 0 : points[0].length;
    int nd = dims.length;
    // Per point and dimension, what the kernels need: t(x), or a grid cell's ends, or a category.
    double[][] a = new double[nd][];
    double[][] b = new double[nd][];
    for (int d = 0; d < nd; d++) {
      a[d] = new double[count];
      b[d] = new double[count];
      kernelCoordinates(dims[d], points[d], a[d], b[d]);
    }
    int n = components;
    double[] out = new double[count];
    // Kernel by kernel, its term at every point of a group of points (the inner loops run over
    // points, where they vectorise); then per point one log-sum-exp over the kernels in order.
    for (int p0 = 0; p0 < count; p0 += POINTS) {
      int pc = Math.min(count, p0 + POINTS) - p0;
      double[] acc = new double[n * pc];
      for (int k = 0; k < n; k++) {
        int off = k * pc;
        Arrays.fill(acc, off, off + pc, constant[k]);
        for (int d = 0; d < nd; d++) {
          KernelSpace s = dims[d];
          double[] x = a[d];
          if (s.isCategorical()) {
            double[] rows = logRows[d];
            int base = k * s.categories();
            for (int j = 0; j < pc; j++) {
              acc[off + j] += rows[base + (int) x[p0 + j]];
            }
          } else if (s.isDiscrete()) {
            double mu = mus[d][k];
            double iv = invSigmas[d][k];
            double[] y = b[d];
            for (int j = 0; j < pc; j++) {
              acc[off + j] += Normal.logMass((x[p0 + j] - mu) * iv, (y[p0 + j] - mu) * iv);
            }
          } else {
            double h = halfInvSigmas[d][k];
            double sm = scaledMus[d][k];
            for (int j = 0; j < pc; j++) {
              double z = x[p0 + j] * h - sm;
              acc[off + j] -= z * z;
            }
          }
        }
      }
      double[] max = new double[pc];
      Arrays.fill(max, Double.NEGATIVE_INFINITY);
      for (int k = 0; k < n; k++) {
        for (int j = 0; j < pc; j++) {
          max[j] = Math.max(max[j], acc[k * pc + j]);
        }
      }
      double[] sum = new double[pc];
      for (int k = 0; k < n; k++) {
        for (int j = 0; j < pc; j++) {
          double v = acc[k * pc + j];
          if (v > max[j] + NEGLIGIBLE) {
            sum[j] += Normal.expNonPositive(v - max[j]);
          }
        }
      }
      for (int j = 0; j < pc; j++) {
        // As logSumExp: the maximum itself when it is -infinity or NaN.
        double mx = max[j];
        out[p0 + j] =
            mx == Double.NEGATIVE_INFINITY || Double.isNaN(mx) ? mx : mx + Math.log(sum[j]);
      }
    }
    return out;
  }

  /**
   * Internal values in kernel coordinates: {@code t(x)} into {@code a} (a category's index for a
   * categorical dimension), and for a stepped dimension the ends of the point's grid cell into
   * {@code a} and {@code b}.
   */
  static void kernelCoordinates(KernelSpace s, double[] x, double[] a, double[] b) {
    for (int j = 0; j < x.length; j++) {
      if (s.isCategorical()) {
        a[j] = x[j];
      } else if (s.isDiscrete()) {
        a[j] = s.transform(x[j] - s.step() / 2);
        b[j] = s.transform(x[j] + s.step() / 2);
      } else {
        a[j] = s.transform(x[j]);
      }
    }
  }

  static void addContinuous(
      double[] acc, int off, double[] scaledMu, double[] halfInv, double t, int start, int len) {
    for (int i = 0; i < len; i++) {
      double z = t * halfInv[start + i] - scaledMu[start + i];
      acc[off + i] -= z * z;
    }
  }

  static void addDiscrete(
      double[] acc, int off, double[] mu, double[] inv, double lo, double hi, int start, int len) {
    for (int i = 0; i < len; i++) {
      double m = mu[start + i];
      double s = inv[start + i];
      acc[off + i] += Normal.logMass((lo - m) * s, (hi - m) * s);
    }
  }

  static double logSumExp(double[] acc, int off, int len) {
    double max = Double.NEGATIVE_INFINITY;
    for (int i = 0; i < len; i++) {
      max = Math.max(max, acc[off + i]);
    }
    if (max == Double.NEGATIVE_INFINITY || Double.isNaN(max)) {
      return max;
    }
    double cut = max + NEGLIGIBLE;
    double sum = 0;
    for (int i = 0; i < len; i++) {
      double v = acc[off + i];
      if (v > cut) {
        sum += Normal.expNonPositive(v - max);
      }
    }
    return max + Math.log(sum);
  }
}
