package dev.rung.job.cli;

import com.typesafe.config.ConfigUtil;
import dev.rung.job.ConsoleText;
import dev.rung.job.config.Settings;
import dev.rung.job.config.SweepConfig;
import dev.rung.job.config.SweepConfigLoader;
import dev.rung.job.driver.OutputCheck;
import dev.rung.job.driver.Progress;
import dev.rung.job.driver.SweepDriver;
import dev.rung.job.driver.SweepParts;
import dev.rung.job.driver.SweepSink;
import dev.rung.job.driver.WarmStartSource;
import dev.rung.job.exec.LocalDispatcher;
import dev.rung.job.exec.LocalMaster;
import dev.rung.job.exec.SegmentRunner;
import dev.rung.job.exec.SparkDispatcher;
import dev.rung.job.exec.SweepRunner;
import dev.rung.job.exec.TrainingSegmentRunner;
import dev.rung.job.exec.WorkDispatcher;
import dev.rung.job.report.LiveReport;
import dev.rung.job.report.ReportImportances;
import dev.rung.job.tables.CatalogRegistration;
import dev.rung.job.tables.DeltaTableLog;
import dev.rung.job.tables.LockLostException;
import dev.rung.job.tables.OutputLayout;
import dev.rung.job.tables.OutputLock;
import dev.rung.job.tables.OutputLockedException;
import dev.rung.job.tables.ParamSchema;
import dev.rung.job.tables.Provenance;
import dev.rung.job.tables.TableLog;
import dev.rung.job.tables.Tables;
import dev.rung.study.FrozenTrial;
import dev.rung.study.Study;
import dev.rung.study.TrialState;
import dev.rung.training.data.DataFiles;
import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.IntSupplier;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;

/** {@code rung sweep CONF [key=value ...]}: runs (or resumes) a sweep to the end of its budget. */
final class SweepCommand {
  /** How often the report under the output is rewritten while the sweep runs. */
  static final long REPORT_EVERY_MS = 10_000;

  private SweepCommand() {}

  static int run(List<String> args, PrintStream out, PrintStream err) throws Exception {
    if (args.isEmpty()) {
      err.println("usage: rung sweep CONF [key=value ...]");
      return Main.INVALID;
    }
    SweepConfig c = SweepConfigLoader.load(new File(args.get(0)), args.subList(1, args.size()));
    // The output must be writable before its lock is taken there (the data is read after).
    Preflight.checkOutput(c);
    Configuration hadoop = new Configuration();
    // Resolved once, here: every executor then reads and writes the same locations (a relative
    // path would name a different place in each executor's working directory).
    c = c.withLocations(location -> qualified(location, hadoop));
    // The run: its id settled once (the default is the date it starts on), and its directory
    // under the output root (the root itself for an output of the earlier layout).
    c = c.withRunId(RunLog.runId(c, Instant.now()));
    Path root = new Path(c.output());
    FileSystem fs = root.getFileSystem(hadoop);
    if (OutputLayout.isRunDirectory(root)) {
      err.println(
          "rung: "
              + Settings.OUTPUT.key()
              + ": '"
              + ConsoleText.of(c.output())
              + "' is the directory of one run under an output root: give the root ('"
              + ConsoleText.of(OutputLayout.root(root).toString())
              + "'), with "
              + Settings.STUDY_NAME.key()
              + " and "
              + Settings.RUN_ID.key()
              + " naming the run");
      return Main.INVALID;
    }
    Path output;
    try {
      output = OutputLayout.runDirectory(fs, root, c.studyName(), c.execution().runId());
    } catch (IOException e) {
      err.println(
          "rung: "
              + Settings.OUTPUT.key()
              + ": '"
              + ConsoleText.of(c.output())
              + "' cannot be read: "
              + ConsoleText.of(String.valueOf(e.getMessage())));
      return Main.INVALID;
    }
    if (!c.execution().catalog().isEmpty() && output.equals(root)) {
      err.println(
          "rung: "
              + Settings.TABLES_CATALOG.key()
              + ": '"
              + ConsoleText.of(c.output())
              + "' is an output written before outputs held runs (one study, its tables directly"
              + " under it), whose tables cannot be registered by study and run: give the sweep"
              + " a new output root, or leave "
              + Settings.TABLES_CATALOG.key()
              + " empty");
      return Main.INVALID;
    }
    String formatProblem;
    try {
      formatProblem =
          output.equals(root) && c.execution().deltaTables()
              ? "'delta', but '"
                  + c.output()
                  + "' is an output written before outputs held runs, whose tables are not"
                  + " partitioned by study and run: give the sweep a new output root"
              : DeltaSession.rootProblem(fs, root, c.execution().deltaTables());
    } catch (IOException e) {
      formatProblem = "the output root cannot be read: " + e.getMessage();
    }
    if (formatProblem != null) {
      err.println("rung: " + Settings.TABLES_FORMAT.key() + ": " + ConsoleText.of(formatProblem));
      return Main.INVALID;
    }
    c = c.withOutput(output.toString());
    String owner = ManagementFactory.getRuntimeMXBean().getName() + "/" + c.studyName();
    OutputLock lock;
    try {
      lock = OutputLock.acquire(fs, output, owner, c.execution().lockTimeout());
    } catch (OutputLockedException e) {
      err.println("rung: " + ConsoleText.lines(e.getMessage()));
      return Main.LOCKED;
    } catch (IOException e) {
      err.println(
          "rung: "
              + Settings.OUTPUT.key()
              + ": '"
              + c.output()
              + "' cannot be written: "
              + e.getMessage());
      return Main.INVALID;
    }
    boolean ownSession = SparkSession.getDefaultSession().isEmpty();
    try (lock) {
      return execute(c, fs, output, lock, ownSession, out, err);
    } catch (LockLostException e) {
      err.println(
          "rung: "
              + e.getMessage()
              + ". This driver stopped and wrote nothing more; the driver that holds the lock now"
              + " continues the study.");
      return Main.LOCKED;
    } catch (OutputWriteException e) {
      err.println("rung: " + e.getMessage());
      return Main.OUTPUT_FAILED;
    }
  }

