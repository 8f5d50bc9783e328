package dev.rung.training.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.SimpleGroupFactory;
import org.apache.parquet.hadoop.ParquetFileWriter;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.example.ExampleParquetWriter;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.MessageTypeParser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Parquet directories laid out as Spark writes them: part files with {@code _SUCCESS} and {@code
 * .crc} files beside them, Hive-style partition directories, and split columns.
 */
class ParquetDirectoryTest {
  private static final MessageType ROWS =
      MessageTypeParser.parseMessageType(
          "message row { required double a; required double b; required int32 label;"
              + " optional binary split (UTF8); }");
  private static final MessageType NO_LABEL =
      MessageTypeParser.parseMessageType("message row { required double a; required double b; }");
  private static final ParquetReader.Options BY_COLUMN =
      new ParquetReader.Options("label", null, null, "split");

  @TempDir Path dir;

  /**
   * Writes rows {@code from..to-1}: a = i, b = -i, c = i, label = i % 2, split = splits[i - from],
   * each column only if the schema has it.
   */
  private static void write(Path file, MessageType schema, int from, int to, String... splits)
      throws IOException {
    Files.createDirectories(file.getParent());
    try (ParquetWriter<Group> w =
        ExampleParquetWriter.builder(new org.apache.hadoop.fs.Path(file.toString()))
            .withType(schema)
            .withWriteMode(ParquetFileWriter.Mode.OVERWRITE)
            .build()) {
      SimpleGroupFactory f = new SimpleGroupFactory(schema);
      for (int i = from; i < to; i++) {
        Group g = f.newGroup().append("a", (double) i).append("b", (double) -i);
        if (schema.containsField("c")) {
          g.append("c", (double) i);
        }
        if (schema.containsField("label")) {
          g.append("label", i % 2);
        }
        if (splits.length > 0) {
          g.append("split", splits[i - from]);
        }
        w.write(g);
      }
    }
  }

  private static float[] column(RawTable t, int c) {
    float[] out = new float[t.rows()];
    for (int i = 0; i < out.length; i++) {
      out[i] = t.features()[i * t.shape().features() + c];
    }
    return out;
  }

  @Test
  void aSparkOutputDirectoryIsReadInPathOrderSkippingMetadataFiles() throws IOException {
    Path data = dir.resolve("out");
    write(data.resolve("part-00001-x.snappy.parquet"), ROWS, 3, 6);
    write(data.resolve("part-00000-x.snappy.parquet"), ROWS, 0, 3);
    write(data.resolve("part-00002-x.snappy.parquet"), ROWS, 6, 6); // no rows, as Spark may write
    Files.writeString(data.resolve("_SUCCESS"), "");
    Files.writeString(data.resolve("_committed_123"), "not data");
    Files.createDirectories(data.resolve("_temporary/0"));
    Files.writeString(data.resolve("_temporary/0/junk"), "not data");

    RawTable t = ParquetReader.read(data.toString(), ParquetReader.Options.DEFAULT);
    assertEquals(6, t.rows());
    assertArrayEquals(new float[] {0, 1, 2, 3, 4, 5}, column(t, 0));
    assertArrayEquals(new float[] {0, -1, -2, -3, -4, -5}, column(t, 1));
    assertArrayEquals(new int[] {0, 1, 0, 1, 0, 1}, t.labels());
    assertNull(t.splits());
    assertTrue(
        Files.list(data).anyMatch(p -> p.getFileName().toString().endsWith(".crc")),
        "the writer left .crc files beside the parts, which are skipped");
  }

  @Test
  void aPartitionColumnServesAsTheLabel() throws IOException {
    Path data = dir.resolve("by-label");
    write(data.resolve("label=1/part-00000.parquet"), NO_LABEL, 0, 2);
    write(data.resolve("label=0/part-00000.parquet"), NO_LABEL, 2, 5);
    RawTable t = ParquetReader.read(data.toString(), ParquetReader.Options.DEFAULT);
    assertEquals(5, t.rows());
    assertEquals(2, t.shape().features(), "the partition column is not a feature");
    // label=0 sorts before label=1
    assertArrayEquals(new float[] {2, 3, 4, 0, 1}, column(t, 0));
    assertArrayEquals(new int[] {0, 0, 0, 1, 1}, t.labels());
  }

