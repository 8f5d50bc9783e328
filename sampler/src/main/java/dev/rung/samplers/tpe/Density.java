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
   * dimensions (the numerical ones integrated out).
   */
  double[] categoricalLogPdf(double[][] points);
}
