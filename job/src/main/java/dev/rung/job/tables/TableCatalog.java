package dev.rung.job.tables;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.parquet.schema.MessageType;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.execution.datasources.parquet.ParquetToSparkSchemaConverter;
import org.apache.spark.sql.types.StructType;

/**
 * Registers the tables of an output location as Spark SQL temporary views named {@value
 * TableSchemas#TRIALS}, {@value TableSchemas#INTERMEDIATE_VALUES}, {@value TableSchemas#SEGMENTS}
 * and {@value TableSchemas#RUNS}.
 *
 * <p>The trials view reads the newest snapshot file only, with that file's schema, so a query never
 * sees a trial twice even while the driver replaces the snapshot. The append-only views read their
 * whole directory with the current version's schema: files of older versions, lacking columns added
 * since, read as nulls there (schema changes between versions are therefore additive).
 */
public final class TableCatalog {

  /** The tables every output holds. */
  public static final List<String> TABLES =
      List.of(TableSchemas.TRIALS, TableSchemas.INTERMEDIATE_VALUES, TableSchemas.SEGMENTS);

  private TableCatalog() {}

  /**
   * Registers the tables under {@code output} as temporary views of {@code spark}: the three every
   * output holds, and the runs table (empty for an output written before it existed).
   *
   * @throws IllegalArgumentException when the output or one of its tables does not exist, naming
   *     the missing path
   */
  public static void register(SparkSession spark, String output) {
    Path out = new Path(output);
    try {
      FileSystem fs = out.getFileSystem(spark.sparkContext().hadoopConfiguration());
      if (!fs.exists(out)) {
        throw new IllegalArgumentException(
            "output " + output + " does not exist: give the output location of a sweep");
      }
      for (String table : TABLES) {
        view(spark, fs, output, table).createOrReplaceTempView(table);
      }
      runs(spark, fs, output).createOrReplaceTempView(TableSchemas.RUNS);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the tables of output " + output, e);
    }
  }

  private static Dataset<Row> view(SparkSession spark, FileSystem fs, String output, String table)
      throws IOException {
    Path dir = Tables.path(new Path(output), table);
    if (!fs.exists(dir) || !fs.getFileStatus(dir).isDirectory()) {
      throw new IllegalArgumentException(
          "table "
              + table
              + " not found: "
              + dir
              + " does not exist. The output of a sweep holds the directories "
              + TABLES
              + "; is "
              + output
              + " one?");
    }
    if (table.equals(TableSchemas.TRIALS)) {
      Path newest = TrialsTable.newestSnapshot(fs, dir);
      if (newest == null) {
        throw new IllegalArgumentException(
            "table trials has no snapshot: " + dir + " holds no part-*.parquet file");
      }
      MessageType schema = ParquetFiles.schema(fs, newest);
      return spark.read().schema(sparkSchema(spark, schema)).parquet(newest.toString());
    }
    if (TableFiles.dataFiles(fs, dir).isEmpty()) {
      throw new IllegalArgumentException(
          "table " + table + " has no data file: " + dir + " holds no part-*.parquet file");
    }
    MessageType schema =
        table.equals(TableSchemas.SEGMENTS)
            ? TableSchemas.segments()
            : TableSchemas.intermediateValues();
    return spark.read().schema(sparkSchema(spark, schema)).parquet(dir.toString());
  }

  /**
   * The runs table; empty, with its columns, for an output written before it existed or by a run
   * that has not ended yet.
   */
  private static Dataset<Row> runs(SparkSession spark, FileSystem fs, String output)
      throws IOException {
    Path dir = Tables.path(new Path(output), TableSchemas.RUNS);
    StructType schema = sparkSchema(spark, TableSchemas.runs());
    if (!fs.exists(dir) || TableFiles.dataFiles(fs, dir).isEmpty()) {
      return spark.createDataFrame(List.<Row>of(), schema);
    }
    return spark.read().schema(schema).parquet(dir.toString());
  }

  /**
   * The Spark schema of a Parquet schema, converted as Spark itself would when inferring it; giving
   * it up front spares a schema-inference job per table.
   */
  private static StructType sparkSchema(SparkSession spark, MessageType parquet) {
    return new ParquetToSparkSchemaConverter(spark.sessionState().conf()).convert(parquet);
  }
}
