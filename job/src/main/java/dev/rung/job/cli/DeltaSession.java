package dev.rung.job.cli;

import dev.rung.job.config.ConfigError;
import dev.rung.job.config.InvalidConfigException;
import dev.rung.job.config.Settings;
import dev.rung.job.tables.DeltaTableLog;
import dev.rung.job.tables.OutputLayout;
import dev.rung.job.tables.TableSchemas;
import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.SparkConf;
import org.apache.spark.sql.SparkSession;

/**
 * What {@code rung.tables.format = delta} needs of the driver's Spark (Delta's session extension
 * and catalog) and of the output root (tables made as Delta tables, or none yet).
 */
final class DeltaSession {
  private DeltaSession() {}

  static final String EXTENSIONS = "spark.sql.extensions";
  static final String EXTENSION = "io.delta.sql.DeltaSparkSessionExtension";
  static final String CATALOG = "spark.sql.catalog.spark_catalog";
  static final String DELTA_CATALOG = "org.apache.spark.sql.delta.catalog.DeltaCatalog";

  /** Adds Delta's extension and catalog to {@code conf}, unless it names others. */
  static void configure(SparkConf conf) {
    String extensions = conf.get(EXTENSIONS, "");
    if (!names(extensions).contains(EXTENSION)) {
      conf.set(EXTENSIONS, extensions.isBlank() ? EXTENSION : extensions + "," + EXTENSION);
    }
    conf.setIfMissing(CATALOG, DELTA_CATALOG);
  }

  /**
   * Checks that {@code spark} was started with Delta's extension and catalog (a session started
   * before the sweep, without them, cannot take them any more).
   *
   * @throws InvalidConfigException naming {@code rung.tables.format} and the two settings
   */
  static void check(SparkSession spark) {
    String extensions = spark.conf().get(EXTENSIONS, "");
    String catalog = spark.conf().get(CATALOG, "");
    if (names(extensions).contains(EXTENSION) && catalog.equals(DELTA_CATALOG)) {
      return;
    }
    throw new InvalidConfigException(
        List.of(
            new ConfigError(
                Settings.TABLES_FORMAT.key(),
                null,
                "'delta' needs the driver's Spark session started with "
                    + EXTENSIONS
                    + "="
                    + EXTENSION
                    + " and "
                    + CATALOG
                    + "="
                    + DELTA_CATALOG
                    + " (it has '"
                    + extensions
                    + "' and '"
                    + catalog
                    + "'): give both to spark-submit with --conf, or leave the session to"
                    + " rung")));
  }

  /**
   * Why the output root {@code root} cannot take tables of the format {@code delta} says, or null
   * when it can: a root's tables keep the format they were made with.
   */
  static String rootProblem(FileSystem fs, Path root, boolean delta) throws IOException {
    Path trials = new Path(root, TableSchemas.TRIALS);
    boolean isDelta = DeltaTableLog.hasLog(fs, trials);
    if (delta && !isDelta && !OutputLayout.runs(fs, root).isEmpty()) {
      return "'delta', but the output root "
          + root
          + " holds Parquet tables (its trials table has no "
          + DeltaTableLog.LOG_DIRECTORY
          + "): give the sweep a new output root, or leave the format parquet";
    }
    if (!delta && isDelta) {
      return "'parquet', but the output root "
          + root
          + " holds Delta tables ("
          + new Path(trials, DeltaTableLog.LOG_DIRECTORY)
          + "): set "
          + Settings.TABLES_FORMAT.key()
          + " = delta for it, or give the sweep a new output root";
    }
    return null;
  }

  private static List<String> names(String list) {
    return Arrays.stream(list.split(",")).map(String::trim).toList();
  }
}
