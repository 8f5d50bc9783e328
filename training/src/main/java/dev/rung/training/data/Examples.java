package dev.rung.training.data;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * A set of labelled examples held in memory as ND4J arrays: features {@code [n, features]}
 * (float32, rows in the order of {@link InputShape}) and one-hot labels {@code [n, classes]}.
 *
 * @apiNote Immutable once built and safe to share between threads: batches are copies.
 */
public final class Examples {
  private final String name;
  private final INDArray features;
  private final INDArray oneHot;
  private final int[] labels;
  private final InputShape shape;
  private final int classes;

  Examples(String name, float[] rows, int[] labels, InputShape shape, int classes) {
    this.name = name;
    this.labels = labels.clone();
    this.shape = shape;
    this.classes = classes;
    this.features = Nd4j.createFromArray(rows).reshape('c', labels.length, shape.features());
    this.oneHot = Nd4j.zeros(DataType.FLOAT, labels.length, classes);
    for (int i = 0; i < labels.length; i++) {
      oneHot.putScalar(i, labels[i], 1f);
    }
  }

  /** What the examples are, e.g. {@code validation of data/mnist/train-images-idx3-ubyte}. */
  public String name() {
    return name;
  }

  public int size() {
    return labels.length;
  }

  public InputShape shape() {
    return shape;
  }

  public int classes() {
    return classes;
  }

  /** The class index of example {@code i}. */
  public int label(int i) {
    return labels[i];
  }

  /** All features, {@code [n, features]}; do not modify. */
  public INDArray features() {
    return features;
  }

  /** All one-hot labels, {@code [n, classes]}; do not modify. */
  public INDArray oneHotLabels() {
    return oneHot;
  }

  /** A copy of the rows at {@code indices}, as a DL4J data set. */
  public DataSet batch(int[] indices) {
    return new DataSet(Nd4j.pullRows(features, 1, indices), Nd4j.pullRows(oneHot, 1, indices));
  }

  /** A copy of the rows {@code [from, to)}. */
  public DataSet range(int from, int to) {
    return new DataSet(
        features.get(NDArrayIndex.interval(from, to), NDArrayIndex.all()).dup(),
        oneHot.get(NDArrayIndex.interval(from, to), NDArrayIndex.all()).dup());
  }
}
