package dev.rung.training.data;

import static org.junit.jupiter.api.Assertions.*;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.SimpleGroupFactory;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.example.ExampleParquetWriter;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.MessageTypeParser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ParquetReaderTest {
  @TempDir Path dir;

  private String columnsFile() throws IOException {
    MessageType schema =
        MessageTypeParser.parseMessageType(
            "message row { required double a; required float b; required int64 c;"
                + " required binary name (UTF8); required int32 label; }");
    Path p = dir.resolve("columns.parquet");
    try (ParquetWriter<Group> w =
        ExampleParquetWriter.builder(new org.apache.hadoop.fs.Path(p.toString()))
            .withType(schema)
            .withWriteMode(org.apache.parquet.hadoop.ParquetFileWriter.Mode.OVERWRITE)
            .build()) {
      SimpleGroupFactory f = new SimpleGroupFactory(schema);
      for (int i = 0; i < 5; i++) {
        w.write(
            f.newGroup()
                .append("a", i * 0.5)
                .append("b", (float) -i)
                .append("c", (long) i * 10)
                .append("name", "row" + i)
                .append("label", i % 3));
      }
    }
    return p.toString();
  }

  private String arrayFile() throws IOException {
    MessageType schema =
        MessageTypeParser.parseMessageType(
            "message row { required group pixels (LIST) { repeated group list {"
                + " required float element; } } required int32 y; }");
    Path p = dir.resolve("array.parquet");
    try (ParquetWriter<Group> w =
        ExampleParquetWriter.builder(new org.apache.hadoop.fs.Path(p.toString()))
            .withType(schema)
            .withWriteMode(org.apache.parquet.hadoop.ParquetFileWriter.Mode.OVERWRITE)
            .build()) {
      SimpleGroupFactory f = new SimpleGroupFactory(schema);
      for (int i = 0; i < 4; i++) {
        Group g = f.newGroup();
        Group list = g.addGroup("pixels");
        for (int k = 0; k < 3; k++) {
          list.addGroup("list").append("element", (float) (i * 3 + k));
        }
        g.append("y", i % 2);
        w.write(g);
      }
    }
    return p.toString();
  }

  @Test
  void readsNumericColumnsSkippingOthers() throws IOException {
    RawTable t = ParquetReader.read(columnsFile(), ParquetReader.Options.DEFAULT);
    assertEquals(5, t.rows());
    assertEquals(3, t.shape().features());
    assertArrayEquals(new int[] {0, 1, 2, 0, 1}, t.labels());
    assertArrayEquals(new float[] {1.0f, -2f, 20f}, Arrays.copyOfRange(t.features(), 6, 9));
    RawTable chosen =
        ParquetReader.read(columnsFile(), new ParquetReader.Options("label", List.of("c"), null));
    assertArrayEquals(new float[] {0, 10, 20, 30, 40}, chosen.features());
  }

  @Test
  void readsAnArrayColumn() throws IOException {
    RawTable t = ParquetReader.read(arrayFile(), new ParquetReader.Options("y", null, "pixels"));
    assertEquals(4, t.rows());
    assertEquals(3, t.shape().features());
    assertArrayEquals(new float[] {9, 10, 11}, Arrays.copyOfRange(t.features(), 9, 12));
    assertArrayEquals(new int[] {0, 1, 0, 1}, t.labels());
  }

  @Test
  void missingColumnIsNamed() throws IOException {
    String f = columnsFile();
    DataFormatException e =
        assertThrows(
            DataFormatException.class,
            () -> ParquetReader.read(f, new ParquetReader.Options("target", null, null)));
    assertTrue(e.getMessage().startsWith(f + ":") && e.getMessage().contains("'target'"));
  }

  @Test
  void corruptAndTruncatedFilesNameTheFile() throws IOException {
    Path junk = dir.resolve("junk.parquet");
    Files.writeString(junk, "this is not a parquet file at all, just text\n".repeat(10));
    assertUnreadable(junk.toString());
    byte[] full = Files.readAllBytes(Path.of(columnsFile()));
    Path cut = dir.resolve("cut.parquet");
    Files.write(cut, Arrays.copyOf(full, full.length - 20));
    assertUnreadable(cut.toString());
  }

  private static void assertUnreadable(String file) {
    DataFormatException e =
        assertThrows(
            DataFormatException.class,
            () -> ParquetReader.read(file, ParquetReader.Options.DEFAULT));
    assertTrue(e.getMessage().startsWith(file + ":"), e.getMessage());
    assertTrue(e.getMessage().contains("unreadable Parquet file"), e.getMessage());
  }
}
