package dev.rung.training.data;

import java.util.Arrays;
import java.util.Locale;

/**
 * How features are rescaled. Statistics come from the training part only and are applied unchanged
 * to validation and test examples, so neither leaks into training.
 */
public enum Normalization {
  /** Values as read. */
  NONE,
  /** Divide every value by the largest absolute training value (pixels 0..255 become 0..1). */
  SCALE,
  /** Per feature, map the training minimum..maximum to 0..1 (constant features become 0). */
  MINMAX,
  /** Per feature, subtract the training mean and divide by the standard deviation (1 if 0). */
  STANDARDIZE;

  /** Parses {@code none}, {@code scale}, {@code minmax} or {@code standardize}. */
  public static Normalization parse(String name) {
    try {
      return valueOf(name.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "normalization '" + name + "' is not known; allowed: [none, scale, minmax, standardize]");
    }
  }

  /** Fits per-feature (offset, scale) on {@code rows} so that {@code (x - offset) / scale}. */
  float[][] fit(float[] rows, int n, int d) {
    float[] offset = new float[d];
    float[] scale = new float[d];
    Arrays.fill(scale, 1f);
    switch (this) {
      case NONE -> {}
      case SCALE -> {
        float max = 0;
        for (int i = 0; i < n * d; i++) {
          max = Math.max(max, Math.abs(rows[i]));
        }
        Arrays.fill(scale, max > 0 ? max : 1f);
      }
      case MINMAX -> {
        float[] lo = new float[d];
        float[] hi = new float[d];
        Arrays.fill(lo, Float.POSITIVE_INFINITY);
        Arrays.fill(hi, Float.NEGATIVE_INFINITY);
        for (int i = 0; i < n; i++) {
          for (int j = 0; j < d; j++) {
            float v = rows[i * d + j];
            lo[j] = Math.min(lo[j], v);
            hi[j] = Math.max(hi[j], v);
          }
        }
        for (int j = 0; j < d; j++) {
          offset[j] = lo[j];
          scale[j] = hi[j] > lo[j] ? hi[j] - lo[j] : 1f;
        }
      }
      case STANDARDIZE -> {
        double[] sum = new double[d];
        double[] sq = new double[d];
        for (int i = 0; i < n; i++) {
          for (int j = 0; j < d; j++) {
            double v = rows[i * d + j];
            sum[j] += v;
            sq[j] += v * v;
          }
        }
        for (int j = 0; j < d; j++) {
          double mean = sum[j] / n;
          double var = Math.max(0, sq[j] / n - mean * mean);
          offset[j] = (float) mean;
          scale[j] = var > 1e-12 ? (float) Math.sqrt(var) : 1f;
        }
      }
    }
    return new float[][] {offset, scale};
  }

  /** Applies a fitted (offset, scale) to {@code rows} in place. */
  static void apply(float[][] fitted, float[] rows, int n, int d) {
    float[] offset = fitted[0];
    float[] scale = fitted[1];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < d; j++) {
        rows[i * d + j] = (rows[i * d + j] - offset[j]) / scale[j];
      }
    }
  }
}
