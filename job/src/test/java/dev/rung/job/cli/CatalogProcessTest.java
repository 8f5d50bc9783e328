package dev.rung.job.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rung.job.trainers.CurveTrainer;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code rung.tables.catalog} with Hive's catalog, as a user has it: two runs of a sweep, each its
 * own driver JVM, register the root's tables in an embedded metastore; a third JVM, a plain
 * Hive-enabled Spark session that knows nothing of Rung but the metastore's location, queries them.
 * (Hive support is fixed when a JVM's first Spark session starts, so each needs a JVM of its own.)
 */
@Tag("slow")
class CatalogProcessTest {

  /** What a user's own session runs: each query's rows and plan, printed. */
  public static final class Reader {
    public static void main(String[] args) {
      String catalog = Path.of(args[0]).resolve(CatalogSession.DIRECTORY).toString();
      SparkSession spark =
          SparkSession.builder()
              .master("local[1]")
              .appName("a user's session")
              .config("spark.ui.enabled", "false")
              .config("spark.driver.host", "127.0.0.1")
              .config("spark.sql.catalogImplementation", "hive")
              .config(
                  "spark.hadoop.javax.jdo.option.ConnectionURL",
                  "jdbc:derby:;databaseName=" + catalog + "/metastore_db")
              .config("spark.sql.warehouse.dir", catalog + "/warehouse")
              .getOrCreate();
      for (int i = 1; i < args.length; i++) {
        Dataset<Row> r = spark.sql(args[i]);
        for (Row row : r.collectAsList()) {
          System.out.println("ROW " + row);
        }
        System.out.println(
            "PLAN " + r.queryExecution().executedPlan().toString().replace('\n', ' '));
      }
      spark.stop();
    }
  }

  private static String java(Path dir, Path log, String mainClass, String... args)
      throws Exception {
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    for (String a : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
      if (a.startsWith("--add-opens")) {
        cmd.add(a);
      }
    }
    cmd.addAll(List.of("-Xmx1g", "-cp", System.getProperty("java.class.path"), mainClass));
    cmd.addAll(List.of(args));
    Process p =
        new ProcessBuilder(cmd)
            .directory(dir.toFile())
            .redirectErrorStream(true)
            .redirectOutput(log.toFile())
            .start();
    assertTrue(p.waitFor(5, TimeUnit.MINUTES), "ended: " + text(log));
    assertEquals(0, p.exitValue(), text(log));
    return text(log);
  }

  private static String text(Path log) throws IOException {
    return Files.readString(log);
  }

  @Test
  void aUsersOwnHiveSessionReadsTheRegisteredTablesOfEveryRun(@TempDir Path dir) throws Exception {
    Path conf =
        Sweeps.trainerSweep(
            dir,
            "catalogued",
            CurveTrainer.class,
            """
            sampler { type = random, seed = 3 }
            pruner.type = none
            training.epochs = 2
            budget.trials = 3
            tables.catalog = rung
            execution { parallelism = 2, master = "local[2]", isolation = thread }
            """);
    Path root = dir.resolve("out");
    for (String run : List.of("n1", "n2")) {
      String printed =
          java(
              dir,
              dir.resolve(run + ".log"),
              Main.class.getName(),
              "sweep",
              conf.toString(),
              "run.id=" + run);
      assertTrue(printed.contains("[rung] tables registered in hive catalog as rung."), printed);
    }
    assertTrue(Files.isDirectory(root.resolve("_catalog/metastore_db")), "the embedded metastore");

    String read =
        java(
            dir,
            dir.resolve("reader.log"),
            Reader.class.getName(),
            root.toString(),
            "SELECT run, count(*), max(study) FROM rung.trials WHERE run = 'n2' GROUP BY run",
            "SELECT run, attempt, outcome FROM rung.runs ORDER BY run",
            "SHOW PARTITIONS rung.segments");
    List<String> rows = read.lines().filter(l -> l.startsWith("ROW ")).toList();
    assertEquals(
        List.of(
            "ROW [n2,3,catalogued]",
            "ROW [n1,1,finished]",
            "ROW [n2,1,finished]",
            "ROW [study=catalogued/run=n1]",
            "ROW [study=catalogued/run=n2]"),
        rows,
        read);
    String plan = read.lines().filter(l -> l.startsWith("PLAN ")).findFirst().orElseThrow();
    assertTrue(plan.contains("PartitionFilters: [") && plan.contains("(run#"), plan);
  }
}
