package dev.rung.job.cli;

import dev.rung.job.ConsoleText;
import dev.rung.job.config.InvalidConfigException;
import dev.rung.job.config.SweepConfig;
import dev.rung.job.config.SweepConfigLoader;
import dev.rung.job.optuna.ExportRefusedException;
import dev.rung.job.sim.SchedulerSimulation;
import dev.rung.job.tables.InvalidOutputException;
import dev.rung.training.device.BackendUnavailableException;
import java.io.File;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.IVersionProvider;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * Rung's entry point, for {@code bin/rung} and {@code spark-submit --class dev.rung.job.cli.Main}.
 * A sweep file given as the first argument (as spark-submit users write it) means {@code sweep}.
 * {@code rung --help} lists the commands, {@code rung COMMAND --help} explains one.
 *
 * <p>Exit codes: 0 the sweep finished with at least one COMPLETE trial (or had finished earlier),
 * or a query, listing or export succeeded, or help or the version was asked for; 1 an unexpected
 * error, or the best trial's checkpoint was refused so it was neither tested nor exported ({@code
 * summary.json} says why); 2 a usage error (unknown command or option, missing or bad argument),
 * the sweep definition, its data or its output is invalid (nothing ran, nothing was written), a
 * query cannot run, or {@code export-optuna} refused its output or file; 3 the sweep ran but no
 * trial completed; 4 another driver holds the output, or took it over from this one; 5 the output
 * could not be written during the sweep (what was recorded before is intact); 130 stopped by SIGINT
 * or SIGTERM (everything recorded is kept; run again to continue).
 *
 * <p>A command is one class; {@link #commands} lists them. A command that parses its own arguments
 * (a method {@code static int run(List<String> args, PrintStream out, PrintStream err)}) is added
 * with {@link ArgsCommand#of}; one written with picocli's annotations takes the {@link Streams}.
 *
 * <p>Error messages, which quote values from the sweep definition and the output directory, are
 * printed through {@link ConsoleText}.
 */
public final class Main {
  /** Exit code: an unexpected error, or the best trial could not be tested and exported. */
  public static final int ERROR = 1;

  /** Exit code: a usage error, or the definition or data is invalid; nothing ran. */
  public static final int INVALID = 2;

  /** Exit code: the sweep ran, but no trial completed. */
  public static final int NO_RESULT = 3;

  /** Exit code: another driver holds the output location, or took it over from this one. */
  public static final int LOCKED = 4;

  /** Exit code: the output could not be written during the sweep. */
  public static final int OUTPUT_FAILED = 5;

  /** Exit code: stopped on request (SIGINT or SIGTERM); a rerun continues. */
  public static final int INTERRUPTED = 130;

  /** The footer of {@code rung --help}. */
  static final String[] EXIT_CODES = {
    "",
    "Exit codes:",
    "  0    done: a sweep finished with at least one COMPLETE trial (or had",
    "       finished earlier), or a query, listing or export succeeded",
    "  1    an unexpected error, or the best trial could not be tested and exported",
    "  2    a usage error, or the sweep definition, its data, its output or a",
    "       query is invalid (nothing ran, nothing was written)",
    "  3    the sweep ran but no trial completed (rung best: none has completed)",
    "  4    another driver holds the output, or took it over from this one",
    "  5    the output could not be written during the sweep (what was recorded",
    "       is intact)",
    "  130  stopped by Ctrl-C or SIGTERM (everything recorded is kept; the same",
    "       command continues the sweep)",
    "",
    "A first argument ending in .conf means 'sweep' (rung CONF [key=value ...])."
  };

  /** The footer of each command's help. */
  static final String SEE_EXIT_CODES = "%nExit codes: see rung --help.";

  private Main() {}

  public static void main(String[] args) {
    QuietLogs.apply();
    System.exit(run(args, System.in, System.out, System.err));
  }

  /** Runs a command; returns its exit code. */
  public static int run(String[] args, PrintStream out, PrintStream err) {
    return run(args, System.in, out, err);
  }

  /** Runs a command that may read {@code in} (the query shell); returns its exit code. */
  public static int run(String[] args, InputStream in, PrintStream out, PrintStream err) {
    String[] line = args;
    if (args.length > 0 && args[0].endsWith(".conf")) {
      line = new String[args.length + 1];
      line[0] = "sweep";
      System.arraycopy(args, 0, line, 1, args.length);
    }
    CommandLine cli = commands(new Streams(in, out, err));
    PrintWriter outWriter = new PrintWriter(out, true);
    PrintWriter errWriter = new PrintWriter(err, true);
    cli.setOut(outWriter);
    cli.setErr(errWriter);
    cli.setCaseInsensitiveEnumValuesAllowed(true);
    cli.setColorScheme(CommandLine.Help.defaultColorScheme(CommandLine.Help.Ansi.OFF));
    cli.setParameterExceptionHandler((e, given) -> usageError(e, given, cli, err));
    cli.setExecutionExceptionHandler((e, command, parsed) -> failed(e, err));
    int exit = cli.execute(line);
    outWriter.flush();
    errWriter.flush();
    out.flush();
    err.flush();
    return exit;
  }

  /** Every command: one line each. */
  private static CommandLine commands(Streams io) {
    CommandLine cli = new CommandLine(new Rung(io));
    cli.addSubcommand(
        "sweep",
        ArgsCommand.of(
            "sweep",
            "CONF [key=value ...]",
            "Runs a sweep (or resumes it) to the end of its budget.\nSettings given as"
                + " key=value override the file's:\n  rung sweep conf/mnist.conf"
                + " budget.trials=50 output=/data/mnist",
            SweepCommand::run,
            io));
    cli.addSubcommand("sql", new SqlCommand(io));
    cli.addSubcommand("best", new BestCommand(io));
    cli.addSubcommand("trials", new TrialsCommand(io));
    cli.addSubcommand("export-optuna", new ExportOptunaCommand(io));
    cli.addSubcommand(
        "importance",
        ArgsCommand.of(
            "importance",
            "OUTPUT [--evaluator fanova|ped-anova] [--objective NAME]",
            "Prints how much each parameter explains an objective, most important first"
                + " (fANOVA by default; see docs/importance.md).",
            ImportanceCommand::run,
            io));
    cli.addSubcommand(
        "report",
        ArgsCommand.of(
            "report",
            "OUTPUT [--out FILE]",
            "Writes the study's report, one HTML file that works offline (default:"
                + " <study>-report.html here). A sweep writes its own report.html under its"
                + " output.",
            ReportCommand::run,
            io));
    cli.addSubcommand(
        "export",
        ArgsCommand.of(
            "export",
            "OUTPUT --trial N [--to DIR] [--conf FILE]",
            "Evaluates COMPLETE trial N once on the test set and exports its model to DIR"
                + " (default <study>-trial-<N> here), e.g. another member of a Pareto front.",
            ExportCommand::run,
            io));
    cli.addSubcommand(
        "simulate",
        ArgsCommand.of(
            "simulate",
            "[executors] [trials] [sampler]",
            "Runs the driver alone on a simulated cluster and reports its scheduling cost.",
            Main::simulate,
            io));
    cli.addSubcommand(
        "dataset",
        ArgsCommand.hidden(
            "dataset",
            "CONF [key=value ...]",
            "Validates a sweep and prints the named dataset it needs and where.",
            Main::dataset,
            io));
    cli.addSubcommand("help", new CommandLine.HelpCommand());
    cli.getCommandSpec().usageMessage().footer(EXIT_CODES);
    return cli;
  }

  /** {@code rung} itself: with no command, a short usage message. */
  @Command(
      name = "rung",
      mixinStandardHelpOptions = true,
      versionProvider = Version.class,
      synopsisSubcommandLabel = "COMMAND",
      description = {
        "Hyperparameter optimization of Deeplearning4j networks on Apache Spark: sweeps,"
            + " and the Parquet tables they write.",
        ""
      },
      commandListHeading = "Commands:%n")
  static final class Rung implements Callable<Integer> {
    private final Streams io;

    Rung(Streams io) {
      this.io = io;
    }

    @Override
    public Integer call() {
      io.err()
          .println(
              "usage: rung COMMAND [ARGS ...], with COMMAND one of sweep, sql, best, trials,"
                  + " export-optuna, simulate; 'rung --help' explains them");
      return INVALID;
    }
  }

  /** {@code rung --version}: Rung's version and those of Spark, Deeplearning4j and Java. */
  static final class Version implements IVersionProvider {
    @Override
    public String[] getVersion() {
      return Versions.describe();
    }
  }

  /** A parse error: what is wrong, and the synopsis of the command it was given to. */
  private static int usageError(
      ParameterException e, String[] given, CommandLine top, PrintStream err) {
    CommandLine command = e.getCommandLine();
    if (command == top
        && e instanceof UnmatchedArgumentException
        && given.length > 0
        && !given[0].startsWith("-")) {
      err.println(
          "rung: unknown command '"
              + ConsoleText.of(given[0])
              + "'; use one of "
              + String.join(", ", visibleCommands(top))
              + " ('rung --help' explains them)");
      return INVALID;
    }
    String name = command.getCommandSpec().qualifiedName();
    err.println(name + ": " + ConsoleText.lines(e.getMessage()));
    err.print("usage: " + command.getHelp().synopsis(0));
    err.println("('" + name + " --help' explains every argument)");
    return INVALID;
  }

  private static List<String> visibleCommands(CommandLine top) {
    return top.getSubcommands().entrySet().stream()
        .filter(c -> !c.getValue().getCommandSpec().usageMessage().hidden())
        .filter(c -> !c.getKey().equals("help"))
        .map(Map.Entry::getKey)
        .toList();
  }

  /** The exit code of a command that threw {@code e}: bad input, or an unexpected error. */
  static int exitCode(Throwable e) {
    return e instanceof InvalidConfigException
            || e instanceof BackendUnavailableException
            || e instanceof InvalidOutputException
            || e instanceof ExportRefusedException
            || e instanceof BadArgumentException
        ? INVALID
        : ERROR;
  }

  /** The exit code of a command that threw {@code e}, after saying what went wrong. */
  private static int failed(Exception e, PrintStream err) {
    if (exitCode(e) == INVALID) {
      err.println("rung: " + ConsoleText.lines(e.getMessage()));
      return INVALID;
    }
    if (e instanceof TablesChangedException) {
      // Nothing to debug: the message says what happened and what to do.
      err.println("rung: " + ConsoleText.lines(e.getMessage()));
      return ERROR;
    }
    err.println("rung: " + ConsoleText.lines(e));
    StringWriter trace = new StringWriter();
    e.printStackTrace(new PrintWriter(trace));
    err.print(ConsoleText.lines(trace));
    return ERROR;
  }

  private static int simulate(List<String> args, PrintStream out, PrintStream err)
      throws Exception {
    SchedulerSimulation.main(args.toArray(new String[0]));
    return 0;
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
}
