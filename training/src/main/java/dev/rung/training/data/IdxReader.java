package dev.rung.training.data;

import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.zip.ZipException;

/**
 * Reads IDX files, the format of MNIST and Fashion-MNIST: two zero bytes, a type byte, the number
 * of dimensions, each dimension as a big-endian 32-bit size, then the values. Only unsigned bytes
 * (type 0x08) are supported, which is what image and label files use. Files may be gzipped.
 */
public final class IdxReader {
  private static final int UNSIGNED_BYTE = 0x08;

  private IdxReader() {}

  /** An IDX array: its dimensions and its values as unsigned bytes. */
  public record IdxArray(String source, int[] dims, byte[] data) {
    /** The value at flat index {@code i}, 0..255. */
    public int get(int i) {
      return data[i] & 0xff;
    }
  }

  /** Reads a whole IDX file. */
  public static IdxArray read(String location) {
    try (InputStream raw = DataFiles.open(location);
        DataInputStream in = new DataInputStream(raw)) {
      return read(location, in);
    } catch (EOFException | ZipException e) {
      throw new DataFormatException(
          location, "truncated or corrupt compressed data: " + e.getMessage(), e);
    } catch (IOException e) {
      throw new UncheckedIOException(location + ": cannot read IDX file: " + e.getMessage(), e);
    }
  }

  private static IdxArray read(String location, DataInputStream in) throws IOException {
    byte[] magic = new byte[4];
    if (in.readNBytes(magic, 0, 4) < 4) {
      throw new DataFormatException(
          location, "not an IDX file: shorter than its 4-byte magic number");
    }
    if (magic[0] != 0 || magic[1] != 0) {
      throw new DataFormatException(
          location,
          String.format(
              "not an IDX file: the magic number starts %02x %02x, expected 00 00",
              magic[0] & 0xff, magic[1] & 0xff));
    }
    int type = magic[2] & 0xff;
    if (type != UNSIGNED_BYTE) {
      throw new DataFormatException(
          location,
          String.format(
              "IDX element type 0x%02x is not supported: only unsigned bytes (0x08) are", type));
    }
    int rank = magic[3] & 0xff;
    if (rank < 1) {
      throw new DataFormatException(location, "IDX file declares 0 dimensions");
    }
    int[] dims = new int[rank];
    long count = 1;
    for (int i = 0; i < rank; i++) {
      try {
        dims[i] = in.readInt();
      } catch (EOFException e) {
        throw new DataFormatException(
            location, "truncated IDX header: it ends inside dimension " + i + " of " + rank);
      }
      if (dims[i] <= 0) {
        throw new DataFormatException(
            location, "IDX dimension " + i + " is " + dims[i] + ": sizes must be > 0");
      }
      count *= dims[i];
    }
    if (count > Integer.MAX_VALUE - 16) {
      throw new DataFormatException(
          location, "IDX array " + Arrays.toString(dims) + " has more than 2^31 values");
    }
    byte[] data = new byte[(int) count];
    int got = in.readNBytes(data, 0, data.length);
    if (got < data.length) {
      throw new DataFormatException(
          location,
          "truncated IDX file: the header declares dimensions "
              + Arrays.toString(dims)
              + " ("
              + count
              + " values) but only "
              + got
              + " follow");
    }
    if (in.read() != -1) {
      throw new DataFormatException(
          location,
          "IDX file has bytes after the "
              + count
              + " values its header "
              + Arrays.toString(dims)
              + " declares");
    }
    return new IdxArray(location, dims, data);
  }

  /**
   * Reads an image file ({@code n x height x width}, or {@code n x features}) and its label file
   * ({@code n}) as a table of 1-channel images with values 0..255.
   */
  public static RawTable readLabeled(String images, String labels) {
    IdxArray x = read(images);
    IdxArray y = read(labels);
    if (y.dims().length != 1) {
      throw new DataFormatException(
          labels,
          "an IDX label file must have 1 dimension, this one has " + Arrays.toString(y.dims()));
    }
    if (x.dims()[0] != y.dims()[0]) {
      throw new DataFormatException(
          images,
          "has " + x.dims()[0] + " examples but its label file " + labels + " has " + y.dims()[0]);
    }
    InputShape shape =
        switch (x.dims().length) {
          case 2 -> InputShape.vector(x.dims()[1]);
          case 3 -> InputShape.image(1, x.dims()[1], x.dims()[2]);
          case 4 -> InputShape.image(x.dims()[1], x.dims()[2], x.dims()[3]);
          default ->
              throw new DataFormatException(
                  images,
                  "an IDX example file must have 2 to 4 dimensions, not "
                      + Arrays.toString(x.dims()));
        };
    float[] features = new float[x.data().length];
    for (int i = 0; i < features.length; i++) {
      features[i] = x.get(i);
    }
    int[] classes = new int[y.data().length];
    for (int i = 0; i < classes.length; i++) {
      classes[i] = y.get(i);
    }
    return new RawTable(images, features, classes, shape);
  }
}
