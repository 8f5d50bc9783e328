package dev.rung.job.cli;

import dev.rung.job.config.ConfigError;
import dev.rung.job.config.InvalidConfigException;
import dev.rung.job.config.Settings;
import dev.rung.job.tables.OutputLayout;
import java.io.File;
import java.util.List;
import org.apache.hadoop.fs.Path;
import org.apache.spark.SparkConf;

/**
 * The Spark configuration {@code rung.tables.catalog} needs: Hive support, with the metastore the
 * driver is configured with, or else an embedded Derby metastore under {@code <root>/_catalog}.
 */
final class CatalogSession {
  private CatalogSession() {}

  /** Where an embedded metastore lives under an output root. */
  static final String DIRECTORY = "_catalog";

  /**
   * Sets up {@code conf} for a session whose catalog is Hive's, unless it names another catalog
   * implementation: the metastore is the one configured (hive-site.xml on the class path, {@code
   * spark.hadoop.hive.metastore.uris} or a JDBC URL), else an embedded one for the output root of
   * {@code runDirectory}.
   *
   * @throws InvalidConfigException naming {@code rung.tables.catalog} when Spark's Hive support is
   *     missing, or an embedded metastore would be needed for a root that is not local
   */
  static void configure(SparkConf conf, Path runDirectory) {
    conf.setIfMissing("spark.sql.catalogImplementation", "hive");
    if (!conf.get("spark.sql.catalogImplementation").equals("hive")) {
      return;
    }
    try {
      Class.forName("org.apache.spark.sql.hive.HiveSessionStateBuilder");
    } catch (ClassNotFoundException e) {
      throw refused(
          "needs Spark's Hive support (spark-hive), which the driver's class path lacks: use a"
              + " Spark distribution built with Hive");
    }
    boolean configured =
        conf.contains("spark.hadoop.hive.metastore.uris")
            || conf.contains("spark.hadoop.javax.jdo.option.ConnectionURL")
            || Thread.currentThread().getContextClassLoader().getResource("hive-site.xml") != null;
    if (configured) {
      return;
    }
    Path root = OutputLayout.root(runDirectory);
    String scheme = root.toUri().getScheme();
    if (scheme != null && !scheme.equals("file")) {
      throw refused(
          "needs a Hive metastore for the output root "
              + root
              + " (hive-site.xml, or spark.hadoop.hive.metastore.uris): an embedded one is kept"
              + " beside a local root only");
    }
    String dir = new File(root.toUri().getPath(), DIRECTORY).getAbsolutePath();
    conf.set(
        "spark.hadoop.javax.jdo.option.ConnectionURL",
        "jdbc:derby:;databaseName=" + dir + "/metastore_db;create=true");
    conf.setIfMissing("spark.sql.warehouse.dir", dir + "/warehouse");
    if (System.getProperty("derby.stream.error.file") == null) {
      new File(dir).mkdirs();
      System.setProperty("derby.stream.error.file", dir + "/derby.log");
    }
  }

  private static InvalidConfigException refused(String why) {
    return new InvalidConfigException(
        List.of(new ConfigError(Settings.TABLES_CATALOG.key(), null, why)));
  }
}