  /** The sweep on the output whose lock this driver holds; returns the exit code. */
  private static int execute(
      SweepConfig c,
      FileSystem fs,
      Path output,
      OutputLock lock,
      boolean ownSession,
      PrintStream out,
      PrintStream err)
      throws Exception {
    try {
      SweepConfig definition = c;
      // A catalog table is looked up on the driver, through the session the sweep then uses.
      c = CatalogTables.resolve(c, () -> session(definition));
      Preflight.check(c);
      OutputCheck.Earlier earlier = OutputCheck.inspect(fs, output, c);
      if (finishedEarlier(c, fs, output, earlier, out)) {
        return earlier.trials().stream().anyMatch(t -> t.state() == TrialState.COMPLETE)
            ? 0
            : Main.NO_RESULT;
      }
      WarmStartSource warmStart = WarmStartSource.read(c, fs);
      if (!c.execution().catalog().isEmpty()) {
        // The catalog's session, started now: a catalog it cannot have refuses the run here.
        session(c);
      }
      TableLog.Factory logs = TableLog.Factory.NONE;
      if (c.execution().deltaTables()) {
        SparkSession spark = session(c);
        DeltaSession.check(spark);
        logs = DeltaTableLog.factory(spark, output);
      }
      // From here on the execution works on the study: it is a row of the runs table, whatever
      // its end. (Refused before this point, it leaves the output as it was.)
      RunLog runs;
      try {
        runs = RunLog.begin(fs, output, c, lock::verify, logs, Instant.now(), out);
      } catch (IOException e) {
        throw new OutputWriteException(output, new UncheckedIOException(e));
      }
      int exit = Main.ERROR;
      String failure = null;
      try {
        exit = sweep(c, fs, output, lock, earlier, warmStart, logs, out, err);
        return exit;
      } catch (OutputWriteException e) {
        exit = Main.OUTPUT_FAILED;
        failure = e.getMessage();
        throw e;
      } catch (LockLostException e) {
        exit = Main.LOCKED;
        throw e;
      } catch (Exception | Error e) {
        exit = Main.exitCode(e);
        failure = String.valueOf(e.getMessage());
        throw e;
      } finally {
        // Not after the lock was lost: the output is another driver's now, which records this
        // run as interrupted when it starts.
        if (exit != Main.LOCKED) {
          try {
            runs.end(exit, failure, Instant.now());
          } catch (IOException | RuntimeException e) {
            out.println(
                "[rung] run "
                    + ConsoleText.of(runs.runId())
                    + " could not be recorded in the runs table: "
                    + ConsoleText.of(String.valueOf(e.getMessage())));
          }
          // Again at the end: the run's row of the runs table is a partition of its own.
          if (SparkSession.getDefaultSession().isDefined()) {
            registerTables(SparkSession.getDefaultSession().get(), c, out);
          }
        }
      }
    } finally {
      // The session started for the table, when the sweep itself did not stop it.
      if (ownSession && SparkSession.getDefaultSession().isDefined()) {
        SparkSession.getDefaultSession().get().stop();
      }
    }
  }

