package dev.rung.job.tables;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.parquet.schema.MessageType;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.execution.datasources.parquet.ParquetToSparkSchemaConverter;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
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
   * <p>{@code output} may be an output root: the views then hold every study and run under it, with
   * the partition columns {@code study} and {@code run} (strings). For the directory of one run, or
   * an output of the earlier layout, they hold that run, with {@code run} its id (null for the
   * earlier layout, whose runs are told apart by the runs table alone).
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
      if (!OutputLayout.isRunDirectory(out)
          && !OutputLayout.isEarlierLayout(fs, out)
          && !OutputLayout.runs(fs, out).isEmpty()) {
        registerRoot(spark, fs, out);
        return;
      }
      OutputLayout.Run run = OutputLayout.run(out);
      Column runColumn = functions.lit(run == null ? null : run.run()).cast("string");
      for (String table : TABLES) {
        Dataset<Row> v = view(spark, fs, output, table).withColumn(RUN, runColumn);
        (table.equals(TableSchemas.TRIALS) ? held(v, 1) : v).createOrReplaceTempView(table);
      }
      runs(spark, fs, output).withColumn(RUN, runColumn).createOrReplaceTempView(TableSchemas.RUNS);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the tables of output " + output, e);
    }
  }

  /**
   * The views of an output root: each table's partitions read as one table, the trials of each run
   * from its newest snapshot. Runs whose search spaces differ have their {@code params} merged: a
   * parameter a run did not have reads as null in its rows.
   */
  private static void registerRoot(SparkSession spark, FileSystem fs, Path root)
      throws IOException {
    Path trialsDir = new Path(root, TableSchemas.TRIALS);
    if (DeltaTableLog.hasLog(fs, trialsDir)) {
      if (!DeltaTableLog.isDelta(fs, trialsDir)) {
        throw new IllegalArgumentException(
            "table trials of the output root "
                + root
                + " has a Delta log without a commit yet: no run recorded a file in it yet");
      }
      registerDelta(spark, fs, root);
      return;
    }
    List<String> snapshots = newestSnapshots(fs, trialsDir);
    if (snapshots.isEmpty()) {
      throw new IllegalArgumentException(
          "table trials has no snapshot under the output root " + root + ": no run wrote one yet");
    }
    String[] files = snapshots.toArray(String[]::new);
    // The runs' schemas merged, then read with it and the run's partition column: a schema given
    // up front keeps Spark from inferring "study" both from the files and from their paths. The
    // footers are read here, in a few milliseconds, rather than by a Spark job, which a sweep
    // writing to the root could outrun by replacing a snapshot it had listed.
    StructType merged = null;
    for (String file : files) {
      StructType one = sparkSchema(spark, ParquetFiles.schema(fs, new Path(file)));
      merged = merged == null ? one : merge(merged, one, file);
    }
    held(
            spark
                .read()
                .schema(merged.add(RUN, DataTypes.StringType))
                .option("basePath", trialsDir.toString())
                .parquet(files),
            files.length)
        .createOrReplaceTempView(TableSchemas.TRIALS);
    appendOnly(spark, fs, root, TableSchemas.INTERMEDIATE_VALUES, TableSchemas.intermediateValues())
        .createOrReplaceTempView(TableSchemas.INTERMEDIATE_VALUES);
    appendOnly(spark, fs, root, TableSchemas.SEGMENTS, TableSchemas.segments())
        .createOrReplaceTempView(TableSchemas.SEGMENTS);
    appendOnly(spark, fs, root, TableSchemas.RUNS, TableSchemas.runs())
        .createOrReplaceTempView(TableSchemas.RUNS);
  }

  /**
   * The views of an output root of Delta tables: each table as its log's newest version holds it (a
   * trials snapshot replaced in the same commit that added its successor, so never a trial twice);
   * the runs table empty, with its columns, before a run recorded its end.
   */
  private static void registerDelta(SparkSession spark, FileSystem fs, Path root)
      throws IOException {
    for (String table : CatalogRegistration.TABLES) {
      Path dir = new Path(root, table);
      Dataset<Row> view;
      if (DeltaTableLog.isDelta(fs, dir)) {
        view = spark.read().format("delta").load(dir.toString());
      } else {
        // Not committed to yet: the first run is starting, or has not ended (the runs table).
        MessageType schema =
            switch (table) {
              case TableSchemas.INTERMEDIATE_VALUES -> TableSchemas.intermediateValues();
              case TableSchemas.SEGMENTS -> TableSchemas.segments();
              default -> TableSchemas.runs();
            };
        view = spark.createDataFrame(List.<Row>of(), DeltaTableLog.columns(spark, schema));
      }
      view.createOrReplaceTempView(table);
    }
  }

  /**
   * The trials read now and held in memory for the queries on the view. A sweep writing to the
   * output replaces its trials snapshot after every result and deletes the one before: a view that
   * read the file only when queried would find it gone whenever a query came after the next
   * snapshot (the shell's second query) or took longer than the sweep's next result. Read at once,
   * the window is the time of one small read, and the view never changes under its queries.
   *
   * <p>Spark lists a path given to it and, when the path is gone by then, lists nothing for it
   * without an error ("was it deleted very recently?"): a snapshot replaced between being chosen
   * and being listed would make the view lose that run's trials. Fewer files listed than {@code
   * snapshots} chosen is therefore reported as a file gone, and the caller lists the tables again.
   *
   * @throws UncheckedIOException caused by a {@link FileNotFoundException} when a snapshot went
   *     before Spark listed it or before it was read
   */
  static Dataset<Row> held(Dataset<Row> trials, int snapshots) {
    int listed = trials.inputFiles().length;
    if (listed < snapshots) {
      throw new UncheckedIOException(
          new FileNotFoundException(
              "a trials snapshot was replaced while the tables were listed ("
                  + listed
                  + " of "
                  + snapshots
                  + " snapshot files found)"));
    }
    return trials.localCheckpoint(true);
  }

  /**
   * The columns of {@code a} and then those only {@code b} has, structs merged the same way (runs
   * whose search spaces differ have different {@code params}).
   *
   * @throws IllegalArgumentException when a column has different types in the two, naming it and
   *     {@code file}, the snapshot that brought the second
   */
  static StructType merge(StructType a, StructType b, String file) {
    StructType out = new StructType();
    for (StructField f : a.fields()) {
      if (!Arrays.asList(b.fieldNames()).contains(f.name())) {
        out = out.add(f.name(), f.dataType(), true, f.metadata());
        continue;
      }
      DataType other = b.apply(f.name()).dataType();
      if (f.dataType() instanceof StructType sa && other instanceof StructType sb) {
        out = out.add(f.name(), merge(sa, sb, file), true, f.metadata());
      } else if (f.dataType().equals(other)) {
        out = out.add(f.name(), f.dataType(), f.nullable() || b.apply(f.name()).nullable());
      } else {
        throw new IllegalArgumentException(
            "the runs' trials cannot be read as one table: column "
                + f.name()
                + " is "
                + f.dataType().simpleString()
                + " in one run and "
                + other.simpleString()
                + " in "
                + file
                + " (a parameter whose type changed between runs); query each run's directory"
                + " on its own");
      }
    }
    for (StructField f : b.fields()) {
      if (!Arrays.asList(a.fieldNames()).contains(f.name())) {
        out = out.add(f.name(), f.dataType(), true, f.metadata());
      }
    }
    return out;
  }

  /**
   * The partition column of the run ({@code study} is every table's own column too). Given in the
   * schema, it stays a string: Spark infers no type for it (a run id such as 2026-12-06 is not read
   * as a date).
   */
  private static final String RUN = "run";

  /** The newest trials snapshot of every run under {@code trialsDir}, a root's trials table. */
  static List<String> newestSnapshots(FileSystem fs, Path trialsDir) throws IOException {
    List<String> snapshots = new ArrayList<>();
    for (Path partition : OutputLayout.partitions(fs, trialsDir)) {
      Path newest = TrialsTable.newestSnapshot(fs, partition);
      if (newest != null) {
        snapshots.add(newest.toString());
      }
    }
    return snapshots;
  }

  private static Dataset<Row> appendOnly(
      SparkSession spark, FileSystem fs, Path root, String table, MessageType schema)
      throws IOException {
    Path dir = new Path(root, table);
    StructType withRun = sparkSchema(spark, schema).add(RUN, DataTypes.StringType);
    List<String> partitions = new ArrayList<>();
    for (Path p : OutputLayout.partitions(fs, dir)) {
      if (!TableFiles.dataFiles(fs, p).isEmpty()) {
        partitions.add(p.toString());
      }
    }
    if (partitions.isEmpty()) {
      return spark.createDataFrame(List.<Row>of(), withRun);
    }
    return spark
        .read()
        .schema(withRun)
        .option("basePath", dir.toString())
        .parquet(partitions.toArray(String[]::new));
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
