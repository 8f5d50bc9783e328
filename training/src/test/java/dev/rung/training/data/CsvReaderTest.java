package dev.rung.training.data;

import static org.junit.jupiter.api.Assertions.*;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CsvReaderTest {
  @TempDir Path dir;

  private String write(String name, String text) throws IOException {
    Path p = dir.resolve(name);
    Files.writeString(p, text);
    return p.toString();
  }

  @Test
  void readsTheBundledDigits() {
    RawTable t = CsvReader.read(DataSpec.DIGITS_RESOURCE, CsvReader.Options.DEFAULT);
    assertEquals(1797, t.rows());
    assertEquals(64, t.shape().features());
    assertEquals(10, t.classCount());
    assertEquals(0, t.labels()[0]); // the first line of the file ends in ",0"
  }

  @Test
  void detectsHeaderAndFindsTheLabelByName() throws IOException {
    String f = write("h.csv", "a,label,b\n1.5,2,3\n\n4,0,-6e1\n");
    RawTable t = CsvReader.read(f, new CsvReader.Options("label", null, ','));
    assertArrayEquals(new int[] {2, 0}, t.labels());
    assertArrayEquals(new float[] {1.5f, 3f, 4f, -60f}, t.features());
    RawTable byIndex = CsvReader.read(f, new CsvReader.Options("1", true, ','));
    assertArrayEquals(t.features(), byIndex.features());
  }

  @Test
  void readsGzipAndOtherDelimiters() throws IOException {
    Path p = dir.resolve("x.csv.gz");
    Files.write(p, IdxReaderTest.gzip("1;2;1\n3;4;0\n".getBytes(StandardCharsets.UTF_8)));
    RawTable t = CsvReader.read(p.toString(), new CsvReader.Options("last", false, ';'));
    assertArrayEquals(new int[] {1, 0}, t.labels());
  }

  @Test
  void errorsNameFileLineAndColumn() throws IOException {
    assertProblem(write("nan.csv", "1,2,0\n1,x,1\n"), "line 2, column 2: 'x'");
    assertProblem(write("ragged.csv", "1,2,0\n1,1\n"), "line 2 has 2 columns");
    assertProblem(write("label.csv", "1,2,0\n1,2,1.5\n"), "label '1.5'");
    assertProblem(write("empty.csv", "\n\n"), "no data lines");
    assertProblem(write("nolabel.csv", "a,b\n1,2\n"), "label column 'y'");
  }

  @Test
  void truncatedGzipIsReported() throws IOException {
    byte[] gz = IdxReaderTest.gzip("1,2,0\n".repeat(2000).getBytes(StandardCharsets.UTF_8));
    Path p = dir.resolve("cut.csv.gz");
    Files.write(p, Arrays.copyOf(gz, gz.length / 2));
    assertProblem(p.toString(), "truncated");
  }

  private static void assertProblem(String file, String fragment) {
    CsvReader.Options o =
        file.endsWith("nolabel.csv")
            ? new CsvReader.Options("y", null, ',')
            : CsvReader.Options.DEFAULT;
    DataFormatException e = assertThrows(DataFormatException.class, () -> CsvReader.read(file, o));
    assertTrue(e.getMessage().startsWith(file + ":"), e.getMessage());
    assertTrue(e.getMessage().contains(fragment), e.getMessage());
  }
}
