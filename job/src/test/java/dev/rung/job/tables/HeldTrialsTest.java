package dev.rung.job.tables;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rung.job.Causes;
import dev.rung.job.SparkTestBase;
import java.io.FileNotFoundException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The trials a view holds: read at once, and never fewer snapshots than were chosen. A snapshot a
 * sweep replaced between being chosen and being read is reported as a file gone (the shell then
 * lists the tables again), not read as a run without trials.
 */
class HeldTrialsTest extends SparkTestBase {

  /** Two snapshot files of three and two rows, as two runs' trials. */
  private static List<String> snapshots(Path dir) throws Exception {
    spark().range(3).toDF("number").coalesce(1).write().parquet(dir.resolve("a").toString());
    spark().range(2).toDF("number").coalesce(1).write().parquet(dir.resolve("b").toString());
    return List.of(part(dir.resolve("a")), part(dir.resolve("b")));
  }

  private static String part(Path dir) throws Exception {
    try (Stream<Path> files = Files.list(dir)) {
      return files
          .filter(f -> f.getFileName().toString().startsWith("part-"))
          .findFirst()
          .orElseThrow()
          .toString();
    }
  }

  private static StructType schema() {
    return spark().range(1).toDF("number").schema();
  }

  @Test
  void everyChosenSnapshotIsReadAndHeld(@TempDir Path dir) throws Exception {
    List<String> files = snapshots(dir);
    Dataset<Row> held =
        TableCatalog.held(
            spark().read().schema(schema()).parquet(files.toArray(String[]::new)), files.size());
    Files.delete(Path.of(files.get(0)));
    assertEquals(5, held.count(), "held in memory: the file deleted after the read is not needed");
  }

  @Test
  void aSnapshotSparkDidNotListIsAFileGone(@TempDir Path dir) throws Exception {
    List<String> files = snapshots(dir);
    // Spark listed one of the two chosen files, as when the other went before it was listed.
    Dataset<Row> listedOne = spark().read().schema(schema()).parquet(files.get(1));
    RuntimeException e =
        assertThrows(RuntimeException.class, () -> TableCatalog.held(listedOne, files.size()));
    assertTrue(Causes.has(e, FileNotFoundException.class), String.valueOf(e));
    assertTrue(e.getMessage().contains("1 of 2 snapshot files"), e.getMessage());
  }

  @Test
  void aSnapshotGoneBeforeItWasReadIsAFileGone(@TempDir Path dir) throws Exception {
    List<String> files = snapshots(dir);
    Dataset<Row> listed = spark().read().schema(schema()).parquet(files.toArray(String[]::new));
    Files.delete(Path.of(files.get(0)));
    Exception e = assertThrows(Exception.class, () -> TableCatalog.held(listed, files.size()));
    assertTrue(Causes.has(e, FileNotFoundException.class), String.valueOf(e));
  }
}
