package dev.rung.job.cli;

import dev.rung.job.ConsoleText;
import dev.rung.job.config.SweepConfig;
import dev.rung.job.config.SweepConfigLoader;
import dev.rung.job.driver.AsyncSink;
import dev.rung.job.driver.Progress;
import dev.rung.job.driver.ResumeLoader;
import dev.rung.job.driver.RungLevels;
import dev.rung.job.driver.StudyFactory;
import dev.rung.job.driver.SweepDriver;
import dev.rung.job.driver.SweepPolicy;
import dev.rung.job.driver.SweepSink;
import dev.rung.job.driver.TableSink;
import dev.rung.job.exec.SparkDispatcher;
import dev.rung.job.exec.SweepRunner;
import dev.rung.job.exec.TrainerSegmentRunner;
import dev.rung.job.exec.TrainingSegmentRunner;
import dev.rung.job.tables.OutputLock;
import dev.rung.job.tables.OutputLockedException;
import dev.rung.job.tables.ParamSchema;
import dev.rung.job.tables.Provenance;
import dev.rung.job.tables.Tables;
import dev.rung.study.FrozenTrial;
import dev.rung.study.InMemoryStorage;
import dev.rung.study.Study;
import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;

/** {@code rung sweep CONF [key=value ...]}: runs (or resumes) a sweep to the end of its budget. */
final class SweepCommand {
  private SweepCommand() {}

  static int run(List<String> args, PrintStream out, PrintStream err) throws Exception {
    if (args.isEmpty()) {
      err.println("usage: rung sweep CONF [key=value ...]");
      return Main.INVALID;
    }
    SweepConfig c = SweepConfigLoader.load(new File(args.get(0)), args.subList(1, args.size()));
    Preflight.check(c);
    Configuration hadoop = new Configuration();
    Path output = new Path(c.output());
    FileSystem fs = output.getFileSystem(hadoop);
    String owner = ManagementFactory.getRuntimeMXBean().getName() + "/" + c.studyName();
    OutputLock lock;
    try {
      lock = OutputLock.acquire(fs, output, owner, Duration.ofMinutes(2));
    } catch (OutputLockedException e) {
      err.println("rung: " + ConsoleText.lines(e.getMessage()));
      return Main.LOCKED;
    }
    try (lock) {
      return sweep(c, fs, output, out, err);
    }
  }

  private static int sweep(
      SweepConfig c, FileSystem fs, Path output, PrintStream out, PrintStream err)
      throws Exception {
    boolean ownSession = SparkSession.getDefaultSession().isEmpty();
    SparkSession spark = session(c);
    JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
    try {
      saveDefinition(fs, output, c);
      ParamSchema params = ParamSchema.fromSearchSpace(c.space().allNames());
      Tables tables = Tables.openForWriting(fs, output, params);
      List<FrozenTrial> earlier =
          ResumeLoader.trials(
              Tables.readTrials(fs, output, params),
              Tables.readIntermediateValues(fs, output),
              c.space().allNames());
      InMemoryStorage storage = new InMemoryStorage();
      storage.createStudy(c.studyName(), c.directions());
      for (FrozenTrial t : earlier) {
        storage.createTrial(c.studyName(), t);
      }
      if (!earlier.isEmpty()) {
        out.printf(
            "[rung] resuming study %s: %d trials recorded in %s%n",
            ConsoleText.of(c.studyName()), earlier.size(), ConsoleText.of(output));
      }
      Study study = StudyFactory.create(c, storage);
      SweepPolicy policy = SweepPolicy.of(c, study.pruner());
      int slots = Slots.of(c, jsc);
      out.printf(
          "[rung] study %s: %s sampler, %s pruner, %d slot(s), output %s%n",
          ConsoleText.of(c.studyName()),
          c.sampler().type(),
          c.pruner().type(),
          slots,
          ConsoleText.of(output));
      SweepRunner runner =
          c.model().hasTrainer() ? TrainerSegmentRunner.of(c) : TrainingSegmentRunner.of(c);
      Provenance provenance =
          new Provenance(
              c.hash(),
              Versions.code(),
              runner.backend(),
              System.getProperty("java.version"),
              spark.version());
      SweepSink sink =
          new AsyncSink(
              new TableSink(
                  tables, c.studyName(), provenance, new RungLevels(policy.scheduler()), 2000));
      List<FrozenTrial> trials;
      try (SparkDispatcher dispatcher =
              new SparkDispatcher(jsc, runner, slots, slots >= Slots.available(jsc));
          sink) {
        SweepDriver driver =
            new SweepDriver(
                study,
                c.space(),
                policy,
                dispatcher,
                sink,
                new Progress(out, 10_000),
                c.output(),
                c.sampler().seed());
        trials = driver.run();
        out.printf(
            java.util.Locale.ROOT,
            "[rung] driver: median %.2f ms from a result to the"
                + " next segment submitted (%d results), %d promotion(s)%n",
            driver.stats().medianDispatchMillis(),
            driver.stats().dispatchLatencyNanos().size(),
            driver.stats().promotions());
      }
      return Summary.report(c, study, trials, runner, jsc, fs, output, out);
    } finally {
      if (ownSession) {
        spark.stop();
      }
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
    return SparkSession.builder().config(conf).getOrCreate();
  }

  private static void saveDefinition(FileSystem fs, Path output, SweepConfig c) throws IOException {
    fs.mkdirs(output);
    Path tmp = new Path(output, ".sweep.conf.tmp");
    try (FSDataOutputStream s = fs.create(tmp, true)) {
      s.write(
          ("# The resolved sweep definition of the latest run (config hash "
                  + c.hash()
                  + ")\nrung "
                  + c.rendered()
                  + "\n")
              .getBytes(StandardCharsets.UTF_8));
    }
    Path target = new Path(output, "sweep.conf");
    fs.delete(target, false);
    fs.rename(tmp, target);
  }
}
