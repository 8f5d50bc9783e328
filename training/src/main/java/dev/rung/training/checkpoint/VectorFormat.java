package dev.rung.training.checkpoint;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Reads the flat parameter and updater-state vectors of a DL4J model zip ({@code coefficients.bin},
 * {@code updaterState.bin}) without ND4J's reader, so that a crafted file can neither choose a
 * decoder nor make it allocate what the file does not hold.
 *
 * <p>The format, as ND4J 1.0.0-M2.1's {@code Nd4j.write} produces it: two buffers, the shape
 * information and then the values, each a header (the allocation mode {@code MIXED_DATA_TYPES} as
 * modified UTF-8, a long count, the element type as modified UTF-8) followed by that many
 * big-endian elements. The shape information of a vector is {@code [rank, shape..., stride...,
 * extras, element stride, order]}, rank 1 ({@code [n]}) or 2 ({@code [1, n]}).
 *
 * <p>Everything is checked against what the caller expects before anything is allocated: the
 * vector's length (known from the network configuration) and its element type.
 */
final class VectorFormat {
  private static final String MODE = "MIXED_DATA_TYPES";

  /** The element type of shape information, by its name in the file (ND4J's INT64). */
  private static final String SHAPE_TYPE = "LONG";

  private static final long MAX_LENGTH = Integer.MAX_VALUE - 8;

  private VectorFormat() {}

  /**
   * The vector in {@code in}, which must hold exactly {@code length} values of {@code type} (FLOAT
   * or DOUBLE) and nothing after them.
   *
   * @param entry the entry's name, for messages
   */
  static INDArray read(InputStream in, long length, DataType type, String entry, String location)
      throws IOException {
    if (type != DataType.FLOAT && type != DataType.DOUBLE) {
      throw bad(location, entry, "holds " + type + " values; Rung writes only FLOAT or DOUBLE");
    }
    if (length < 1 || length > MAX_LENGTH) {
      throw bad(location, entry, "would hold " + length + " values; Rung reads 1 to " + MAX_LENGTH);
    }
    // The entry's own stream ends with the entry, so reading ahead stays inside it.
    DataInputStream data = new DataInputStream(new BufferedInputStream(in, 1 << 16));
    try {
      long[] shape = shape(data, length, entry, location);
      header(data, length, type.name(), "values", entry, location);
      INDArray vector =
          type == DataType.FLOAT
              ? Nd4j.create(floats(data, (int) length), shape, 'c')
              : Nd4j.create(doubles(data, (int) length), shape, 'c');
      if (data.read() != -1) {
        throw bad(location, entry, "has bytes after its " + length + " values");
      }
      return vector;
    } catch (EOFException e) {
      throw bad(location, entry, "is truncated");
    } catch (IOException e) {
      throw new CheckpointException(location, entry + " cannot be read: " + e.getMessage(), e);
    }
  }

  /** The vector's shape, from the shape information buffer. */
  private static long[] shape(DataInputStream data, long length, String entry, String location)
      throws IOException {
    long count = header(data, -1, SHAPE_TYPE, "shape", entry, location);
    if (count != 6 && count != 8) {
      throw bad(location, entry, "has a shape of " + count + " numbers; a vector's has 6 or 8");
    }
    long[] info = new long[(int) count];
    for (int i = 0; i < info.length; i++) {
      info[i] = data.readLong();
    }
    int rank = (int) info[0];
    long[] shape = new long[Math.max(rank, 0)];
    if (rank * 2L + 4 == count) {
      System.arraycopy(info, 1, shape, 0, rank);
    }
    boolean vector =
        (rank == 1 && count == 6 && shape[0] == length)
            || (rank == 2 && count == 8 && shape[0] == 1 && shape[1] == length);
    if (!vector) {
      throw bad(
          location,
          entry,
          "has shape information "
              + Arrays.toString(info)
              + "; expected a vector of "
              + length
              + " values");
    }
    return shape;
  }

  /**
   * Reads a buffer header and checks it: the mode, the element type and, unless {@code length} is
   * negative, the count.
   *
   * @return the count
   */
  private static long header(
      DataInputStream data, long length, String type, String buffer, String entry, String location)
      throws IOException {
    String mode = data.readUTF();
    if (!mode.equals(MODE)) {
      throw bad(location, entry, "has a " + buffer + " buffer in mode '" + mode + "', not " + MODE);
    }
    long count = data.readLong();
    String found = data.readUTF();
    if (!found.equals(type)) {
      throw bad(location, entry, "has " + buffer + " of type '" + found + "', not " + type);
    }
    if (length >= 0 && count != length) {
      throw bad(
          location,
          entry,
          "holds " + count + " " + buffer + ", but the network has " + length + " of them");
    }
    return count;
  }

  private static float[] floats(DataInputStream data, int n) throws IOException {
    float[] values = new float[n];
    for (int i = 0; i < n; i++) {
      values[i] = data.readFloat();
    }
    return values;
  }

  private static double[] doubles(DataInputStream data, int n) throws IOException {
    double[] values = new double[n];
    for (int i = 0; i < n; i++) {
      values[i] = data.readDouble();
    }
    return values;
  }

  private static CheckpointException bad(String location, String entry, String problem) {
    return new CheckpointException(
        location, entry + " " + problem + "; it is not a vector Rung wrote and is not read", null);
  }
}
