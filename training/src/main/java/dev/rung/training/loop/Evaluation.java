package dev.rung.training.loop;

import dev.rung.training.data.Examples;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * A classifier's quality on a set of examples.
 *
 * @param loss mean cross-entropy, {@code -mean(log p(true class))}
 * @param accuracy fraction classified correctly
 * @param macroF1 the unweighted mean over classes of per-class F1 (a class never predicted and
 *     never present counts as F1 = 1; one present but never predicted as 0)
 * @param confusion {@code confusion[true][predicted]} counts
 */
public record Evaluation(double loss, double accuracy, double macroF1, long[][] confusion) {
  private static final int CHUNK = 1024;
  private static final double MIN_PROB = 1e-12;

  /** Evaluates {@code net} on {@code examples} in inference mode (no dropout, BN running stats). */
  public static Evaluation of(MultiLayerNetwork net, Examples examples) {
    int k = examples.classes();
    long[][] confusion = new long[k][k];
    double lossSum = 0;
    for (int from = 0; from < examples.size(); from += CHUNK) {
      int to = Math.min(examples.size(), from + CHUNK);
      DataSet ds = examples.range(from, to);
      INDArray p = net.output(ds.getFeatures(), false);
      // log-probability of the true class, clipped so a confident mistake stays finite
      INDArray trueProb = p.mul(ds.getLabels()).sum(1);
      lossSum -=
          Transforms.log(Transforms.max(trueProb, MIN_PROB, false), false)
              .sumNumber()
              .doubleValue();
      int[] predicted = Nd4j.argMax(p, 1).toIntVector();
      for (int i = 0; i < predicted.length; i++) {
        confusion[examples.label(from + i)][predicted[i]]++;
      }
    }
    return new Evaluation(
        lossSum / examples.size(), accuracy(confusion), macroF1(confusion), confusion);
  }

  static double accuracy(long[][] c) {
    long right = 0;
    long all = 0;
    for (int i = 0; i < c.length; i++) {
      for (int j = 0; j < c.length; j++) {
        all += c[i][j];
        if (i == j) {
          right += c[i][j];
        }
      }
    }
    return all == 0 ? 0 : (double) right / all;
  }

  static double macroF1(long[][] c) {
    double sum = 0;
    for (int k = 0; k < c.length; k++) {
      long tp = c[k][k];
      long fp = 0;
      long fn = 0;
      for (int j = 0; j < c.length; j++) {
        if (j != k) {
          fp += c[j][k];
          fn += c[k][j];
        }
      }
      sum += tp + fp + fn == 0 ? 1.0 : 2.0 * tp / (2.0 * tp + fp + fn);
    }
    return sum / c.length;
  }
}
