package dev.rung.job.tables;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.execution.datasources.parquet.ParquetToSparkSchemaConverter;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * Registers the tables of an output root in the Spark session's catalog ({@code
 * rung.tables.catalog}): {@code <database>.trials}, {@code intermediate_values}, {@code segments}
 * and {@code runs}, each an external Parquet table at {@code <root>/<table>} partitioned by {@code
 * study} and {@code run} (strings), with the partitions the root holds now; for a root of Delta
 * tables, each a Delta table at its directory.
 *
 * <p>A table registered earlier is kept when its location and columns are the same, and replaced
 * (dropping an external table leaves its files) when they changed: a run with a new parameter
 * widens the trials table's {@code params}.
 */
public final class CatalogRegistration {

  /** The tables registered. */
  public static final List<String> TABLES =
      List.of(
          TableSchemas.TRIALS,
          TableSchemas.INTERMEDIATE_VALUES,
          TableSchemas.SEGMENTS,
          TableSchemas.RUNS);

  private static final String STUDY = "study";
  private static final String RUN = "run";

  private CatalogRegistration() {}

  /**
   * Registers the tables under {@code root} in {@code database} (created when absent).
   *
   * @return how many partitions each table has, in the order of {@link #TABLES}
   */
  public static List<Integer> register(SparkSession spark, Path root, String database)
      throws IOException {
    FileSystem fs = root.getFileSystem(spark.sparkContext().hadoopConfiguration());
    spark.sql("CREATE DATABASE IF NOT EXISTS " + quote(database));
    if (DeltaTableLog.isDelta(fs, new Path(root, TableSchemas.TRIALS))) {
      return registerDelta(spark, fs, root, database);
    }
    List<Integer> partitions = new ArrayList<>();
    for (String table : TABLES) {
      Path dir = fs.makeQualified(new Path(root, table));
      StructType columns = columns(spark, fs, dir, table);
      String name = quote(database) + "." + quote(table);
      if (spark.catalog().tableExists(database, table)) {
        StructType registered = spark.table(name).schema();
        String location = location(spark, name);
        if (!registered.catalogString().equals(columns.catalogString())
            || !dir.toString().equals(location)) {
          spark.sql("DROP TABLE " + name);
        }
      }
      spark.sql(
          "CREATE TABLE IF NOT EXISTS "
              + name
              + " ("
              + ddl(columns)
              + ") USING parquet PARTITIONED BY ("
              + STUDY
              + ", "
              + RUN
              + ") LOCATION "
              + literal(dir.toString()));
      spark.sql("ALTER TABLE " + name + " RECOVER PARTITIONS");
      partitions.add((int) spark.sql("SHOW PARTITIONS " + name).count());
    }
    return partitions;
  }

  /**
   * Registers the Delta tables under {@code root}: each a table of provider delta at its directory,
   * whose columns and partitions its log gives (a table that has none yet, the runs table before a
   * run ended, is left out until it has).
   */
  private static List<Integer> registerDelta(
      SparkSession spark, FileSystem fs, Path root, String database) throws IOException {
    List<Integer> partitions = new ArrayList<>();
    for (String table : TABLES) {
      Path dir = fs.makeQualified(new Path(root, table));
      String name = quote(database) + "." + quote(table);
      if (!DeltaTableLog.isDelta(fs, dir)) {
        partitions.add(0);
        continue;
      }
      if (spark.catalog().tableExists(database, table)
          && (!dir.toString().equals(location(spark, name))
              || !"delta".equals(provider(spark, name)))) {
        spark.sql("DROP TABLE " + name);
      }
      spark.sql(
          "CREATE TABLE IF NOT EXISTS "
              + name
              + " USING delta LOCATION "
              + literal(dir.toString()));
      partitions.add((int) spark.table(name).select(STUDY, RUN).distinct().count());
    }
    return partitions;
  }

  /**
   * The table's columns: the data columns (for the trials, the {@code params} of every run merged),
   * then {@code study} and {@code run} as strings.
   */
  private static StructType columns(SparkSession spark, FileSystem fs, Path dir, String table)
      throws IOException {
    StructType data;
    if (table.equals(TableSchemas.TRIALS)) {
      data = trialsColumns(spark, fs, dir);
    } else {
      data =
          new ParquetToSparkSchemaConverter(spark.sessionState().conf())
              .convert(
                  switch (table) {
                    case TableSchemas.INTERMEDIATE_VALUES -> TableSchemas.intermediateValues();
                    case TableSchemas.SEGMENTS -> TableSchemas.segments();
                    default -> TableSchemas.runs();
                  });
    }
    StructType out = new StructType();
    for (StructField f : data.fields()) {
      if (!f.name().equals(STUDY) && !f.name().equals(RUN)) {
        out = out.add(f);
      }
    }
    return out.add(STUDY, DataTypes.StringType).add(RUN, DataTypes.StringType);
  }

  /** The trials' columns, from the newest snapshot of every run, their schemas merged. */
  private static StructType trialsColumns(SparkSession spark, FileSystem fs, Path dir)
      throws IOException {
    List<String> snapshots = TableCatalog.newestSnapshots(fs, dir);
    if (snapshots.isEmpty()) {
      throw new IOException("the output root holds no trials table at " + dir);
    }
    return spark
        .read()
        .option("mergeSchema", "true")
        .parquet(snapshots.toArray(String[]::new))
        .schema();
  }

  /** The columns as DDL, every one nullable (a Parquet table's columns are). */
  private static String ddl(StructType columns) {
    List<String> out = new ArrayList<>();
    for (StructField f : columns.fields()) {
      out.add(quote(f.name()) + " " + f.dataType().catalogString());
    }
    return String.join(", ", out);
  }

  private static String location(SparkSession spark, String name) {
    return detail(spark, name, "Location");
  }

  private static String provider(SparkSession spark, String name) {
    return detail(spark, name, "Provider");
  }

  /** A row of {@code DESCRIBE TABLE EXTENDED}: the table's location, provider, ... */
  private static String detail(SparkSession spark, String name, String what) {
    for (org.apache.spark.sql.Row r :
        spark.sql("DESCRIBE TABLE EXTENDED " + name).collectAsList()) {
      if (what.equals(r.getString(0))) {
        return r.getString(1);
      }
    }
    return "";
  }

  /** {@code text} as a SQL string literal. */
  private static String literal(String text) {
    return "'" + text.replace("\\", "\\\\").replace("'", "\\'") + "'";
  }

  private static String quote(String identifier) {
    return "`" + identifier.replace("`", "``") + "`";
  }
}
