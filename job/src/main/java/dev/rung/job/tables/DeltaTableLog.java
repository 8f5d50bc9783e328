package dev.rung.job.tables;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.regex.Pattern;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.parquet.schema.MessageType;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.delta.DeltaConcurrentModificationException;
import org.apache.spark.sql.delta.DeltaLog;
import org.apache.spark.sql.delta.DeltaOperations;
import org.apache.spark.sql.delta.OptimisticTransaction;
import org.apache.spark.sql.delta.actions.Action;
import org.apache.spark.sql.delta.actions.AddFile;
import org.apache.spark.sql.delta.actions.Format;
import org.apache.spark.sql.delta.actions.Metadata;
import org.apache.spark.sql.execution.datasources.parquet.ParquetToSparkSchemaConverter;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import scala.Option;
import scala.collection.JavaConverters;

/**
 * A table's Delta log ({@code rung.tables.format = delta}): the table is {@code <root>/<table>},
 * partitioned by {@code study} and {@code run}, and every file a run publishes is committed to
 * {@code <root>/<table>/_delta_log} right after it is renamed into place, a replaced trials
 * snapshot removed in the same commit. Readers of the log see each commit whole: never a trial
 * twice, never a run without its trials, on object stores too (with Delta's log store for them).
 *
 * <p>The files are the ones the Parquet format writes, in the same directories; only the log is
 * added. A replaced snapshot stays on disk for {@link #KEEP_REPLACED} after the commit that removed
 * it, for readers still reading the version before; Delta's {@code VACUUM} removes what is left.
 * Runs with other search spaces widen the trials table's {@code params} (a parameter a run did not
 * have is null in its rows); a parameter whose type changed is refused.
 */
public final class DeltaTableLog implements TableLog {

  /** How long a replaced trials snapshot is kept on disk for readers of earlier versions. */
  public static final Duration KEEP_REPLACED = Duration.ofMinutes(10);

  /** The log's directory under a table's directory. */
  public static final String LOG_DIRECTORY = "_delta_log";

  private static final String CHECKSUM = "spark.databricks.delta.writeChecksumFile.enabled";
  private static final String STUDY = "study";
  private static final String RUN = "run";
  private static final int TRIES = 10;

  /**
   * Commits between two checkpoints of a log: Delta's default of 10 would write one (a Spark job of
   * seconds) every few results of a sweep; readers replay at most this many commits.
   */
  static final int CHECKPOINT_INTERVAL = 100;

  private final SparkSession spark;
  private final FileSystem fs;
  private final String table;
  private final Path tableRoot;
  private final StructType schema;
  private final scala.collection.immutable.Map<String, String> partition;
  private final String study;
  private final String run;
  private final Duration keepReplaced;
  private final Map<String, AddFile> recorded = new HashMap<>();

  private DeltaTableLog(
      SparkSession spark,
      FileSystem fs,
      String table,
      Path dir,
      StructType schema,
      String study,
      String run,
      Duration keepReplaced) {
    this.spark = spark;
    this.fs = fs;
    this.table = table;
    this.tableRoot = fs.makeQualified(dir).getParent().getParent();
    this.schema = schema;
    this.study = study;
    this.run = run;
    this.partition = new scala.collection.immutable.Map.Map2<>(STUDY, study, RUN, run);
    this.keepReplaced = keepReplaced;
  }

  /**
   * The logs of the tables of the run in {@code runDirectory}, a run directory under an output
   * root.
   *
   * @throws IllegalArgumentException when {@code runDirectory} is an output of the earlier layout
   */
  public static TableLog.Factory factory(SparkSession spark, Path runDirectory) {
    return factory(spark, runDirectory, KEEP_REPLACED);
  }

  static TableLog.Factory factory(SparkSession spark, Path runDirectory, Duration keepReplaced) {
    OutputLayout.Run r = OutputLayout.run(runDirectory);
    if (r == null) {
      throw new IllegalArgumentException(
          "Delta tables are partitioned by study and run: "
              + runDirectory
              + " is an output written before outputs held runs");
    }
    // A checksum file per commit would cost each result a pass over the table's state.
    if (!spark.conf().contains(CHECKSUM)) {
      spark.conf().set(CHECKSUM, "false");
    }
    return (table, dir, parquet) -> {
      FileSystem fs = dir.getFileSystem(spark.sparkContext().hadoopConfiguration());
      return new DeltaTableLog(
          spark, fs, table, dir, columns(spark, parquet), r.study(), r.run(), keepReplaced);
    };
  }

