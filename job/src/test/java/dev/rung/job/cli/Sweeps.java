package dev.rung.job.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.rung.job.tables.SqlQuery;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * What the command-line tests share: running {@code Main}, a trainer's sweep, the output's files.
 */
final class Sweeps {
  private Sweeps() {}

  /** A command's exit code and what it printed. */
  record Run(int exit, String out, String err) {
    String all() {
      return out + err;
    }
  }

  /** The digits sweep of the repository ({@code conf/digits.conf}). */
  static final String DIGITS = new File("../conf/digits.conf").getAbsolutePath();

  /**
   * The run id the tests' sweeps use: fixed, so that a rerun continues the same run whatever the
   * date (the default id is the UTC date, which a test running at midnight would see change).
   */
  static final String RUN = "r1";

  /** Runs {@code rung sweep conf/digits.conf} as run {@link #RUN} with {@code overrides}. */
  static Run digits(String... overrides) {
    List<String> args = new ArrayList<>(List.of("sweep", DIGITS, "run.id=" + RUN));
    args.addAll(List.of(overrides));
    return main(args);
  }

  /** Runs {@code Main} in this JVM with {@code args}, capturing what it prints. */
  static Run main(List<String> args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int exit =
        Main.run(
            args.toArray(new String[0]), new PrintStream(out, true), new PrintStream(err, true));
    return new Run(
        exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  /**
   * Writes {@code <dir>/<name>.conf}: study {@code name}, output {@code <dir>/out}, run {@link
   * #RUN} (a fixed id, so that a test's reruns continue its run on any day), two parameters ({@code
   * lr}, {@code width}) trained by {@code trainer} on no data, TPE and Hyperband from epoch 1 with
   * eta 3, then {@code settings} (HOCON inside {@code rung { }}: epochs, budget, ...).
   */
  static Path trainerSweep(Path dir, String name, Class<?> trainer, String settings)
      throws IOException {
    Path conf = dir.resolve(name + ".conf");
    Files.writeString(
        conf,
        """
        rung {
          study { name = %s, directions = [maximize], metrics = [val_accuracy] }
          output = "%s"
          run.id = "%s"
          model.trainer = "%s"
          space {
            lr { type = float, low = 1e-4, high = 1.0, log = true }
            width { type = int, low = 4, high = 256, log = true }
          }
          data.format = none
          pruner { type = hyperband, min-resource = 1, reduction-factor = 3 }
        %s
        }
        """
            .formatted(name, dir.resolve("out"), RUN, trainer.getName(), settings.indent(2)));
    return conf;
  }

  /** Every file of an output but the locks', with a digest of its bytes. */
  static Map<String, String> files(Path output) throws IOException {
    for (int attempt = 0; ; attempt++) {
      try {
        return filesOnce(output);
      } catch (java.io.UncheckedIOException e) {
        // A directory (a probe's, a checkpoint's) removed while walked: look again.
        if (!(e.getCause() instanceof NoSuchFileException) || attempt >= 20) {
          throw e;
        }
      }
    }
  }

  private static Map<String, String> filesOnce(Path output) throws IOException {
    Map<String, String> files = new TreeMap<>();
    if (!Files.exists(output)) {
      return files;
    }
    try (Stream<Path> all = Files.walk(output)) {
      for (Path p : all.filter(Files::isRegularFile).toList()) {
        String name = output.relativize(p).toString();
        if (!name.startsWith("_lock") && !name.contains("/_lock/")) {
          try {
            files.put(name, sha256(Files.readAllBytes(p)));
          } catch (NoSuchFileException gone) {
            // renamed or removed while listed: the next look sees the result
          }
        }
      }
    }
    return files;
  }

  private static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * Asserts that the tables under {@code output} agree: each trial once, each of its epochs
   * recorded once and numbered 1..n, and as many as the trials table says.
   */
  static void assertConsistent(SparkSession spark, Path output) {
    String out = output.toString();
    for (Row r :
        SqlQuery.run(
                spark,
                out,
                "SELECT t.number, t.epochs_trained, COUNT(v.step), COUNT(DISTINCT v.step),"
                    + " COALESCE(MAX(v.step), 0) FROM trials t LEFT JOIN intermediate_values v"
                    + " ON v.trial = t.number GROUP BY t.number, t.epochs_trained")
            .collectAsList()) {
      assertEquals(r.getLong(2), r.getLong(3), "no epoch recorded twice: " + r);
      assertEquals(r.getLong(2), (long) r.getInt(4), "epochs 1..n: " + r);
      assertEquals((long) r.getInt(1), r.getLong(2), "epochs_trained as recorded: " + r);
    }
    long trials = SqlQuery.run(spark, out, "SELECT number FROM trials").count();
    long distinct = SqlQuery.run(spark, out, "SELECT DISTINCT number FROM trials").count();
    assertEquals(trials, distinct, "each trial once");
  }
}