  @Test
  void aPartitionedSplitColumnDecidesTheParts() throws IOException {
    Path data = dir.resolve("by-split");
    write(data.resolve("split=train/part-00000.parquet"), NO_LABEL, 0, 6);
    write(data.resolve("split=val/part-00000.parquet"), NO_LABEL, 6, 8);
    write(data.resolve("split=test/part-00000.parquet"), NO_LABEL, 8, 10);
    Path labelled = dir.resolve("labelled");
    write(labelled.resolve("split=train/part-00000.parquet"), ROWS, 0, 6);
    write(labelled.resolve("split=val/part-00000.parquet"), ROWS, 6, 8);
    write(labelled.resolve("split=test/part-00000.parquet"), ROWS, 8, 10);

    RawTable t = ParquetReader.read(labelled.toString(), BY_COLUMN);
    // test < train < val by path
    assertArrayEquals(new float[] {8, 9, 0, 1, 2, 3, 4, 5, 6, 7}, column(t, 0));
    assertArrayEquals(new byte[] {2, 2, 0, 0, 0, 0, 0, 0, 1, 1}, t.splits());

    PreparedData d = Datasets.prepare(spec(labelled.toString(), BY_COLUMN));
    assertEquals(6, d.train().size());
    assertEquals(2, d.validation().size());
    assertEquals(2, d.test().size());
  }

  @Test
  void aSplitColumnInTheFilesDecidesTheParts() throws IOException {
    Path data = dir.resolve("split-in-file");
    write(
        data.resolve("part-00000.parquet"),
        ROWS,
        0,
        8,
        "train",
        "TRAIN",
        " validation ",
        "valid",
        "test",
        "train",
        "Val",
        "train");
    RawTable t = ParquetReader.read(data.toString(), BY_COLUMN);
    assertArrayEquals(new byte[] {0, 0, 1, 1, 2, 0, 1, 0}, t.splits());
    assertEquals(2, t.shape().features(), "the split column is not a feature");
    PreparedData d = Datasets.prepare(spec(data.toString(), BY_COLUMN));
    assertEquals(4, d.train().size());
    assertEquals(3, d.validation().size());
    assertEquals(1, d.test().size());
  }

  @Test
  void theSameDirectoryGivesTheSameRandomSplit() throws IOException {
    Path data = dir.resolve("random");
    for (int p = 0; p < 4; p++) {
      write(data.resolve("part-0000" + p + ".parquet"), ROWS, p * 25, p * 25 + 25);
    }
    DataSpec spec = DataSpec.parquet(data.toString(), ParquetReader.Options.DEFAULT, 0.2, 0.2);
    PreparedData first = Datasets.prepare(spec);
    PreparedData second = Datasets.prepare(spec);
    assertEquals(60, first.train().size());
    assertEquals(first.validation().features(), second.validation().features());
    assertEquals(first.test().features(), second.test().features());
  }

  @Test
  void aSplitValueOutsideTheAllowedOnesIsNamed() throws IOException {
    Path data = dir.resolve("bad-split");
    write(data.resolve("part-00000.parquet"), ROWS, 0, 3, "train", "holdout", "test");
    DataFormatException e =
        assertThrows(
            DataFormatException.class, () -> ParquetReader.read(data.toString(), BY_COLUMN));
    assertTrue(e.getMessage().contains("row 1"), e.getMessage());
    assertTrue(e.getMessage().contains("split column 'split'"), e.getMessage());
    assertTrue(e.getMessage().contains("'holdout'"), e.getMessage());
    assertTrue(e.getMessage().contains(DataSplit.ALLOWED), e.getMessage());

    Path partitioned = dir.resolve("bad-split-partition");
    write(partitioned.resolve("split=dev/part-00000.parquet"), NO_LABEL, 0, 2);
    ParquetReader.Options labelled = new ParquetReader.Options("a", null, null, "split");
    DataFormatException p =
        assertThrows(
            DataFormatException.class, () -> ParquetReader.read(partitioned.toString(), labelled));
    assertTrue(p.getMessage().contains("partition directory"), p.getMessage());
    assertTrue(p.getMessage().contains("'dev'"), p.getMessage());
  }

