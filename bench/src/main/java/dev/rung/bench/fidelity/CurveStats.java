package dev.rung.bench.fidelity;

import dev.rung.samplers.RandomSampler;
import dev.rung.study.Study;
import dev.rung.study.Trial;
import java.util.Arrays;
import java.util.Locale;

/** How realistic the curve family is: rank correlations between epochs, crossings, plateaus. */
final class CurveStats {
  private CurveStats() {}

  static String describe(int epochs, int configs, long seed) {
    LearningCurveFamily family = new LearningCurveFamily(epochs);
    Study study = Study.builder().name("stats").sampler(new RandomSampler(seed)).build();
    double[][] v = new double[configs][epochs + 1];
    for (int c = 0; c < configs; c++) {
      Trial t = study.ask();
      Curve curve = family.define(t, seed);
      for (int e = 1; e <= epochs; e++) {
        v[c][e] = curve.at(e);
      }
    }
    return describe("curve family over " + configs + " random configurations", v, epochs);
  }

  /** The same figures for recorded curves (a value to minimize, 0.9 = chance for 10 classes). */
  static String describe(CurveTable table) {
    int epochs = table.maxEpochs();
    double[][] v = new double[table.configs().size()][epochs + 1];
    for (int c = 0; c < v.length; c++) {
      System.arraycopy(table.curves().get(c), 0, v[c], 1, epochs);
    }
    return describe(
        "recorded curves of " + v.length + " configurations, " + epochs + " epochs", v, epochs);
  }

  /** Rank correlations and crossings of curves {@code v[config][epoch]}, epochs 1..epochs. */
  private static String describe(String label, double[][] v, int epochs) {
    int configs = v.length;
    double[] fin = column(v, epochs);
    StringBuilder s = new StringBuilder(label + ":");
    for (int e : new int[] {1, 3, 9, 27}) {
      if (e < epochs) {
        s.append(
            String.format(
                Locale.ROOT, " spearman(epoch %d, final)=%.2f", e, spearman(column(v, e), fin)));
      }
    }
    // among the best 10% by final value: how many were outside the best half at epoch 1 and 3
    int top = configs / 10;
    double cutFinal = kth(fin, top);
    for (int e : new int[] {1, 3}) {
      double half = kth(column(v, e), configs / 2);
      int late = 0;
      int n = 0;
      for (int c = 0; c < configs; c++) {
        if (fin[c] <= cutFinal) {
          n++;
          late += v[c][e] > half ? 1 : 0;
        }
      }
      s.append(
          String.format(
              Locale.ROOT,
              "%n  of the final top 10%%, %.0f%% are in the worse half at epoch %d",
              100.0 * late / n,
              e));
    }
    int plateau = 0;
    for (int c = 0; c < configs; c++) {
      plateau += v[c][3] > 0.85 && fin[c] < 0.5 ? 1 : 0;
    }
    s.append(
        String.format(
            Locale.ROOT,
            "%n  %.0f%% still at chance at epoch 3 but below 0.5 at the end",
            100.0 * plateau / configs));
    return s.toString();
  }

  private static double[] column(double[][] v, int e) {
    double[] out = new double[v.length];
    for (int i = 0; i < v.length; i++) {
      out[i] = v[i][e];
    }
    return out;
  }

  private static double kth(double[] x, int k) {
    double[] s = x.clone();
    Arrays.sort(s);
    return s[Math.min(k, s.length - 1)];
  }

  static double spearman(double[] a, double[] b) {
    double[] ra = ranks(a);
    double[] rb = ranks(b);
    double ma = 0;
    double mb = 0;
    for (int i = 0; i < a.length; i++) {
      ma += ra[i];
      mb += rb[i];
    }
    ma /= a.length;
    mb /= a.length;
    double num = 0;
    double da = 0;
    double db = 0;
    for (int i = 0; i < a.length; i++) {
      num += (ra[i] - ma) * (rb[i] - mb);
      da += (ra[i] - ma) * (ra[i] - ma);
      db += (rb[i] - mb) * (rb[i] - mb);
    }
    return num / Math.sqrt(da * db);
  }

  private static double[] ranks(double[] x) {
    Integer[] idx = new Integer[x.length];
    for (int i = 0; i < x.length; i++) {
      idx[i] = i;
    }
    Arrays.sort(idx, (p, q) -> Double.compare(x[p], x[q]));
    double[] r = new double[x.length];
    for (int i = 0; i < x.length; ) {
      int j = i;
      while (j + 1 < x.length && x[idx[j + 1]] == x[idx[i]]) {
        j++;
      }
      for (int k = i; k <= j; k++) {
        r[idx[k]] = (i + j) / 2.0;
      }
      i = j + 1;
    }
    return r;
  }
}
