package dev.rung.job.cli;

import dev.rung.job.ConsoleText;
import dev.rung.job.config.InvalidConfigException;
import dev.rung.job.config.SweepConfig;
import dev.rung.job.config.SweepConfigLoader;
import dev.rung.job.optuna.ExportRefusedException;
import dev.rung.job.optuna.OptunaExport;
import dev.rung.job.sim.SchedulerSimulation;
import dev.rung.job.tables.InvalidOutputException;
import dev.rung.job.tables.SqlQuery;
import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.SparkSession;

/**
 * Rung's entry point, for {@code bin/rung} and {@code spark-submit --class dev.rung.job.cli.Main}.
 * A sweep file given as the first argument (as spark-submit users write it) means {@code sweep}.
 *
 * <p>Exit codes: 0 the sweep finished with at least one COMPLETE trial (or had finished earlier); 1
 * an unexpected error, or the best trial's checkpoint was refused so it was neither tested nor
 * exported ({@code summary.json} says why); 2 the sweep definition, its data or its output is
 * invalid (nothing ran, nothing was written), or {@code export-optuna} refused its output or file;
 * 3 the sweep ran but no trial completed; 4 another driver holds the output, or took it over from
 * this one; 5 the output could not be written during the sweep (what was recorded before is
 * intact); 130 stopped by SIGINT or SIGTERM (everything recorded is kept; run again to continue).
 *
 * <p>Error messages, which quote values from the sweep definition and the output directory, are
 * printed through {@link ConsoleText}.
 */
public final class Main {
  /** Exit code: an unexpected error, or the best trial could not be tested and exported. */
  public static final int ERROR = 1;

  /** Exit code: the definition or data is invalid; nothing ran. */
  public static final int INVALID = 2;

  /** Exit code: the sweep ran, but no trial completed. */
  public static final int NO_RESULT = 3;

  /** Exit code: another driver holds the output location, or took it over from this one. */
  public static final int LOCKED = 4;

  /** Exit code: the output could not be written during the sweep. */
  public static final int OUTPUT_FAILED = 5;

  /** Exit code: stopped on request (SIGINT or SIGTERM); a rerun continues. */
  public static final int INTERRUPTED = 130;

  private Main() {}

  public static void main(String[] args) {
    System.exit(run(args, System.out, System.err));
  }

  /** Runs a command; returns its exit code. */
  public static int run(String[] args, PrintStream out, PrintStream err) {
    if (args.length == 0) {
      err.println(
          "usage: rung sweep CONF [key=value ...] | rung sql OUTPUT \"SELECT ...\""
              + " | rung simulate [executors] [trials] [sampler]"
              + " | rung report OUTPUT [--out FILE] | rung export-optuna OUTPUT FILE");
      return INVALID;
    }
    String command = args[0];
    List<String> rest = Arrays.asList(args).subList(1, args.length);
    if (command.endsWith(".conf")) {
      command = "sweep";
      rest = Arrays.asList(args);
    }
    try {
      switch (command) {
        case "sweep":
          return SweepCommand.run(rest, out, err);
        case "dataset":
          return dataset(rest, out, err);
        case "sql":
          return sql(rest, out, err);
        case "simulate":
          SchedulerSimulation.main(rest.toArray(new String[0]));
          return 0;
        case "export-optuna":
          return exportOptuna(rest, out, err);
        case "report":
          return ReportCommand.run(rest, out, err);
        default:
          err.println(
              "rung: unknown command '"
                  + ConsoleText.of(command)
                  + "'; use sweep, sql, report, simulate or export-optuna");
          return INVALID;
      }
    } catch (InvalidConfigException e) {
      err.println("rung: " + ConsoleText.lines(e.getMessage()));
      return INVALID;
    } catch (InvalidOutputException e) {
      err.println("rung: " + ConsoleText.lines(e.getMessage()));
      return INVALID;
    } catch (ExportRefusedException e) {
      err.println("rung: " + ConsoleText.lines(e.getMessage()));
      return INVALID;
    } catch (Exception e) {
      err.println("rung: " + ConsoleText.lines(e));
      StringWriter trace = new StringWriter();
      e.printStackTrace(new PrintWriter(trace));
      err.print(ConsoleText.lines(trace));
      return ERROR;
    }
  }

  /**
   * Validates a sweep and its output location and prints the named dataset it needs and where ("-
   * -" for none), for {@code bin/rung} to fetch it before the sweep starts.
   */
  private static int dataset(List<String> args, PrintStream out, PrintStream err) {
    if (args.isEmpty()) {
      err.println("usage: rung dataset CONF [key=value ...]");
      return INVALID;
    }
    SweepConfig c = SweepConfigLoader.load(new File(args.get(0)), args.subList(1, args.size()));
    Preflight.checkOutput(c);
    String name = c.data().dataset();
    if (name.isEmpty() || name.equals("digits")) {
      out.println("- -");
    } else {
      out.println(
          ConsoleText.of(name) + " " + ConsoleText.of(new File(c.data().dir()).getAbsolutePath()));
    }
    return 0;
  }

  /**
   * Writes the study of an output as a new Optuna journal file (see {@link OptunaExport}), with
   * times in this machine's time zone, as Optuna writes them.
   */
  private static int exportOptuna(List<String> args, PrintStream out, PrintStream err)
      throws IOException {
    if (args.size() != 2) {
      err.println("usage: rung export-optuna OUTPUT FILE  (FILE: a new Optuna journal file)");
      return INVALID;
    }
    Path output = new Path(args.get(0));
    OptunaExport.Exported done =
        OptunaExport.export(
            output.getFileSystem(new Configuration()),
            output,
            java.nio.file.Path.of(args.get(1)),
            ZoneId.systemDefault());
    out.println(
        "rung: wrote study '"
            + ConsoleText.of(done.study())
            + "' ("
            + done.trials()
            + " trials) to "
            + ConsoleText.of(args.get(1))
            + "; open it with optuna.load_study(study_name=..., storage=optuna.storages"
            + ".JournalStorage(optuna.storages.JournalFileStorage(FILE)))");
    return 0;
  }

  private static int sql(List<String> args, PrintStream out, PrintStream err) throws Exception {
    if (args.size() != 2) {
      err.println(
          "usage: rung sql OUTPUT \"SELECT ...\"  (tables: trials, intermediate_values,"
              + " segments)");
      return INVALID;
    }
    SparkSession spark =
        SparkSession.builder()
            .appName("rung sql")
            .master(System.getProperty("spark.master", "local[*]"))
            .config("spark.ui.enabled", "false")
            .config("spark.ui.showConsoleProgress", "false")
            .config("spark.sql.session.timeZone", "UTC")
            .getOrCreate();
    try {
      SqlQuery.print(SqlQuery.run(spark, args.get(0), args.get(1)), out);
      return 0;
    } catch (IllegalArgumentException e) {
      err.println("rung: " + ConsoleText.lines(e.getMessage()));
      return INVALID;
    } catch (Exception e) {
      if (!(e instanceof org.apache.spark.sql.AnalysisException)) {
        throw e;
      }
      // Spark appends the query plan; the first line says what is wrong.
      err.println(
          "rung: the query cannot run: "
              + ConsoleText.of(e.getMessage().lines().findFirst().orElse("")));
      return INVALID;
    } finally {
      spark.stop();
    }
  }
}