  /** {@code location} as an absolute URI; resources on the class path stay as they are. */
  static String qualified(String location, Configuration hadoop) {
    if (location.startsWith(DataFiles.CLASSPATH)) {
      return location;
    }
    try {
      Path p = new Path(location);
      return p.getFileSystem(hadoop).makeQualified(p).toString();
    } catch (IOException | IllegalArgumentException e) {
      return location; // checked, with a clear message, where it is used
    }
  }

  /**
   * Whether the study ran to the end of a budget no smaller than this one's earlier, with nothing
   * left to continue: then there is nothing to do, and this says so.
   */
  private static boolean finishedEarlier(
      SweepConfig c, FileSystem fs, Path output, OutputCheck.Earlier earlier, PrintStream out) {
    if (earlier.isEmpty() || OutputCheck.anyRunning(earlier.trials())) {
      return false;
    }
    Optional<FinishedMark> mark = FinishedMark.read(fs, output);
    if (mark.isEmpty() || mark.get().trials() != earlier.trials().size() || !mark.get().covers(c)) {
      return false;
    }
    Map<TrialState, Long> counts = new EnumMap<>(TrialState.class);
    earlier.trials().forEach(t -> counts.merge(t.state(), 1L, Long::sum));
    out.printf(
        Locale.ROOT,
        "[rung] study %s finished earlier: %d trials (%d complete, %d pruned, %d failed), %d"
            + " epochs. Nothing to do: raise %s, %s or %s to continue it. Summary: %s%n",
        ConsoleText.of(c.studyName()),
        earlier.trials().size(),
        counts.getOrDefault(TrialState.COMPLETE, 0L),
        counts.getOrDefault(TrialState.PRUNED, 0L),
        counts.getOrDefault(TrialState.FAIL, 0L),
        earlier.epochs(),
        Settings.BUDGET_TRIALS.key(),
        Settings.BUDGET_EPOCHS.key(),
        Settings.BUDGET_TIME.key(),
        new Path(output, "summary.json"));
    return true;
  }

