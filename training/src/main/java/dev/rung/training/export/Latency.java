package dev.rung.training.export;

import java.util.Arrays;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;

/** Secondary objectives of a trained network: its size and its inference speed. */
public final class Latency {
  private Latency() {}

  /** The number of trainable parameters. */
  public static long parameterCount(MultiLayerNetwork net) {
    return net.numParams();
  }

  /**
   * Inference latency per example in seconds: {@code batch} (rows of {@code features}) is run
   * {@code warmup} times untimed, then {@code repeats} times timed; the result is the median time
   * divided by the batch size. The median ignores the odd slow run caused by GC or a busy machine.
   */
  public static double perExampleSeconds(
      MultiLayerNetwork net, INDArray batch, int warmup, int repeats) {
    if (repeats < 1 || warmup < 0) {
      throw new IllegalArgumentException(
          "latency needs repeats >= 1 and warmup >= 0, got " + repeats + " and " + warmup);
    }
    for (int i = 0; i < warmup; i++) {
      net.output(batch, false);
    }
    double[] t = new double[repeats];
    for (int i = 0; i < repeats; i++) {
      long start = System.nanoTime();
      net.output(batch, false);
      t[i] = (System.nanoTime() - start) / 1e9;
    }
    Arrays.sort(t);
    double median = repeats % 2 == 1 ? t[repeats / 2] : (t[repeats / 2 - 1] + t[repeats / 2]) / 2;
    return median / batch.size(0);
  }
}
