package dev.rung.importance;

import dev.rung.distributions.CategoricalDistribution;
import dev.rung.distributions.Distribution;
import dev.rung.distributions.FloatDistribution;
import dev.rung.distributions.IntDistribution;
import dev.rung.samplers.tpe.KernelSpace;
import dev.rung.samplers.tpe.Normal;

/**
 * A one-dimensional Parzen estimate on a grid, as PED-ANOVA builds it (Watanabe et al., IJCAI 2023;
 * the facts follow Optuna's {@code PedAnovaImportanceEvaluator}).
 *
 * <p>A numeric parameter's range (in log space for log-scale parameters) is cut into a grid of at
 * most 50 points (fewer for integers and stepped ranges with fewer values; about {@code log2} of
 * the range for log-scale integers) and each value is rounded to the nearest point. The estimate is
 * a mixture of discrete normals truncated to the grid: one kernel per occupied point, weighted by
 * its count, with a common bandwidth by Scott's rule {@code 1.059 min(IQR/1.34, sd) N^-1/5} (at
 * least {@code 0.5/1.64} grid steps), plus a wide prior kernel of weight {@code priorWeight}
 * centred on the grid. A categorical parameter's grid is its choices: each observed choice
 * contributes a kernel that puts 1 on it and {@code priorWeight/K} on every choice, normalized (K
 * the number of kernels); the prior kernel is uniform.
 */
final class GridParzen {
  static final int MAX_STEPS = 50;

  private GridParzen() {}

  /** The number of grid points of {@code d}. */
  static int gridSize(Distribution d) {
    if (d instanceof CategoricalDistribution c) {
      return c.size();
    }
    if (d instanceof IntDistribution i) {
      if (i.log()) {
        int log2 = (int) Math.ceil(Math.log((double) i.high() - i.low() + 1) / Math.log(2));
        return Math.min(log2 + 1, MAX_STEPS);
      }
      return (int) Math.min(Math.round(((double) i.high() - i.low()) / i.step()) + 1, MAX_STEPS);
    }
    FloatDistribution f = (FloatDistribution) d;
    return f.hasStep()
        ? (int) Math.min(Math.round((f.high() - f.low()) / f.step()) + 1, MAX_STEPS)
        : MAX_STEPS;
  }

  /** How many of the values {@code internal[i]}, i in {@code trials}, fall on each grid point. */
  static double[] counts(Distribution d, double[] internal, int[] trials) {
    int size = gridSize(d);
    double[] counts = new double[size];
    if (d instanceof CategoricalDistribution) {
      for (int i : trials) {
        counts[(int) internal[i]]++;
      }
      return counts;
    }
    KernelSpace space = KernelSpace.of(d);
    double low = space.transform(space.low());
    double high = space.transform(space.high());
    double step = (high - low) / (size - 1);
    for (int i : trials) {
      double v = space.transform(internal[i]);
      // Nearest grid point; a value halfway between two goes to the lower one.
      int k = (int) Math.ceil((v - low) / step - 0.5);
      counts[Math.min(size - 1, Math.max(0, k))]++;
    }
    return counts;
  }

  /** The estimate's probability of each grid point. */
  static double[] pdf(double[] counts, boolean categorical, double priorWeight) {
    return categorical ? categoricalPdf(counts, priorWeight) : numericPdf(counts, priorWeight);
  }

  private static double[] categoricalPdf(double[] counts, double priorWeight) {
    int size = counts.length;
    double total = 0;
    int kernels = 1;
    for (double c : counts) {
      total += c;
      kernels += c > 0 ? 1 : 0;
    }
    double spread = priorWeight / kernels;
    double rowSum = 1 + size * spread;
    double[] pdf = new double[size];
    for (int c = 0; c < size; c++) {
      // Every observed kernel puts spread/rowSum on c; c's own kernel adds 1/rowSum.
      double fromObserved = (total * spread + counts[c]) / rowSum;
      pdf[c] = (fromObserved + priorWeight / size) / (total + priorWeight);
    }
    return pdf;
  }

  private static double[] numericPdf(double[] counts, double priorWeight) {
    int size = counts.length;
    double n = 0;
    double sum = 0;
    for (int k = 0; k < size; k++) {
      n += counts[k];
      sum += counts[k] * k;
    }
    double mean = sum / n;
    double squares = 0;
    for (int k = 0; k < size; k++) {
      squares += counts[k] * (k - mean) * (k - mean);
    }
    double sd = Math.sqrt(squares / Math.max(1, n - 1));
    double iqr =
        quantilePoint(counts, Math.floor(n * 3 / 4), true)
            - quantilePoint(counts, Math.floor(n / 4), false);
    double sigma = Math.max(1.059 * Math.min(iqr / 1.34, sd) * Math.pow(n, -0.2), 0.5 / 1.64);
    double[] pdf = new double[size];
    for (int k = 0; k < size; k++) {
      if (counts[k] > 0) {
        addKernel(pdf, k, sigma, counts[k]);
      }
    }
    addKernel(pdf, (size - 1) / 2.0, size, priorWeight);
    for (int k = 0; k < size; k++) {
      pdf[k] /= n + priorWeight;
    }
    return pdf;
  }

  /**
   * The first occupied grid point whose cumulative count reaches {@code count} ({@code strict}:
   * exceeds it), or the last occupied point when none does.
   */
  private static int quantilePoint(double[] counts, double count, boolean strict) {
    double cumulative = 0;
    int last = 0;
    for (int k = 0; k < counts.length; k++) {
      if (counts[k] > 0) {
        cumulative += counts[k];
        last = k;
        if (strict ? cumulative > count : cumulative >= count) {
          return k;
        }
      }
    }
    return last;
  }

  /**
   * Adds {@code weight} times a normal of {@code mu, sigma} discretized on and truncated to the
   * grid.
   */
  private static void addKernel(double[] pdf, double mu, double sigma, double weight) {
    int size = pdf.length;
    double logTotal = Normal.logMass((-0.5 - mu) / sigma, (size - 0.5 - mu) / sigma);
    for (int k = 0; k < size; k++) {
      pdf[k] +=
          weight
              * Math.exp(Normal.logMass((k - 0.5 - mu) / sigma, (k + 0.5 - mu) / sigma) - logTotal);
    }
  }
}
