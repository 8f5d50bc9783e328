package dev.rung.job.cli;

import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.core.config.Configurator;
import org.apache.spark.SparkConf;

/**
 * The libraries' log levels when no logging configuration was chosen (as under {@code spark-submit}
 * with Spark's default one, which prints hundreds of INFO lines per sweep): Spark, Hadoop, Parquet,
 * Jetty, Deeplearning4j and ND4J at WARN, so that Rung's own lines stay readable. A configuration
 * given with {@code -Dlog4j2.configurationFile} (as {@code bin/rung} gives {@code
 * conf/log4j2.properties}) is left as it is.
 */
final class QuietLogs {
  private static final String[] LIBRARIES = {
    "org.apache.spark",
    "org.sparkproject",
    "org.apache.hadoop",
    "org.apache.parquet",
    "org.eclipse.jetty",
    "org.deeplearning4j",
    "org.nd4j"
  };

  /**
   * "Truncated the string representation of a plan": a debugging string Spark shortens, printed
   * before the first result of every query on Delta tables (their plans have many fields).
   */
  static final String PLAN_STRING = "org.apache.spark.sql.catalyst.util.SparkStringUtils";

  private QuietLogs() {}

  /** Lowers the libraries' levels to WARN, unless a configuration file was given. */
  static void apply() {
    if (System.getProperty("log4j2.configurationFile") != null) {
      return;
    }
    try {
      // Spark installs its default configuration on its first log line; it must come first, or
      // it would undo these levels.
      new SparkConf(false).initializeLogIfNecessary(false, true);
      for (String name : LIBRARIES) {
        Configurator.setLevel(name, Level.WARN);
      }
      Configurator.setLevel("org.apache.hadoop.util.NativeCodeLoader", Level.ERROR);
      Configurator.setLevel(PLAN_STRING, Level.ERROR);
    } catch (LinkageError e) {
      // A cluster whose Spark logs through another log4j: its own configuration stands.
    }
  }
}
