package dev.rung.samplers.tpe;

/** A Parzen estimator as TPE's acquisition reads it. */
interface Density {

  /**
   * The log-density (log-probability on discrete dimensions) at each point; {@code points[d][j]} is
   * dimension {@code d} of point {@code j}, as an internal value.
   */
  double[] logPdf(double[][] points);

  /**
   * The log-probability of each point's categorical values under the marginal over the categorical
   * dimensions (the numerical ones integrated out), with the categorical kernels' smoothing (the
   * prior weight spread over the choices) multiplied by {@code smoothing}.
   */
  double[] categoricalLogPdf(double[][] points, double smoothing);
}