  /**
   * Whether the table directory {@code tableDirectory} (e.g. {@code <root>/trials}) has a Delta
   * log, committed to or not yet.
   */
  public static boolean hasLog(FileSystem fs, Path tableDirectory) throws IOException {
    return fs.isDirectory(new Path(tableDirectory, LOG_DIRECTORY));
  }

  /**
   * Whether the table directory {@code tableDirectory} is a Delta table: its log holds a commit
   * (Delta makes the log's directory before it writes the first).
   */
  public static boolean isDelta(FileSystem fs, Path tableDirectory) throws IOException {
    if (!hasLog(fs, tableDirectory)) {
      return false;
    }
    for (FileStatus s : fs.listStatus(new Path(tableDirectory, LOG_DIRECTORY))) {
      if (COMMIT.matcher(s.getPath().getName()).matches()) {
        return true;
      }
    }
    return false;
  }

  /** A commit or a checkpoint of a Delta log. */
  private static final Pattern COMMIT = Pattern.compile("\\d{20}\\.(json|checkpoint.*\\.parquet)");

  /**
   * A table's columns as its log holds them: the files' columns ({@code study} among them, read
   * from the partition by Delta's readers), every one nullable, then {@code run}.
   */
  static StructType columns(SparkSession spark, MessageType parquet) {
    StructType data =
        new ParquetToSparkSchemaConverter(spark.sessionState().conf()).convert(parquet);
    StructType out = new StructType();
    for (var f : data.fields()) {
      if (!f.name().equals(RUN)) {
        out = out.add(f.name(), f.dataType().asNullable(), true, f.metadata());
      }
    }
    if (!out.getFieldIndex(STUDY).isDefined()) {
      out = out.add(STUDY, DataTypes.StringType, true);
    }
    return out.add(RUN, DataTypes.StringType, true);
  }

  @Override
  public synchronized void opened(List<Path> files, boolean snapshot) throws IOException {
    try {
      reconcile(files, snapshot);
    } catch (Exception e) {
      // (Exception: Spark's own exception is a checked one that Scala code throws undeclared.)
      // Nothing of this run is written yet: the output is refused as it is, with what is wrong.
      throw new InvalidOutputException(
          tableRoot.toString(),
          "its Delta log "
              + new Path(tableRoot, LOG_DIRECTORY)
              + " cannot take this run's table "
              + table
              + ": "
              + firstLine(e),
          InvalidOutputException.WAY_OUT);
    }
  }

  private void reconcile(List<Path> files, boolean snapshot) throws IOException {
    Map<String, AddFile> active = new HashMap<>();
    if (isDelta(fs, tableRoot)) {
      for (AddFile a : activeFiles()) {
        active.put(a.path(), a);
      }
    }
    List<Action> actions = new ArrayList<>();
    List<String> onDisk = new ArrayList<>();
    for (Path f : files) {
      String rel = relative(f);
      onDisk.add(rel);
      if (active.containsKey(rel)) {
        recorded.put(rel, active.get(rel));
      } else {
        // Published, then the driver stopped before the commit: recorded now.
        AddFile a = addFile(f);
        recorded.put(rel, a);
        actions.add(a);
      }
    }
    if (snapshot) {
      long now = System.currentTimeMillis();
      for (Map.Entry<String, AddFile> e : active.entrySet()) {
        if (!onDisk.contains(e.getKey())) {
          actions.add(e.getValue().removeWithTimestamp(now, true));
        }
      }
    }
    commit(actions, snapshot && !actions.isEmpty());
  }

  @Override
  public synchronized void published(Path added, Path replaced) throws IOException {
    List<Action> actions = new ArrayList<>();
    AddFile a = addFile(added);
    recorded.put(a.path(), a);
    actions.add(a);
    if (replaced != null) {
      AddFile old = recorded.remove(relative(replaced));
      if (old == null) {
        throw new IOException(
            "the snapshot " + replaced + " of table " + table + " is not in its Delta log");
      }
      actions.add(old.removeWithTimestamp(System.currentTimeMillis(), true));
    }
    try {
      commit(actions, replaced != null);
    } catch (Exception e) {
      throw new IOException(
          "could not commit "
              + added
              + " to the Delta log "
              + new Path(tableRoot, LOG_DIRECTORY)
              + ": "
              + firstLine(e),
          e);
    }
  }

  @Override
  public Duration keepReplaced() {
    return keepReplaced;
  }

