package dev.rung.job.tables;

import java.io.IOException;
import java.util.List;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * The tables of one run of a study (trials, intermediate values, segments, and runs, which {@link
 * #openRuns} opens on its own; where they lie is {@link OutputLayout}'s), opened for writing by the
 * driver, and read back for resume with parquet-hadoop alone. {@code output} below is the run's
 * directory.
 *
 * <p>The output may be any Hadoop path (local, HDFS, S3). Writers publish each file under a
 * temporary hidden name and rename it when complete; readers skip temporary files.
 */
public final class Tables {

  private final TrialsTable trials;
  private final AppendTable<IntermediateValueRow> intermediateValues;
  private final AppendTable<SegmentRow> segments;

  private Tables(
      TrialsTable trials,
      AppendTable<IntermediateValueRow> intermediateValues,
      AppendTable<SegmentRow> segments) {
    this.trials = trials;
    this.intermediateValues = intermediateValues;
    this.segments = segments;
  }

  /**
   * Opens (creating when absent) the three tables under {@code output} for writing.
   *
   * @param params the sweep's parameters: the fields of the trials table's {@code params} struct
   * @apiNote Hold the output's {@link OutputLock} while the tables are open for writing.
   */
  public static Tables openForWriting(FileSystem fs, Path output, ParamSchema params)
      throws IOException {
    return openForWriting(fs, output, params, WriteGuard.NONE);
  }

  /**
   * As {@link #openForWriting(FileSystem, Path, ParamSchema)}, with {@code guard} checked right
   * before each file is published (and before the tables are opened): a driver passes its lock's
   * {@link OutputLock#verify}, so that it publishes nothing once it lost the lock.
   */
  public static Tables openForWriting(
      FileSystem fs, Path output, ParamSchema params, WriteGuard guard) throws IOException {
    return openForWriting(fs, output, params, guard, TableLog.Factory.NONE);
  }

  /**
   * As {@link #openForWriting(FileSystem, Path, ParamSchema, WriteGuard)}, each table's files
   * recorded in the log {@code logs} gives it ({@link DeltaTableLog} for Delta tables).
   */
  public static Tables openForWriting(
      FileSystem fs, Path output, ParamSchema params, WriteGuard guard, TableLog.Factory logs)
      throws IOException {
    FileSystem raw = TableFiles.raw(fs);
    Path trials = path(output, TableSchemas.TRIALS);
    TrialCodec codec = new TrialCodec(params);
    Path values = path(output, TableSchemas.INTERMEDIATE_VALUES);
    Path segments = path(output, TableSchemas.SEGMENTS);
    return new Tables(
        TrialsTable.open(
            raw, trials, codec, guard, logs.of(TableSchemas.TRIALS, trials, codec.schema())),
        AppendTable.open(
            raw,
            values,
            IntermediateValueCodec.CODEC,
            guard,
            logs.of(
                TableSchemas.INTERMEDIATE_VALUES, values, IntermediateValueCodec.CODEC.schema())),
        AppendTable.open(
            raw,
            segments,
            SegmentCodec.CODEC,
            guard,
            logs.of(TableSchemas.SEGMENTS, segments, SegmentCodec.CODEC.schema())));
  }

  /** The trials table. */
  public TrialsTable trials() {
    return trials;
  }

  /** The intermediate values table. */
  public AppendTable<IntermediateValueRow> intermediateValues() {
    return intermediateValues;
  }

  /** The segments table. */
  public AppendTable<SegmentRow> segments() {
    return segments;
  }

  /**
   * The directory of {@code table} for the run whose directory is {@code output}: its partition
   * under the output root ({@link OutputLayout}), or {@code output/table} for an output of the
   * earlier layout.
   */
  public static Path path(Path output, String table) {
    return OutputLayout.tableDirectory(output, table);
  }

  /**
   * The trials of the newest snapshot under {@code output}.
   *
   * @param params the sweep's parameters, used to map text-encoded categorical choices back to
   *     their values; parameters a file has beyond these are read in their stored types
   */
  public static List<TrialRow> readTrials(FileSystem fs, Path output, ParamSchema params)
      throws IOException {
    return TrialsTable.read(fs, path(output, TableSchemas.TRIALS), new TrialCodec(params));
  }

  /** Every intermediate value under {@code output}, in the order they were appended. */
  public static List<IntermediateValueRow> readIntermediateValues(FileSystem fs, Path output)
      throws IOException {
    return AppendTable.readAll(
        fs, path(output, TableSchemas.INTERMEDIATE_VALUES), IntermediateValueCodec.CODEC);
  }

  /**
   * The numbers of the files missing from the append-only {@code table} under {@code output} (files
   * removed after they were published); empty when none is, or the table does not exist.
   */
  public static List<Long> missingFiles(FileSystem fs, Path output, String table)
      throws IOException {
    Path dir = path(output, table);
    if (!fs.exists(dir)) {
      return List.of();
    }
    return TableFiles.missing(TableFiles.dataFiles(TableFiles.raw(fs), dir));
  }

  /**
   * Opens (creating when absent) the runs table under {@code output} for appending; {@code guard}
   * is checked before each file is published.
   */
  public static AppendTable<RunRow> openRuns(FileSystem fs, Path output, WriteGuard guard)
      throws IOException {
    return openRuns(fs, output, guard, TableLog.Factory.NONE);
  }

  /** As {@link #openRuns(FileSystem, Path, WriteGuard)}, its files recorded in {@code logs}'s. */
  public static AppendTable<RunRow> openRuns(
      FileSystem fs, Path output, WriteGuard guard, TableLog.Factory logs) throws IOException {
    Path dir = path(output, TableSchemas.RUNS);
    return AppendTable.open(
        TableFiles.raw(fs),
        dir,
        RunCodec.CODEC,
        guard,
        logs.of(TableSchemas.RUNS, dir, RunCodec.CODEC.schema()));
  }

  /**
   * Every run recorded under {@code output}, in the order they were appended; none for an output
   * written before the runs table existed.
   */
  public static List<RunRow> readRuns(FileSystem fs, Path output) throws IOException {
    Path dir = path(output, TableSchemas.RUNS);
    if (!fs.exists(dir)) {
      return List.of();
    }
    return AppendTable.readAll(fs, dir, RunCodec.CODEC);
  }

  /** Every segment under {@code output}, in the order they were appended. */
  public static List<SegmentRow> readSegments(FileSystem fs, Path output) throws IOException {
    return AppendTable.readAll(fs, path(output, TableSchemas.SEGMENTS), SegmentCodec.CODEC);
  }
}
