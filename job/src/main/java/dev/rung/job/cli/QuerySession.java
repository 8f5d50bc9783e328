package dev.rung.job.cli;

import dev.rung.job.ConsoleText;
import dev.rung.job.tables.StudyIdentity;
import dev.rung.job.tables.TableCatalog;
import java.io.IOException;
import java.util.Optional;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.AnalysisException;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * A Spark session for reading one output's tables ({@code rung sql}, {@code best}, {@code trials}):
 * local, small and quick to start, as the tables of a study are small. One or two threads, no web
 * UI, no Hive catalog, two shuffle partitions, the driver on the loopback address (no host name
 * lookup), times in UTC. A session that already runs in this JVM (a test's) is used instead, and
 * left running.
 */
final class QuerySession implements AutoCloseable {
  private final SparkSession spark;
  private final boolean own;
  private final String output;

  private QuerySession(SparkSession spark, boolean own, String output) {
    this.spark = spark;
    this.own = own;
    this.output = output;
  }

  /**
   * A session with the tables of {@code output} as the views {@code trials}, {@code
   * intermediate_values} and {@code segments}.
   *
   * @throws BadArgumentException when {@code output} is not the output of a sweep
   */
  static QuerySession open(String output) {
    Optional<SparkSession> running = toOption(SparkSession.getDefaultSession());
    SparkSession spark = running.orElseGet(QuerySession::start);
    QuerySession session = new QuerySession(spark, running.isEmpty(), output);
    try {
      TableCatalog.register(spark, output);
    } catch (IllegalArgumentException e) {
      session.close();
      throw new BadArgumentException("OUTPUT: " + e.getMessage());
    }
    return session;
  }

  private static SparkSession start() {
    return SparkSession.builder()
        .appName("rung sql")
        .master(System.getProperty("spark.master", "local[2]"))
        .config("spark.ui.enabled", "false")
        .config("spark.ui.showConsoleProgress", "false")
        .config("spark.sql.catalogImplementation", "in-memory")
        .config("spark.sql.shuffle.partitions", "2")
        .config("spark.default.parallelism", "2")
        .config("spark.driver.host", "127.0.0.1")
        .config("spark.driver.bindAddress", "127.0.0.1")
        .config("spark.sql.session.timeZone", "UTC")
        .getOrCreate();
  }

  private static <T> Optional<T> toOption(scala.Option<T> o) {
    return o.isDefined() ? Optional.of(o.get()) : Optional.empty();
  }

  /**
   * The result of {@code query}, analysed (columns and tables checked) but not yet run.
   *
   * @throws BadArgumentException naming the problem when the query cannot run
   */
  Dataset<Row> sql(String query) {
    try {
      return spark.sql(query);
    } catch (Exception e) {
      throw asBadQuery(e);
    }
  }

  /**
   * {@code e} as the message a user sees when it says what is wrong with a query (Spark's first
   * line, without the query plan or the marked query it appends); other failures are rethrown as
   * they are.
   */
  static BadArgumentException asBadQuery(Exception e) {
    if (e instanceof AnalysisException) {
      return new BadArgumentException(
          "the query cannot run: "
              + ConsoleText.of(
                  String.valueOf(e.getMessage())
                      .lines()
                      .filter(l -> !l.isBlank())
                      .findFirst()
                      .orElse("")));
    }
    if (e instanceof RuntimeException r) {
      throw r;
    }
    throw new IllegalStateException(e);
  }

  SparkSession spark() {
    return spark;
  }

  /** The study's name, directions and metrics ({@code study.json}), when the output has them. */
  Optional<StudyIdentity> identity() {
    try {
      Path out = new Path(output);
      return StudyIdentity.read(out.getFileSystem(spark.sparkContext().hadoopConfiguration()), out);
    } catch (IOException | RuntimeException e) {
      return Optional.empty();
    }
  }

  @Override
  public void close() {
    if (own) {
      spark.stop();
    }
  }
}
