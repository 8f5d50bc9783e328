package dev.rung.training.augment;

import dev.rung.training.data.InputShape;
import java.util.random.RandomGenerator;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.shape.Gather;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Applies an {@link Augmentation} to batches of flat image rows. Every transform is precomputed as
 * a bank of index maps (one per whole-degree angle, per shift, and the mirror); a batch is then
 * transformed by a single ND4J gather per transform, each row picking its own map. Angles are drawn
 * in whole degrees.
 *
 * @apiNote Draws come only from the generator passed in, so a seeded generator gives the same
 *     augmented batches every run. Instances hold no mutable state and may be shared.
 */
public final class Augmenter {
  private final InputShape shape;
  private final Augmentation augmentation;
  private final int maxAngle;
  private final INDArray rotations;
  private final INDArray shifts;
  private final INDArray flips;

  public Augmenter(InputShape shape, Augmentation augmentation) {
    if (augmentation.isActive() && !shape.isImage()) {
      throw new IllegalArgumentException(
          "augmentation "
              + augmentation
              + " needs image examples, but the data has plain vectors of "
              + shape.features()
              + " features");
    }
    this.shape = shape;
    this.augmentation = augmentation;
    this.maxAngle = (int) Math.floor(augmentation.rotationDegrees());
    this.rotations = maxAngle > 0 ? bank(rotationMaps()) : null;
    this.shifts = augmentation.maxShift() > 0 ? bank(shiftMaps()) : null;
    this.flips =
        augmentation.flipProbability() > 0
            ? bank(new int[][] {IndexMaps.identity(shape), IndexMaps.mirror(shape)})
            : null;
  }

  /** Whether {@link #apply} changes anything. */
  public boolean isActive() {
    return rotations != null || shifts != null || flips != null;
  }

  /** The augmented copy of {@code features} ({@code [batch, features]}); the input is unchanged. */
  public INDArray apply(INDArray features, RandomGenerator rng) {
    if (!isActive()) {
      return features;
    }
    int b = (int) features.size(0);
    INDArray out = features;
    if (rotations != null) {
      int[] pick = new int[b];
      for (int i = 0; i < b; i++) {
        pick[i] = rng.nextInt(2 * maxAngle + 1);
      }
      out = gather(out, rotations, pick);
    }
    if (flips != null) {
      int[] pick = new int[b];
      for (int i = 0; i < b; i++) {
        pick[i] = rng.nextDouble() < augmentation.flipProbability() ? 1 : 0;
      }
      out = gather(out, flips, pick);
    }
    if (shifts != null) {
      int[] pick = new int[b];
      int n = 2 * augmentation.maxShift() + 1;
      for (int i = 0; i < b; i++) {
        pick[i] = rng.nextInt(n * n);
      }
      out = gather(out, shifts, pick);
    }
    return out;
  }

  /** Row {@code i} of the result is row {@code i} of {@code x} remapped by map {@code pick[i]}. */
  private INDArray gather(INDArray x, INDArray bank, int[] pick) {
    int b = (int) x.size(0);
    long d = shape.features();
    // A zero column per row gives the "outside the image" index d somewhere to point.
    INDArray padded =
        Nd4j.hstack(x, Nd4j.zeros(x.dataType(), b, 1)).reshape('c', new long[] {b * (d + 1)});
    INDArray index = Nd4j.pullRows(bank, 1, pick);
    INDArray offsets = Nd4j.arange(0, b).castTo(DataType.INT32).muli(d + 1).reshape(b, 1);
    index.addiColumnVector(offsets);
    INDArray flat = Nd4j.exec(new Gather(padded, index.reshape('c', new long[] {b * d}), 0))[0];
    return flat.reshape('c', new long[] {b, d});
  }

  private int[][] rotationMaps() {
    int[][] maps = new int[2 * maxAngle + 1][];
    for (int k = 0; k < maps.length; k++) {
      maps[k] = IndexMaps.rotation(shape, k - maxAngle);
    }
    return maps;
  }

  private int[][] shiftMaps() {
    int s = augmentation.maxShift();
    int n = 2 * s + 1;
    int[][] maps = new int[n * n][];
    for (int dy = -s; dy <= s; dy++) {
      for (int dx = -s; dx <= s; dx++) {
        maps[(dy + s) * n + (dx + s)] = IndexMaps.shift(shape, dx, dy);
      }
    }
    return maps;
  }

  private static INDArray bank(int[][] maps) {
    return Nd4j.createFromArray(maps).castTo(DataType.INT32);
  }
}
