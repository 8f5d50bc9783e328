package dev.rung.job.cli;

import dev.rung.job.config.ConfigError;
import dev.rung.job.config.InvalidConfigException;
import dev.rung.job.config.Settings;
import dev.rung.job.config.SweepConfig;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.catalyst.TableIdentifier;
import org.apache.spark.sql.catalyst.catalog.CatalogTable;
import org.apache.spark.sql.catalyst.catalog.SessionCatalog;

/**
 * Looks up {@code rung.data.table} in the Spark session's catalog, on the driver, and hands its
 * location to the executors: they read the table's Parquet files as they would read a directory of
 * them (Hive-style partitions included), without a Spark session of their own. Only tables stored
 * as Parquet qualify (a data source table {@code USING parquet}, or a Hive table {@code STORED AS
 * PARQUET}), with their partitions under the table's location.
 */
final class CatalogTables {
  private static final String KEY = Settings.TABLE.key();
  private static final String ALLOWED =
      "a table stored as Parquet (USING parquet, or a Hive table STORED AS PARQUET), named name"
          + " or database.name";

  private CatalogTables() {}

  /**
   * {@code c} with its table's location, if its data is a catalog table; the session is only
   * started then.
   */
  static SweepConfig resolve(SweepConfig c, Supplier<SparkSession> spark) {
    SweepConfig.Data d = c.data();
    if (!d.hasTable()) {
      return c;
    }
    return c.withData(d.withTableLocation(location(spark.get(), d.table())));
  }

  /** Where the files of table {@code name} are. */
  static String location(SparkSession spark, String name) {
    SessionCatalog catalog = spark.sessionState().catalog();
    TableIdentifier id;
    try {
      id = spark.sessionState().sqlParser().parseTableIdentifier(name);
    } catch (Exception e) {
      throw refused(name, "is not a table name (" + firstLine(e) + ")");
    }
    String database =
        id.database().isDefined() ? id.database().get() : catalog.getCurrentDatabase();
    if (!catalog.databaseExists(database)) {
      throw refused(name, "names database '" + database + "', which does not exist");
    }
    if (!catalog.tableExists(id)) {
      throw refused(
          name,
          "does not exist in database '"
              + database
              + "' of the Spark session's catalog (its tables: "
              + tables(spark, database)
              + ")");
    }
    CatalogTable table;
    try {
      table = catalog.getTableMetadata(id);
    } catch (Exception e) {
      throw refused(name, "cannot be looked up: " + firstLine(e));
    }
    if (table.tableType().name().equals("VIEW")) {
      throw refused(name, "is a view, not a table with files of its own");
    }
    String provider = table.provider().isDefined() ? table.provider().get() : "";
    String serde = table.storage().serde().isDefined() ? table.storage().serde().get() : "";
    boolean parquet =
        provider.equalsIgnoreCase("parquet")
            || (provider.equalsIgnoreCase("hive")
                && serde.toLowerCase(Locale.ROOT).contains("parquet"));
    if (!parquet) {
      String stored =
          provider.equalsIgnoreCase("hive") ? "a Hive table with serde " + serde : provider;
      throw refused(
          name, "is stored as " + (stored.isEmpty() ? "unknown" : stored) + ", not Parquet");
    }
    return table.location().toString();
  }

  private static String tables(SparkSession spark, String database) {
    try {
      // The session catalog itself: the catalog API would load every table to list it, which
      // fails on some tables when Delta's catalog wraps the session's.
      List<String> names =
          scala.collection.JavaConverters.seqAsJavaList(
                  spark.sessionState().catalog().listTables(database))
              .stream()
              .filter(t -> t.database().isDefined())
              .map(t -> t.table())
              .sorted()
              .toList();
      if (names.isEmpty()) {
        return "none";
      }
      return names.size() <= 10
          ? String.join(", ", names)
          : String.join(", ", names.subList(0, 10)) + ", ... " + names.size() + " in all";
    } catch (Exception e) {
      return "cannot be listed: " + firstLine(e);
    }
  }

  private static InvalidConfigException refused(String name, String problem) {
    return new InvalidConfigException(
        List.of(new ConfigError(KEY, null, "'" + name + "' " + problem + "; expected " + ALLOWED)));
  }

  private static String firstLine(Exception e) {
    String m = String.valueOf(e.getMessage());
    int nl = m.indexOf('\n');
    return nl < 0 ? m : m.substring(0, nl);
  }
}
