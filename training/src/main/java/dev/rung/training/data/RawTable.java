package dev.rung.training.data;

/**
 * Examples as a reader produced them, before splitting and normalization: row-major features and
 * integer class labels.
 *
 * @param source where the rows came from, for messages
 * @param features {@code rows * shape.features()} values, row-major
 * @param labels one class index (&gt;= 0) per row
 * @param shape the shape of one example
 * @param splits the part each row belongs to, as a split column says ({@link DataSplit} ordinals),
 *     or null when the rows are split at random
 */
public record RawTable(
    String source, float[] features, int[] labels, InputShape shape, byte[] splits) {
  /** Rows without a split column. */
  public RawTable(String source, float[] features, int[] labels, InputShape shape) {
    this(source, features, labels, shape, null);
  }

  public RawTable {
    if (splits != null && splits.length != labels.length) {
      throw new IllegalArgumentException(
          source + ": " + labels.length + " labels but " + splits.length + " split values");
    }
    if ((long) labels.length * shape.features() != features.length) {
      throw new IllegalArgumentException(
          source
              + ": "
              + labels.length
              + " labels but "
              + features.length
              + " feature values for examples of "
              + shape.features());
    }
  }

  public int rows() {
    return labels.length;
  }

  /** The largest label plus one. */
  public int classCount() {
    int max = -1;
    for (int l : labels) {
      max = Math.max(max, l);
    }
    return max + 1;
  }

  /** The same rows with another example shape of the same size. */
  public RawTable withShape(InputShape other) {
    if (other.features() != shape.features()) {
      throw new IllegalArgumentException(
          source
              + ": examples have "
              + shape.features()
              + " features, which cannot be viewed as "
              + other);
    }
    return new RawTable(source, features, labels, other, splits);
  }
}