  @Test
  void aPartWithoutRowsOfTheSplitColumnIsAnError() throws IOException {
    Path data = dir.resolve("no-test");
    write(data.resolve("part-00000.parquet"), ROWS, 0, 4, "train", "train", "val", "train");
    DataFormatException e =
        assertThrows(
            DataFormatException.class, () -> Datasets.prepare(spec(data.toString(), BY_COLUMN)));
    assertTrue(e.getMessage().contains("marks no test rows"), e.getMessage());
  }

  @Test
  void anEmptyDirectoryOrOneWithoutDataFilesIsNamed() throws IOException {
    Path empty = Files.createDirectories(dir.resolve("empty"));
    Path onlyMarker = Files.createDirectories(dir.resolve("only-success"));
    Files.writeString(onlyMarker.resolve("_SUCCESS"), "");
    Files.writeString(onlyMarker.resolve(".hidden.crc"), "");
    for (Path p : List.of(empty, onlyMarker)) {
      DataFormatException e =
          assertThrows(
              DataFormatException.class,
              () -> ParquetReader.read(p.toString(), ParquetReader.Options.DEFAULT));
      assertTrue(e.getMessage().startsWith(p + ":"), e.getMessage());
      assertTrue(e.getMessage().contains("no Parquet data files"), e.getMessage());
    }
    UncheckedIOException missing =
        assertThrows(
            UncheckedIOException.class,
            () ->
                ParquetReader.read(
                    dir.resolve("nothere").toString(), ParquetReader.Options.DEFAULT));
    assertTrue(missing.getMessage().contains("nothere"), missing.getMessage());
  }

  @Test
  void filesWithOtherColumnsOrStrayDirectoriesAreErrors() throws IOException {
    Path mixed = dir.resolve("mixed");
    write(mixed.resolve("part-00000.parquet"), ROWS, 0, 2);
    MessageType wider =
        MessageTypeParser.parseMessageType(
            "message row { required double a; required double b; required double c;"
                + " required int32 label; }");
    write(mixed.resolve("part-00001.parquet"), wider, 0, 1);
    DataFormatException e =
        assertThrows(
            DataFormatException.class,
            () -> ParquetReader.read(mixed.toString(), ParquetReader.Options.DEFAULT));
    assertTrue(e.getMessage().contains("part-00001.parquet has [a, b, c]"), e.getMessage());

    Path stray = dir.resolve("stray");
    write(stray.resolve("part-00000.parquet"), ROWS, 0, 2);
    write(stray.resolve("backup/part-00000.parquet"), ROWS, 0, 2);
    DataFormatException s =
        assertThrows(
            DataFormatException.class,
            () -> ParquetReader.read(stray.toString(), ParquetReader.Options.DEFAULT));
    assertTrue(s.getMessage().contains("'backup'"), s.getMessage());
  }

  @Test
  void partitionNamesAreUnescapedAndTheNullPartitionIsNoLabel() throws IOException {
    assertEquals("a=b/c d", ParquetParts.unescape("a%3Db%2Fc d"));
    assertEquals("100%", ParquetParts.unescape("100%"));
    Path data = dir.resolve("null-label");
    write(data.resolve("label=__HIVE_DEFAULT_PARTITION__/part-00000.parquet"), NO_LABEL, 0, 2);
    DataFormatException e =
        assertThrows(
            DataFormatException.class,
            () -> ParquetReader.read(data.toString(), ParquetReader.Options.DEFAULT));
    assertTrue(e.getMessage().contains("label 'label' = null"), e.getMessage());
  }

  @Test
  void aSplitColumnExcludesFractionsAndATestFile() {
    IllegalArgumentException fractions =
        assertThrows(
            IllegalArgumentException.class, () -> DataSpec.parquet("x", BY_COLUMN, 0.1, 0));
    assertTrue(fractions.getMessage().contains("split column 'split'"), fractions.getMessage());
    IllegalArgumentException test =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                new DataSpec(
                    DataSpec.Format.PARQUET,
                    "x",
                    null,
                    "y",
                    null,
                    null,
                    BY_COLUMN,
                    null,
                    0,
                    0,
                    42,
                    null));
    assertTrue(test.getMessage().contains("test file (y)"), test.getMessage());
    assertThrows(
        IllegalArgumentException.class,
        () -> new ParquetReader.Options("label", List.of(), null, "label"));
  }

  private static DataSpec spec(String location, ParquetReader.Options options) {
    return DataSpec.parquet(location, options, 0, 0);
  }
}
