package dev.rung.job;

import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.core.config.Configurator;
import org.apache.spark.sql.SparkSession;

/**
 * The one Spark session of the test JVM: {@code local[2]}, UI off, UTC, few shuffle partitions,
 * Delta's extension and catalog. Tests that need Spark extend this class and call {@link #spark()};
 * the session is started on first use and stopped by Spark's own shutdown hook when the JVM exits.
 */
public abstract class SparkTestBase {

  private static SparkSession session;

  /** The shared session, started on first use. */
  protected static synchronized SparkSession spark() {
    if (session == null) {
      Configurator.setRootLevel(Level.WARN);
      session =
          SparkSession.builder()
              .master("local[2]")
              .appName("rung-tests")
              .config("spark.ui.enabled", "false")
              .config("spark.ui.showConsoleProgress", "false")
              .config("spark.sql.shuffle.partitions", "2")
              .config("spark.default.parallelism", "2")
              .config("spark.driver.host", "127.0.0.1")
              .config("spark.driver.bindAddress", "127.0.0.1")
              .config("spark.sql.session.timeZone", "UTC")
              // Delta tables (rung.tables.format = delta) need both; Parquet tables ignore them.
              .config("spark.sql.extensions", "io.delta.sql.DeltaSparkSessionExtension")
              .config(
                  "spark.sql.catalog.spark_catalog",
                  "org.apache.spark.sql.delta.catalog.DeltaCatalog")
              .getOrCreate();
    }
    return session;
  }
}
