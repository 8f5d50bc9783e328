package dev.rung.samplers.tpe;

/**
 * TPE's acquisition: the candidate maximising {@code log l(x) - log g(x)}, which ranks candidates
 * as expected improvement does under the TPE model (Bergstra et al., NeurIPS 2011).
 */
final class Acquisition {
  private Acquisition() {}

  /** The index of the largest {@code logL[j] - logG[j]}, the first on ties; NaN scores lose. */
  static int argmax(double[] logL, double[] logG) {
    int best = 0;
    double bestScore = Double.NEGATIVE_INFINITY;
    for (int j = 0; j < logL.length; j++) {
      double s = logL[j] - logG[j];
      if (s > bestScore) {
        bestScore = s;
        best = j;
      }
    }
    return best;
  }
}