  /** This run's files in the log's newest version. */
  private List<AddFile> activeFiles() {
    DeltaLog log = DeltaLog.forTable(spark, tableRoot);
    return log.startTransaction()
        .snapshot()
        .allFiles()
        .filter(
            functions
                .col("partitionValues")
                .getItem(STUDY)
                .equalTo(study)
                .and(functions.col("partitionValues").getItem(RUN).equalTo(run)))
        .collectAsList();
  }

  /**
   * Commits {@code actions} (and, when the table is new or lacks some of this run's columns, the
   * table's metadata), trying again when another run's commit came first.
   */
  private void commit(List<Action> actions, boolean replaces) throws IOException {
    DeltaLog log = DeltaLog.forTable(spark, tableRoot);
    for (int attempt = 1; ; attempt++) {
      OptimisticTransaction txn = log.startTransaction();
      Metadata current = txn.metadata();
      boolean exists = txn.readVersion() >= 0;
      StructType wanted = exists ? widened(current.schema()) : schema;
      if (actions.isEmpty() && (!exists || wanted.equals(current.schema()))) {
        // Nothing to record: a new table is made by its first file's commit.
        return;
      }
      if (!exists) {
        txn.updateMetadata(
            new Metadata(
                UUID.randomUUID().toString(),
                null,
                null,
                new Format("parquet", scala.collection.immutable.Map$.MODULE$.empty()),
                schema.json(),
                seq(List.of(STUDY, RUN)),
                new scala.collection.immutable.Map.Map1<>(
                    "delta.checkpointInterval", String.valueOf(CHECKPOINT_INTERVAL)),
                Option.apply(System.currentTimeMillis())),
            false);
      } else if (!wanted.equals(current.schema())) {
        txn.updateMetadata(
            current.copy(
                current.id(),
                current.name(),
                current.description(),
                current.format(),
                wanted.json(),
                current.partitionColumns(),
                current.configuration(),
                current.createdTime()),
            false);
      }
      try {
        txn.commit(
            seq(actions),
            new DeltaOperations.Write(
                replaces ? SaveMode.Overwrite : SaveMode.Append,
                Option.apply(seq(List.of(STUDY, RUN))),
                replaces
                    ? Option.apply(STUDY + " = '" + study + "' AND " + RUN + " = '" + run + "'")
                    : Option.empty(),
                Option.empty()));
        return;
      } catch (DeltaConcurrentModificationException e) {
        if (attempt == TRIES) {
          throw new IOException(
              "table "
                  + table
                  + ": other writers' commits to "
                  + new Path(tableRoot, LOG_DIRECTORY)
                  + " came first "
                  + TRIES
                  + " times in a row",
              e);
        }
      }
    }
  }

  /**
   * The table's columns with this run's added: a run with a parameter the earlier runs did not have
   * widens the trials' {@code params}.
   *
   * @throws IllegalArgumentException naming the column when a column has another type in this run
   */
  private StructType widened(StructType current) {
    return TableCatalog.merge(current, schema, "run " + run + " of study " + study);
  }

  /** The first line of {@code e}'s message (Delta's run to several), or its class's name. */
  private static String firstLine(Exception e) {
    String m = e.getMessage();
    return m == null || m.isBlank()
        ? e.getClass().getSimpleName()
        : m.strip().lines().findFirst().get();
  }

  private AddFile addFile(Path file) throws IOException {
    FileStatus s = fs.getFileStatus(file);
    return new AddFile(
        relative(file),
        partition,
        s.getLen(),
        s.getModificationTime(),
        true,
        null,
        null,
        null,
        Option.empty(),
        Option.empty(),
        Option.empty());
  }

  /** {@code file}'s path relative to the table, as a URI (the form a Delta log holds). */
  private String relative(Path file) throws IOException {
    URI root = tableRoot.toUri();
    URI f = fs.makeQualified(file).toUri();
    String rootPath = root.getRawPath().endsWith("/") ? root.getRawPath() : root.getRawPath() + "/";
    if (!Objects.equals(root.getScheme(), f.getScheme()) || !f.getRawPath().startsWith(rootPath)) {
      throw new IOException("file " + file + " lies outside table " + tableRoot);
    }
    return f.getRawPath().substring(rootPath.length());
  }

  private static <T> scala.collection.Seq<T> seq(List<T> list) {
    return JavaConverters.asScalaBufferConverter(list).asScala().toList();
  }
}