  private static int sweep(
      SweepConfig c,
      FileSystem fs,
      Path output,
      OutputLock lock,
      OutputCheck.Earlier earlier,
      WarmStartSource warmStart,
      TableLog.Factory logs,
      PrintStream out,
      PrintStream err)
      throws Exception {
    boolean ownSession = SparkSession.getDefaultSession().isEmpty();
    SparkSession spark = session(c);
    JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
    try {
      int slots = Slots.of(c, jsc);
      SharedOutput.check(jsc, fs, output, slots);
      lock.verify();
      OutputCheck.identity(c).writeOnce(fs, output, lock::verify);
      FinishedMark.clear(fs, output);
      saveDefinition(fs, output, c, lock);
      ParamSchema params = ParamSchema.fromSearchSpace(c.space().allNames());
      Tables tables = Tables.openForWriting(fs, output, params, lock::verify, logs);
      if (!earlier.interrupted().isEmpty()) {
        tables.segments().append(earlier.interrupted());
      }
      SweepParts parts = SweepParts.of(c, earlier.trials(), warmStart);
      if (!earlier.isEmpty()) {
        out.printf(
            Locale.ROOT,
            "[rung] resuming study %s: %d trials and %d epochs recorded in %s, %.0f s spent%n",
            ConsoleText.of(c.studyName()),
            earlier.trials().size(),
            earlier.epochs(),
            ConsoleText.of(output),
            earlier.millis() / 1000.0);
      }
      Study study = parts.study();
      out.printf(
          "[rung] study %s: %s sampler, %s pruner, %d slot(s), output %s%n",
          ConsoleText.of(c.studyName()),
          c.sampler().type(),
          c.pruner().type(),
          slots,
          ConsoleText.of(output));
      if (warmStart.enabled()) {
        out.println("[rung] " + ConsoleText.of(warmStart.summary()));
      }
      registerTables(spark, c, out);
      if (spark.sparkContext().uiWebUrl().isDefined()) {
        out.println("[rung] Spark UI: " + spark.sparkContext().uiWebUrl().get());
      }
      SweepRunner runner = SweepParts.runner(c);
      Provenance provenance =
          new Provenance(
              c.hash(),
              Versions.code(),
              runner.backend(),
              System.getProperty("java.version"),
              spark.version());
      SweepSink sink = parts.sink(tables, provenance);
      List<FrozenTrial> trials;
      SweepDriver driver;
      LiveReport report =
          new LiveReport(fs, output, ReportImportances.FOR_REPORT, lock::verify)
              .every(REPORT_EVERY_MS);
      try (report;
          WorkDispatcher dispatcher =
              c.executorsPerTrial() > 1
                  ? acrossExecutors(jsc, runner, c, slots, out)
                  : c.execution().parallelism() > 0
                      ? dispatcher(jsc, runner, slots)
                      : followingExecutors(jsc, runner, slots, out);
          sink) {
        driver =
            parts
                .driver(dispatcher, sink, Progress.console(out))
                .continuing(earlier.epochs(), earlier.millis())
                .guardedBy(lock::verify, lock.fence());
        try (StopSignals signals = StopSignals.install(driver::requestStop, out)) {
          trials = driver.run();
        }
        if (!driver.stats().dispatchLatencyNanos().isEmpty()) {
          // Only when a result was followed by a submission: a sweep whose segments all went out
          // at the start has no such latency to show.
          out.printf(
              Locale.ROOT,
              "[rung] driver: median %.2f ms from a result to the"
                  + " next segment submitted (%d results), %d promotion(s)%n",
              driver.stats().medianDispatchMillis(),
              driver.stats().dispatchLatencyNanos().size(),
              driver.stats().promotions());
        }
      } catch (UncheckedIOException e) {
        throw new OutputWriteException(output, e);
      }
      long epochs = trials.stream().mapToLong(t -> t.lastStep().orElse(0)).sum();
      if (driver.stoppedBy() != null) {
        out.printf(
            Locale.ROOT,
            "[rung] stopped (%s): %d trials and %d epochs are recorded in %s; %d segment(s) in"
                + " flight were stopped and their epochs since the last rung will be trained"
                + " again. Run the same command again to continue (after midnight UTC with"
                + " %s=%s, or with the sweep.conf saved there).%n",
            driver.stoppedBy(),
            trials.size(),
            epochs,
            output,
            driver.stats().stoppedSegments(),
            Settings.RUN_ID.path(),
            ConsoleText.of(c.execution().runId()));
        finishReport(report, out);
        return Main.INTERRUPTED;
      }
      if (driver.stats().stoppedSegments() > 0) {
        out.printf(
            Locale.ROOT,
            "[rung] time budget of %s spent: %d segment(s) in flight were stopped; their trials"
                + " end at the last epoch recorded%n",
            c.budget().time(),
            driver.stats().stoppedSegments());
      }
      lock.verify();
      int exit = Summary.report(c, study, trials, runner, jsc, fs, output, out);
      if (exit == 0 || exit == Main.NO_RESULT) {
        // (Not when the best trial could not be evaluated: a rerun tries again.)
        lock.verify();
        FinishedMark.of(c, trials.size()).write(fs, output);
      }
      finishReport(report, out);
      return exit;
    } finally {
      if (ownSession) {
        spark.stop();
      }
    }
  }

  /**
   * Where segments run when the sweep takes every task slot Spark has: on a cluster manager, as
   * many as Spark's executors have slots at each moment (executors that come later get segments,
   * those that go take their slots with them); on a local master, the fixed slots of this JVM.
   */
  static WorkDispatcher followingExecutors(
      JavaSparkContext jsc, SegmentRunner runner, int slots, PrintStream out) {
    if (LocalMaster.of(jsc.getConf()).isPresent()) {
      return dispatcher(jsc, runner, slots);
    }
    return new SparkDispatcher(jsc, runner, Slots.following(jsc, slots, out));
  }

  /**
   * Where segments run when each trial trains across {@code training.executors-per-trial} Spark
   * tasks: on the driver's threads, which submit each epoch's Spark jobs, {@code slots} trials at
   * once, or on a cluster without a set parallelism as many as Spark's task slots hold at each
   * moment. A segment whose Spark job failed is tried once more (Spark retried its tasks already).
   */
  static WorkDispatcher acrossExecutors(
      JavaSparkContext jsc, SweepRunner sweep, SweepConfig c, int slots, PrintStream out) {
    // The definition was checked: trials across executors run in this JVM (isolation = thread).
    if (!(sweep instanceof TrainingSegmentRunner training)) {
      throw new IllegalStateException(
          "trials across executors need the sweep's own runner, not " + sweep.getClass());
    }
    SegmentRunner runner = training.acrossExecutors(jsc);
    int perTrial = c.executorsPerTrial();
    out.printf(
        Locale.ROOT,
        "[rung] each trial trains across %d Spark tasks (DL4J Spark, parameter averaging every %d"
            + " mini-batches per task), %d trial(s) at once%n",
        perTrial,
        TrainingSegmentRunner.AVERAGING_FREQUENCY,
        slots);
    Optional<LocalMaster> local = LocalMaster.of(jsc.getConf());
    if (local.isPresent()) {
      return new LocalDispatcher(runner, () -> slots, local.get().maxFailures());
    }
    IntSupplier trials =
        c.execution().parallelism() > 0
            ? () -> slots
            : Slots.followingTrials(jsc, slots, perTrial, out);
    return new LocalDispatcher(runner, trials, 2);
  }

