package dev.rung.job.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rung.job.SparkTestBase;
import dev.rung.job.config.InvalidConfigException;
import dev.rung.training.data.DataFormatException;
import dev.rung.training.data.DataSpec;
import dev.rung.training.data.Datasets;
import dev.rung.training.data.ParquetReader;
import dev.rung.training.data.PreparedData;
import dev.rung.training.data.RawTable;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.stream.Stream;
import org.apache.spark.sql.SaveMode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Parquet data written by Spark itself: an output directory, a partitioned one, and catalog tables
 * in a local warehouse, read back with the Parquet reader the executors use.
 */
class ParquetDataTest extends SparkTestBase {
  private static final ParquetReader.Options BY_COLUMN =
      new ParquetReader.Options("label", null, null, "split");

  @TempDir static Path dir;

  @BeforeAll
  static void database() {
    spark()
        .sql(
            "CREATE DATABASE IF NOT EXISTS rung_parquet LOCATION '"
                + dir.resolve("warehouse").toUri()
                + "'");
  }

  private static float[] column(RawTable t, int c) {
    float[] out = new float[t.rows()];
    for (int i = 0; i < out.length; i++) {
      out[i] = t.features()[i * t.shape().features() + c];
    }
    return out;
  }

  private static DataSpec bySplitColumn(String location) {
    return DataSpec.parquet(location, BY_COLUMN, 0, 0);
  }

  @Test
  void aSparkOutputDirectoryReadsAsItsRowsInOrder() throws IOException {
    Path out = dir.resolve("plain");
    SparkParquet.numbers(spark(), 30, 3).drop("split").write().parquet(out.toString());
    try (Stream<Path> files = Files.list(out)) {
      String names = Arrays.toString(files.map(p -> p.getFileName().toString()).sorted().toArray());
      assertTrue(names.contains("_SUCCESS") && names.contains(".crc"), names);
    }
    RawTable t = ParquetReader.read(out.toString(), ParquetReader.Options.DEFAULT);
    assertEquals(30, t.rows());
    assertEquals(2, t.shape().features());
    float[] expected = new float[30];
    for (int i = 0; i < expected.length; i++) {
      expected[i] = i;
    }
    assertArrayEquals(expected, column(t, 0), "part files in path order keep the rows' order");
    assertEquals(2, t.labels()[29]);
  }

  @Test
  void aPartitionedDirectoryGivesItsColumnsFromTheDirectoryNames() {
    Path bySplit = dir.resolve("by-split");
    SparkParquet.numbers(spark(), 50, 2).write().partitionBy("split").parquet(bySplit.toString());
    assertTrue(Files.isDirectory(bySplit.resolve("split=validation")));
    PreparedData d = Datasets.prepare(bySplitColumn(bySplit.toString()));
    assertEquals(30, d.train().size());
    assertEquals(10, d.validation().size());
    assertEquals(10, d.test().size());
    assertEquals(2, d.train().shape().features(), "a, b: the split column is no feature");

    Path byLabel = dir.resolve("by-label");
    SparkParquet.numbers(spark(), 30, 2)
        .drop("split")
        .write()
        .partitionBy("label")
        .parquet(byLabel.toString());
    RawTable t = ParquetReader.read(byLabel.toString(), ParquetReader.Options.DEFAULT);
    assertEquals(30, t.rows());
    float[] a = column(t, 0);
    for (int i = 0; i < t.rows(); i++) {
      assertEquals((int) a[i] % 3, t.labels()[i], "the label of row a = " + a[i]);
    }
  }

  @Test
  void aSplitValueOutsideTheAllowedOnesNamesColumnValueAndTheAllowedOnes() {
    Path out = dir.resolve("bad-split");
    SparkParquet.digits(spark(), "holdout").write().parquet(out.toString());
    DataFormatException e =
        assertThrows(
            DataFormatException.class,
            () ->
                ParquetReader.read(
                    out.toString(), new ParquetReader.Options("label", null, "pixels", "split")));
    assertTrue(e.getMessage().contains("split column 'split' holds 'holdout'"), e.getMessage());
    assertTrue(e.getMessage().contains("train, validation (or valid, val), test"), e.getMessage());
  }

  @Test
  void aParquetCatalogTableIsFoundAndReadFromItsLocation() {
    SparkParquet.numbers(spark(), 50, 2)
        .write()
        .mode(SaveMode.Overwrite)
        .format("parquet")
        .partitionBy("split")
        .saveAsTable("rung_parquet.numbers");
    String location = CatalogTables.location(spark(), "rung_parquet.numbers");
    assertTrue(location.contains(dir.resolve("warehouse").resolve("numbers").toString()), location);
    PreparedData d = Datasets.prepare(bySplitColumn(location));
    assertEquals(30, d.train().size());
    assertEquals(10, d.test().size());

    spark().sql("USE rung_parquet");
    try {
      assertEquals(location, CatalogTables.location(spark(), "numbers"), "in the current database");
    } finally {
      spark().sql("USE default");
    }
  }

  @Test
  void anUnknownOrNonParquetTableIsRefusedNamingKeyTableAndWhatIsAllowed() {
    SparkParquet.numbers(spark(), 10, 1)
        .write()
        .mode(SaveMode.Overwrite)
        .format("csv")
        .saveAsTable("rung_parquet.as_csv");
    String csv = refused("rung_parquet.as_csv");
    assertTrue(csv.contains("is stored as csv, not Parquet"), csv);
    String unknown = refused("rung_parquet.nothere");
    assertTrue(unknown.contains("'rung_parquet.nothere' does not exist"), unknown);
    assertTrue(unknown.contains("as_csv"), "the tables there are listed: " + unknown);
    spark().sql("CREATE VIEW rung_parquet.small AS SELECT a, label FROM rung_parquet.as_csv");
    String view = refused("rung_parquet.small");
    assertTrue(view.contains("is a view"), view);
    String noDatabase = refused("nodb.t");
    assertTrue(noDatabase.contains("database 'nodb'"), noDatabase);
  }

  private static String refused(String table) {
    InvalidConfigException e =
        assertThrows(InvalidConfigException.class, () -> CatalogTables.location(spark(), table));
    String m = e.getMessage();
    assertTrue(m.contains("rung.data.table"), m);
    assertTrue(m.contains("a table stored as Parquet"), m);
    return m;
  }
}
