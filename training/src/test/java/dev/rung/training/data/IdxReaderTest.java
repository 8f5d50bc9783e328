package dev.rung.training.data;

import static org.junit.jupiter.api.Assertions.*;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IdxReaderTest {
  @TempDir Path dir;

  /** An IDX file: magic 00 00 type rank, big-endian sizes, then the values. */
  static byte[] idx(int type, int[] dims, byte[] values) throws IOException {
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    DataOutputStream out = new DataOutputStream(b);
    out.write(new byte[] {0, 0, (byte) type, (byte) dims.length});
    for (int d : dims) {
      out.writeInt(d);
    }
    out.write(values);
    return b.toByteArray();
  }

  static byte[] gzip(byte[] raw) throws IOException {
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    try (OutputStream out = new GZIPOutputStream(b)) {
      out.write(raw);
    }
    return b.toByteArray();
  }

  private String write(String name, byte[] bytes) throws IOException {
    Path p = dir.resolve(name);
    Files.write(p, bytes);
    return p.toString();
  }

  private byte[] images() throws IOException {
    byte[] px = new byte[3 * 2 * 2];
    for (int i = 0; i < px.length; i++) {
      px[i] = (byte) (i * 20 + 15); // up to 235: exercises unsigned bytes above 127
    }
    return idx(0x08, new int[] {3, 2, 2}, px);
  }

  @Test
  void readsImagesAndLabelsRawAndGzipped() throws IOException {
    byte[] labels = idx(0x08, new int[] {3}, new byte[] {7, 0, (byte) 200});
    for (boolean gz : new boolean[] {false, true}) {
      String x = write("x" + gz, gz ? gzip(images()) : images());
      String y = write("y" + gz, gz ? gzip(labels) : labels);
      RawTable t = IdxReader.readLabeled(x, y);
      assertEquals(InputShape.image(1, 2, 2), t.shape());
      assertArrayEquals(new int[] {7, 0, 200}, t.labels());
      assertEquals(235f, t.features()[11]);
      assertEquals(15f, t.features()[0]);
    }
  }

  @Test
  void wrongMagicNamesTheFile() throws IOException {
    byte[] bad = images();
    bad[0] = 0x50; // e.g. a PNG or a text file
    assertProblem(write("bad-magic", bad), "magic number");
  }

  @Test
  void unsupportedTypeIsNamed() throws IOException {
    assertProblem(write("floats", idx(0x0D, new int[] {1}, new byte[4])), "0x0d");
  }

  @Test
  void truncatedHeaderAndDataAreReported() throws IOException {
    byte[] full = images();
    assertProblem(write("cut-header", Arrays.copyOf(full, 9)), "truncated IDX header");
    assertProblem(write("cut-data", Arrays.copyOf(full, full.length - 3)), "truncated IDX file");
    assertProblem(
        write("cut-gzip", Arrays.copyOf(gzip(full), gzip(full).length - 12)), "truncated");
    byte[] longer = Arrays.copyOf(full, full.length + 2);
    assertProblem(write("trailing", longer), "bytes after");
  }

  @Test
  void labelCountMustMatch() throws IOException {
    String x = write("x", images());
    String y = write("y", idx(0x08, new int[] {2}, new byte[] {1, 2}));
    DataFormatException e =
        assertThrows(DataFormatException.class, () -> IdxReader.readLabeled(x, y));
    assertTrue(e.getMessage().contains(x) && e.getMessage().contains(y), e.getMessage());
  }

  private static void assertProblem(String file, String fragment) {
    DataFormatException e = assertThrows(DataFormatException.class, () -> IdxReader.read(file));
    assertTrue(e.getMessage().startsWith(file + ":"), e.getMessage());
    assertTrue(e.getMessage().contains(fragment), e.getMessage());
  }
}