  /**
   * Where segments run: on the driver's own threads when Spark's master is local (the executor is
   * this JVM then, and a Spark job per segment only costs time), else each as a Spark job. Segments
   * queue behind the slots unless fewer slots than Spark's run them (see {@link
   * SparkDispatcher#capacity}).
   */
  static WorkDispatcher dispatcher(JavaSparkContext jsc, SegmentRunner runner, int slots) {
    boolean queue = slots >= Slots.available(jsc);
    return LocalMaster.of(jsc.getConf())
        .<WorkDispatcher>map(local -> new LocalDispatcher(runner, slots, queue, local))
        .orElseGet(() -> new SparkDispatcher(jsc, runner, slots, queue));
  }

  /**
   * Writes the report one last time and says where it is; a report that cannot be written is said,
   * and changes nothing else (the tables hold every result).
   */
  private static void finishReport(LiveReport report, PrintStream out) {
    try {
      out.println("[rung] report: " + ConsoleText.of(report.finish(false)));
    } catch (LockLostException e) {
      throw e;
    } catch (Exception | LinkageError e) {
      out.println(
          "[rung] the report could not be written to "
              + ConsoleText.of(report.target())
              + ": "
              + ConsoleText.of(String.valueOf(e.getMessage()))
              + " (bin/rung report OUTPUT writes it again)");
    }
  }

  private static SparkSession session(SweepConfig c) {
    SparkConf conf = new SparkConf();
    if (!conf.contains("spark.master")) {
      conf.setMaster(c.execution().master());
      conf.set("spark.ui.showConsoleProgress", "false");
    }
    conf.setAppName("rung " + c.studyName());
    // A trial that fails is the driver's to retry; a lost executor is Spark's.
    conf.setIfMissing("spark.task.maxFailures", "4");
    if (!c.execution().catalog().isEmpty()) {
      CatalogSession.configure(conf, new Path(c.output()));
    }
    if (c.execution().deltaTables()) {
      DeltaSession.configure(conf);
    }
    return SparkSession.builder().config(conf).getOrCreate();
  }

  /**
   * Registers the output root's tables in {@code rung.tables.catalog}, when set. A catalog that
   * cannot take them is said, and the sweep goes on: its tables are complete without it.
   */
  private static void registerTables(SparkSession spark, SweepConfig c, PrintStream out) {
    String database = c.execution().catalog();
    if (database.isEmpty()) {
      return;
    }
    Path root = OutputLayout.root(new Path(c.output()));
    try {
      List<Integer> partitions = CatalogRegistration.register(spark, root, database);
      out.printf(
          Locale.ROOT,
          "[rung] tables registered in %s catalog as %s.%s (%d runs)%n",
          spark.conf().get("spark.sql.catalogImplementation", "in-memory"),
          ConsoleText.of(database),
          "{" + String.join(",", CatalogRegistration.TABLES) + "}",
          partitions.get(0));
    } catch (IOException | RuntimeException e) {
      out.println(
          "[rung] the tables could not be registered in catalog database "
              + ConsoleText.of(database)
              + " ("
              + Settings.TABLES_CATALOG.key()
              + "): "
              + ConsoleText.of(String.valueOf(e.getMessage()).lines().findFirst().orElse(""))
              + "; they are complete under "
              + ConsoleText.of(root.toString()));
    }
  }

  private static void saveDefinition(FileSystem fs, Path output, SweepConfig c, OutputLock lock)
      throws IOException {
    fs.mkdirs(output);
    Path tmp = new Path(output, ".sweep.conf.tmp");
    try (FSDataOutputStream s = fs.create(tmp, true)) {
      s.write(
          ("# The resolved sweep definition of the latest run (config hash "
                  + c.hash()
                  + ")\nrung {\n"
                  + c.rendered()
                  // The run it was: rerun with this file, it continues this run on any day.
                  + "  run.id = "
                  + ConfigUtil.quoteString(c.execution().runId())
                  + "\n}\n")
              .getBytes(StandardCharsets.UTF_8));
    }
    Path target = new Path(output, "sweep.conf");
    lock.verify();
    fs.delete(target, false);
    fs.rename(tmp, target);
  }
}
