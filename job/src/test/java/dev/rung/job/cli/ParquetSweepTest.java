package dev.rung.job.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rung.job.RunDirs;
import dev.rung.job.SparkTestBase;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.SaveMode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Short sweeps on the UCI digits written by Spark as a partitioned Parquet directory and as a
 * catalog table, with a split column; and the data errors they refuse before any work.
 */
@Tag("slow")
class ParquetSweepTest extends SparkTestBase {
  @TempDir static Path dir;
  private static Path digits;

  @BeforeAll
  static void writeDigits() {
    digits = dir.resolve("digits-parquet");
    SparkParquet.digits(spark(), null).write().partitionBy("split").parquet(digits.toString());
    spark()
        .sql(
            "CREATE DATABASE IF NOT EXISTS rung_sweeps LOCATION '"
                + dir.resolve("warehouse").toUri()
                + "'");
  }

  /** A sweep of MLPs on {@code data} (HOCON inside {@code rung.data { }}), with overrides. */
  private static Sweeps.Run sweep(String name, String data, String... overrides)
      throws IOException {
    Path conf = dir.resolve(name + ".conf");
    Files.writeString(
        conf,
        """
        rung {
          study { name = %s, directions = [maximize], metrics = [val_accuracy] }
          output = "%s"
          model.family = mlp
          space { lr { type = float, low = 3e-3, high = 3e-2, log = true } }
          data { format = parquet, dataset = "", features-column = pixels, %s }
          pruner.type = none
          training.epochs = 2
          budget.trials = 2
        }
        """
            .formatted(name, dir.resolve(name), data));
    List<String> args = new ArrayList<>(List.of("sweep", conf.toString()));
    args.addAll(List.of(overrides));
    return Sweeps.main(args);
  }

  @Test
  void aSweepTrainsOnAPartitionedDirectoryWithASplitColumn() throws IOException {
    Sweeps.Run run = sweep("dir-sweep", "train = \"" + digits + "\", split-column = split");
    assertEquals(0, run.exit(), run.all());
    assertTrue(run.out().contains("2 trials (2 complete"), run.out());
    String summary =
        Files.readString(RunDirs.only(dir.resolve("dir-sweep")).resolve("summary.json"));
    double testAccuracy =
        Double.parseDouble(summary.replaceAll("(?s).*\"test_accuracy\": ([0-9.]+).*", "$1"));
    assertTrue(testAccuracy > 0.5, "ten classes, far above guessing: " + testAccuracy);
  }

  @Test
  void aSweepTrainsOnACatalogTable() throws IOException {
    SparkParquet.digits(spark(), null)
        .write()
        .mode(SaveMode.Overwrite)
        .format("parquet")
        .saveAsTable("rung_sweeps.digits");
    Sweeps.Run run =
        sweep(
            "table-sweep",
            "table = rung_sweeps.digits, split-column = split",
            "budget.trials=1",
            "training.epochs=1");
    assertEquals(0, run.exit(), run.all());
    assertTrue(run.out().contains("1 trials (1 complete"), run.out());
  }

  @Test
  void badDataIsRefusedBeforeAnyWork() throws IOException {
    Path bad = dir.resolve("bad-split");
    SparkParquet.digits(spark(), "holdout").write().parquet(bad.toString());
    assertRefused(
        sweep("bad-split-sweep", "train = \"" + bad + "\", split-column = split"),
        "bad-split-sweep",
        "rung.data",
        "split column 'split' holds 'holdout'",
        "allowed values: train, validation (or valid, val), test");

    Path empty = Files.createDirectories(dir.resolve("empty"));
    assertRefused(
        sweep("empty-sweep", "train = \"" + empty + "\""),
        "empty-sweep",
        "rung.data",
        empty.toString(),
        "no Parquet data files");

    assertRefused(
        sweep("unknown-table-sweep", "table = rung_sweeps.nothere"),
        "unknown-table-sweep",
        "rung.data.table",
        "'rung_sweeps.nothere' does not exist",
        "a table stored as Parquet");
  }

  private static void assertRefused(Sweeps.Run run, String name, String... fragments) {
    assertEquals(Main.INVALID, run.exit(), run.all());
    for (String f : fragments) {
      assertTrue(run.err().contains(f), "'" + f + "' in: " + run.err());
    }
    assertFalse(run.err().contains("\tat "), "no stack trace: " + run.err());
    assertTrue(RunDirs.all(dir.resolve(name)).isEmpty(), "no run: " + name);
    assertFalse(Files.exists(dir.resolve(name).resolve("trials")), "no tables: " + name);
  }
}
