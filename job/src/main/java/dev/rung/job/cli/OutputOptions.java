package dev.rung.job.cli;

import dev.rung.job.results.StoredStudy;
import dev.rung.job.tables.ResultFormat;
import dev.rung.job.tables.SqlQuery;
import java.io.IOException;
import java.io.PrintStream;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** What the commands that read a sweep's output share, as picocli mixins. */
final class OutputOptions {
  private OutputOptions() {}

  /**
   * The study stored at {@code location}, any Hadoop path.
   *
   * @throws BadArgumentException naming OUTPUT and what is wrong with it
   */
  static StoredStudy study(String location) throws IOException {
    org.apache.hadoop.fs.Path path = new org.apache.hadoop.fs.Path(location);
    try {
      return StoredStudy.read(path.getFileSystem(new Configuration()), path);
    } catch (StoredStudy.UnreadableException e) {
      throw new BadArgumentException("OUTPUT: " + e.getMessage());
    }
  }

  /**
   * The directory of the one run {@code location} names: itself, or the only run of the output root
   * it is.
   *
   * @throws BadArgumentException for a root holding several runs, naming them
   */
  static String oneRun(String location) throws IOException {
    org.apache.hadoop.fs.Path path = new org.apache.hadoop.fs.Path(location);
    try {
      return StoredStudy.oneRun(path.getFileSystem(new Configuration()), path).toString();
    } catch (StoredStudy.UnreadableException e) {
      throw new BadArgumentException("OUTPUT: " + e.getMessage());
    }
  }

  /** The first argument: the output location of a sweep. */
  static final class Output {
    @Parameters(
        index = "0",
        paramLabel = "OUTPUT",
        description = "the output location of a sweep (a directory or any Hadoop path)")
    String location;
  }

  /** {@code --format table|csv|json}. */
  static final class Format {
    @Option(
        names = "--format",
        paramLabel = "FORMAT",
        defaultValue = "table",
        description =
            "table (the default: a grid of at most 1000 rows), csv (RFC 4180) or json (one"
                + " object per line)")
    ResultFormat format;

    /** Prints {@code result} in the format chosen (as a table, its first 1000 rows). */
    void print(Dataset<Row> result, PrintStream out) {
      format.print(result, out, SqlQuery.DEFAULT_MAX_ROWS);
    }
  }
}
