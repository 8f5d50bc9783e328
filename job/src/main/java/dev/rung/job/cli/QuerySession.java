package dev.rung.job.cli;

import dev.rung.job.Causes;
import dev.rung.job.ConsoleText;
import dev.rung.job.tables.StudyIdentity;
import dev.rung.job.tables.TableCatalog;
import java.io.FileNotFoundException;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.function.BiConsumer;
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
    return open(running.orElseGet(QuerySession::start), running.isEmpty(), output);
  }

  /** A session on {@code spark}, stopped on close when {@code own}. */
  static QuerySession open(SparkSession spark, boolean own, String output) {
    QuerySession session = new QuerySession(spark, own, output);
    try {
      session.registerViews();
    } catch (BadArgumentException e) {
      session.close();
      throw e;
    }
    return session;
  }

  /**
   * Registers the output's tables as views, as they are now.
   *
   * @throws BadArgumentException when the output is not (or no longer) the output of a sweep
   */
  private void registerViews() {
    for (int attempt = 1; ; attempt++) {
      try {
        TableCatalog.register(spark, output);
        return;
      } catch (IllegalArgumentException e) {
        throw new BadArgumentException("OUTPUT: " + e.getMessage());
      } catch (Exception e) {
        // (Exception: Spark throws its AnalysisException, a checked one, without declaring it.)
        // Reading a snapshot's schema as the sweep replaced it: list the tables again.
        if (!fileGone(e) || attempt == TRIES) {
          throw e;
        }
        pause(attempt);
      }
    }
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
        // An output root of Delta tables is read through their logs.
        .config(DeltaSession.EXTENSIONS, DeltaSession.EXTENSION)
        .config(DeltaSession.CATALOG, DeltaSession.DELTA_CATALOG)
        .getOrCreate();
  }

  private static <T> Optional<T> toOption(scala.Option<T> o) {
    return o.isDefined() ? Optional.of(o.get()) : Optional.empty();
  }

  /**
   * How many times a query (or the views' registration) that found a table file gone is tried
   * before giving up, waiting {@link #PAUSE_MILLIS} times the try's number before the next.
   */
  static final int TRIES = 5;

  static final long PAUSE_MILLIS = 100;

  /**
   * Runs {@code query} on the tables as they are when it starts and prints its result with {@code
   * printer} to {@code out}. The views are registered afresh first, so that a query sees what a
   * sweep wrote since the session opened (the shell's later queries included). A sweep that is
   * writing replaces the trials snapshot of its run now and then: a query that listed the old
   * snapshot and finds it gone when it reads runs again, up to {@value #TRIES} times, as long as it
   * printed nothing yet.
   *
   * @throws BadArgumentException naming the problem when the query cannot run
   * @throws TablesChangedException when the tables kept changing under the query, or changed after
   *     part of its result was printed
   */
  void print(String query, BiConsumer<Dataset<Row>, PrintStream> printer, PrintStream out) {
    for (int attempt = 1; ; attempt++) {
      Counting counted = new Counting(out);
      try {
        registerViews();
        printer.accept(sql(query), counted.stream);
        return;
      } catch (Exception e) {
        if (!fileGone(e)) {
          throw e;
        }
        if (counted.bytes > 0 || attempt == TRIES) {
          throw new TablesChangedException(
              "the tables changed while the query read them (a sweep writing to "
                  + output
                  + " replaced a file it had listed"
                  + (counted.bytes > 0
                      ? ", after part of the result was printed"
                      : ", " + TRIES + " times in a row")
                  + "): run the query again",
              e);
        }
        pause(attempt);
      }
    }
  }

  /** Waits before try {@code attempt + 1}: the sweep's next write is usually done by then. */
  private static void pause(int attempt) {
    try {
      Thread.sleep(PAUSE_MILLIS * attempt);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new CancellationException("interrupted while waiting to read the tables again");
    }
  }

  /**
   * Whether {@code e} comes from a table file that was listed and then gone when read: Spark's
   * missing file while a query runs, or while a view is made, the path that no longer exists or the
   * files whose schema it could no longer read.
   */
  static boolean fileGone(Throwable e) {
    if (Causes.has(e, FileNotFoundException.class)) {
      return true;
    }
    AnalysisException a = Causes.find(e, AnalysisException.class);
    return a != null
        && ("PATH_NOT_FOUND".equals(a.getErrorClass())
            || "UNABLE_TO_INFER_SCHEMA".equals(a.getErrorClass()));
  }

  /** The printed bytes of one try, counted on the way to the real stream. */
  private static final class Counting {
    long bytes;
    final PrintStream stream;

    Counting(PrintStream out) {
      this.stream =
          new PrintStream(
              new FilterOutputStream(out) {
                @Override
                public void write(int b) throws IOException {
                  bytes++;
                  out.write(b);
                }

                @Override
                public void write(byte[] b, int off, int len) throws IOException {
                  bytes += len;
                  out.write(b, off, len);
                }
              },
              true,
              StandardCharsets.UTF_8);
    }
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
