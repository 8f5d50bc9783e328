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
 * @apiNote Immutable after construction; {@link #logPdf} is the hot loop of TPE and works on
 *     primitive arrays in blocks of components so that a study with 10,000 trials is scored in a
 *     few milliseconds.
 */
final class ParzenEstimator {
  private static final int BLOCK = 512;

  /** Components further than this below the maximum (in log units) add under 1e-15 each. */
  static final double NEGLIGIBLE = -35;

  /** From this many observation kernels on, {@link #logPdf} skips far kernels by blocks. */
  static final int BLOCKED_FROM = 512;

  private static final double SQRT_HALF = Math.sqrt(0.5);

  private final KernelSpace[] dims;
  private final int components;
  private final double[] cumulativeWeights;

  /** Per component, the log of its normalised mixture weight. */
  private final double[] logWeights;

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

  /** Sort orders of the observations as given (entries may be null), for {@link KernelBlocks}. */
  private final int[][] orders;

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
    this(dims, observations, null, weights, options);
  }

  /**
   * Builds the mixture given, per dimension, the indices that sort the observations (null entries
   * are sorted here): orders kept across suggestions save the sort.
   */
  ParzenEstimator(
      KernelSpace[] dims,
      double[][] observations,
      int[][] orders,
      double[] weights,
      EstimatorOptions options) {
    this.dims = dims;
    this.orders = orders;
    int m = weights.length;
    this.components = m == 0 ? 1 : m + 1;
    double[] logW = componentLogWeights(weights, options.priorWeight());
    this.cumulativeWeights = cumulative(logW);
    this.logWeights = logW;
    this.constant = logW.clone();
    this.mus = new double[dims.length][];
    this.sigmas = new double[dims.length][];
    this.invSigmas = new double[dims.length][];
    this.scaledMus = new double[dims.length][];
    this.halfInvSigmas = new double[dims.length][];
    this.logRows = new double[dims.length][];
    // Truncation constants multiply across dimensions; one log per kernel at the end.
    double[] mass = new double[components];
    Arrays.fill(mass, 1.0);
    for (int d = 0; d < dims.length; d++) {
      KernelSpace s = dims[d];
      double[] obs = observations[d];
      if (s.isCategorical()) {
        int[] idx = new int[m];
        for (int i = 0; i < m; i++) {
          idx[i] = (int) obs[i];
        }
        logRows[d] = CategoricalKernel.logRows(idx, s.categories(), options.priorWeight(), true);
        continue;
      }
      buildNumerical(d, s, obs, orders == null ? null : orders[d], m, options, mass);
    }
    for (int k = 0; k < components; k++) {
      constant[k] -= Math.log(mass[k]);
    }
  }

  private void buildNumerical(
      int d, KernelSpace s, double[] obs, int[] order, int m, EstimatorOptions o, double[] mass) {
    double range = s.range();
    double low = s.kernelLow();
    double high = s.kernelHigh();
    double[] mu = new double[components];
    for (int i = 0; i < m; i++) {
      mu[i] = s.transform(s.clip(obs[i]));
    }
    // The widths are written in place: neighbour gaps, then clipped. This runs over every
    // observation of every dimension on each suggestion, so it allocates nothing it can avoid.
    double[] sigma = new double[components];
    if (m > 0) {
      int[] sorting = order != null ? order : Bandwidths.argsort(Arrays.copyOf(mu, m));
      Bandwidths.neighbourGapsInto(mu, m, sorting, low, high, o.considerEndpoints(), sigma);
      double minSigma = Bandwidths.minSigma(m, range, o.considerMagicClip());
      for (int i = 0; i < m; i++) {
        sigma[i] = Bandwidths.clip(sigma[i], minSigma, range);
      }
    }
    mu[components - 1] = 0.5 * (low + high);
    sigma[components - 1] = range;
    boolean discrete = s.isDiscrete();
    // 1 / sigma is kept only where the scoring loop needs it (stepped dimensions).
    double[] inv = discrete ? new double[components] : null;
    double[] scaled = new double[components];
    double[] halfInv = new double[components];
    double norm = discrete ? 0 : Normal.LOG_SQRT_2PI;
    for (int k = 0; k < components; k++) {
      double iv = 1 / sigma[k];
      if (discrete) {
        inv[k] = iv;
      }
      halfInv[k] = iv * SQRT_HALF;
      scaled[k] = mu[k] * halfInv[k];
      double z = Normal.massAround((low - mu[k]) * iv, (high - mu[k]) * iv);
      // Widths and truncation masses multiply across dimensions: one log per kernel at the end.
      double mk = mass[k] * (discrete ? z : z * sigma[k]);
      double c = constant[k] - norm;
      if (mk < 1e-200 || mk > 1e200) {
        c -= Math.log(mk);
        mk = 1;
      }
      mass[k] = mk;
      constant[k] = c;
    }
    mus[d] = mu;
    sigmas[d] = sigma;
    invSigmas[d] = inv;
    scaledMus[d] = scaled;
    halfInvSigmas[d] = halfInv;
  }

  private static double[] componentLogWeights(double[] weights, double priorWeight) {
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
   * categorical dimensions (the numerical ones integrated out).
   */
  double[] categoricalLogPdf(double[][] points) {
    int count = points.length == 0 ? 0 : points[0].length;
    double[] row = new double[components];
    double[] out = new double[count];
    for (int j = 0; j < count; j++) {
      categoricalTerms(points, j, row);
      out[j] = logSumExp(row, 0, components);
    }
    return out;
  }

  /** Per component, its log weight plus the log-probabilities of point j's categories. */
  private void categoricalTerms(double[][] points, int j, double[] row) {
    System.arraycopy(logWeights, 0, row, 0, components);
    for (int d = 0; d < dims.length; d++) {
      KernelSpace s = dims[d];
      if (s.isCategorical()) {
        addCategorical(row, 0, logRows[d], s.categories(), (int) points[d][j], 0, components);
      }
    }
  }

  /**
   * {@code count} draws from the mixture conditioned on the categorical values of draw {@code j} of
   * {@code given}: components are picked with their weights times the probabilities they give those
   * categories, then the numerical dimensions are drawn from the picked component.
   */
  double[][] sampleGiven(RandomGenerator rng, int count, double[][] given, int j) {
    double[] row = new double[components];
    categoricalTerms(given, j, row);
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
  double[] logPdf(double[][] points) {
    return logPdf(points, components - 1 >= BLOCKED_FROM);
  }

  /**
   * As {@link #logPdf(double[][])}, choosing whether far kernels are skipped by blocks; both ways
   * give the same result to the last bit.
   */
  double[] logPdf(double[][] points, boolean blocked) {
    int count = points.length == 0 ? 0 : points[0].length;
    int nd = dims.length;
    // Per point and dimension, what the kernels need: t(x), or a grid cell's ends, or a category.
    double[][] a = new double[nd][count];
    double[][] b = new double[nd][count];
    for (int d = 0; d < nd; d++) {
      KernelSpace s = dims[d];
      for (int j = 0; j < count; j++) {
        double x = points[d][j];
        if (s.isCategorical()) {
          a[d][j] = x;
        } else if (s.isDiscrete()) {
          a[d][j] = s.transform(x - s.step() / 2);
          b[d][j] = s.transform(x + s.step() / 2);
        } else {
          a[d][j] = s.transform(x);
        }
      }
    }
    int n = components;
    if (blocked && n > 1) {
      KernelBlocks kb =
          KernelBlocks.build(dims, n - 1, constant, mus, sigmas, invSigmas, halfInvSigmas, orders);
      if (kb != null) {
        return logPdfBlocked(kb, a, b, count);
      }
    }
    // All kernel log-terms first (in blocks of kernels, so a block's centres stay in cache while
    // every point is scored), then one log-sum-exp per point against its true maximum.
    double[] acc = new double[count * n];
    for (int start = 0; start < n; start += BLOCK) {
      int len = Math.min(n, start + BLOCK) - start;
      for (int j = 0; j < count; j++) {
        int off = j * n + start;
        System.arraycopy(constant, start, acc, off, len);
        for (int d = 0; d < nd; d++) {
          KernelSpace s = dims[d];
          if (s.isCategorical()) {
            addCategorical(acc, off, logRows[d], s.categories(), (int) a[d][j], start, len);
          } else if (s.isDiscrete()) {
            addDiscrete(acc, off, mus[d], invSigmas[d], a[d][j], b[d][j], start, len);
          } else {
            addContinuous(acc, off, scaledMus[d], halfInvSigmas[d], a[d][j], start, len);
          }
        }
      }
    }
    double[] out = new double[count];
    for (int j = 0; j < count; j++) {
      out[j] = logSumExp(acc, j * n, n);
    }
    return out;
  }

  /**
   * The log-density at each point, evaluating only blocks of kernels that can reach the
   * log-sum-exp's cut-off. Every evaluated term is computed as in the full evaluation (same
   * operations in the same order) and summed in kernel order, so the result is identical.
   */
  private double[] logPdfBlocked(KernelBlocks kb, double[][] a, double[][] b, int count) {
    int n = components;
    int nd = dims.length;
    int nb = kb.blocks();
    double[] row = new double[n];
    long[] evaluated = new long[(n + 63) >>> 6];
    double[] bounds = new double[nb];
    double[] t = new double[nd];
    double[] term = new double[KernelBlocks.BLOCK];
    double[] out = new double[count];
    for (int j = 0; j < count; j++) {
      for (int d = 0; d < nd; d++) {
        t[d] = a[d][j];
      }
      Arrays.fill(evaluated, 0);
      // The prior kernel first: its term is a lower bound of the maximum.
      double known = priorTerm(a, b, j);
      row[n - 1] = known;
      evaluated[(n - 1) >>> 6] |= 1L << (n - 1);
      kb.bounds(t, bounds);
      int first = 0;
      for (int q = 1; q < nb; q++) {
        if (bounds[q] > bounds[first]) {
          first = q;
        }
      }
      for (int q = -1; q < nb; q++) {
        int blk = q < 0 ? first : q;
        if (q == first || KernelBlocks.negligible(bounds[blk], known)) {
          continue;
        }
        int start = kb.starts[blk];
        int len = kb.starts[blk + 1] - start;
        System.arraycopy(kb.constant, start, term, 0, len);
        for (int d = 0; d < nd; d++) {
          KernelSpace s = dims[d];
          if (s.isCategorical()) {
            int choices = s.categories();
            int c = (int) a[d][j];
            double[] rows = logRows[d];
            for (int i = 0; i < len; i++) {
              term[i] += rows[kb.perm[start + i] * choices + c];
            }
          } else if (s.isDiscrete()) {
            addDiscrete(term, 0, kb.mu[d], kb.inv[d], a[d][j], b[d][j], start, len);
          } else {
            addContinuous(term, 0, kb.scaledMu[d], kb.halfInv[d], a[d][j], start, len);
          }
        }
        // The running maximum only steers which blocks are skipped (NaN never occurs here):
        // a compare, not Math.max, keeps it off the critical path of the scatter.
        double largest = known;
        for (int i = 0; i < len; i++) {
          int k = kb.perm[start + i];
          double v = term[i];
          row[k] = v;
          evaluated[k >>> 6] |= 1L << k;
          if (v > largest) {
            largest = v;
          }
        }
        known = largest;
      }
      out[j] = logSumExpOf(row, evaluated);
    }
    return out;
  }

  /**
   * {@link #logSumExp} over the entries of {@code row} flagged in {@code evaluated} (the others
   * being below the cut-off), visited in index order as the full evaluation does.
   */
  private static double logSumExpOf(double[] row, long[] evaluated) {
    double max = Double.NEGATIVE_INFINITY;
    for (int w = 0; w < evaluated.length; w++) {
      for (long bits = evaluated[w]; bits != 0; bits &= bits - 1) {
        max = Math.max(max, row[(w << 6) + Long.numberOfTrailingZeros(bits)]);
      }
    }
    if (max == Double.NEGATIVE_INFINITY || Double.isNaN(max)) {
      return max;
    }
    double cut = max + NEGLIGIBLE;
    double sum = 0;
    for (int w = 0; w < evaluated.length; w++) {
      for (long bits = evaluated[w]; bits != 0; bits &= bits - 1) {
        double v = row[(w << 6) + Long.numberOfTrailingZeros(bits)];
        if (v > cut) {
          sum += Normal.expNonPositive(v - max);
        }
      }
    }
    return max + Math.log(sum);
  }

  /** The prior kernel's log-term at point {@code j}, computed as {@link #logPdf} does. */
  private double priorTerm(double[][] a, double[][] b, int j) {
    int k = components - 1;
    double[] one = {constant[k]};
    for (int d = 0; d < dims.length; d++) {
      KernelSpace s = dims[d];
      if (s.isCategorical()) {
        addCategorical(one, 0, logRows[d], s.categories(), (int) a[d][j], k, 1);
      } else if (s.isDiscrete()) {
        addDiscrete(one, 0, mus[d], invSigmas[d], a[d][j], b[d][j], k, 1);
      } else {
        addContinuous(one, 0, scaledMus[d], halfInvSigmas[d], a[d][j], k, 1);
      }
    }
    return one[0];
  }

  private static void addContinuous(
      double[] acc, int off, double[] scaledMu, double[] halfInv, double t, int start, int len) {
    for (int i = 0; i < len; i++) {
      double z = t * halfInv[start + i] - scaledMu[start + i];
      acc[off + i] -= z * z;
    }
  }

  private static void addDiscrete(
      double[] acc, int off, double[] mu, double[] inv, double lo, double hi, int start, int len) {
    for (int i = 0; i < len; i++) {
      double m = mu[start + i];
      double s = inv[start + i];
      acc[off + i] += Normal.logMass((lo - m) * s, (hi - m) * s);
    }
  }

  private static void addCategorical(
      double[] acc, int off, double[] rows, int choices, int c, int start, int len) {
    for (int i = 0; i < len; i++) {
      acc[off + i] += rows[(start + i) * choices + c];
    }
  }

  private static double logSumExp(double[] acc, int off, int len) {
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
