package dev.rung.job.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rung.job.RunDirs;
import dev.rung.job.config.SweepConfig;
import dev.rung.job.config.SweepConfigLoader;
import dev.rung.job.tables.IntermediateValueRow;
import dev.rung.job.tables.ParamSchema;
import dev.rung.job.tables.RunRow;
import dev.rung.job.tables.SegmentRow;
import dev.rung.job.tables.Tables;
import dev.rung.job.tables.TrialRow;
import dev.rung.study.TrialState;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;

/**
 * One sweep on a {@link LocalCluster}: the digits sweep of {@code conf/digits.conf} with overrides,
 * submitted through SparkSubmit with the shaded jar and one GPU per task; its tables read back with
 * the Java readers (no Spark in the test JVM).
 */
final class ClusterSweep {
  static final Path CONF = Path.of("..", "conf", "digits.conf").toAbsolutePath().normalize();

  /** The shaded job jar ({@code mvn -Pcluster package} builds it). */
  static Path jar() {
    Path jar =
        Path.of(
                "target",
                "rung-job-" + System.getProperty("rung.version", "0.1.0-SNAPSHOT") + "-cluster.jar")
            .toAbsolutePath();
    if (!Files.exists(jar)) {
      throw new IllegalStateException(
          jar + " is missing: build it with mvn -Pcluster -DskipTests package -pl job -am");
    }
    return jar;
  }

  final LocalCluster cluster;
  final Path output;
  final List<String> overrides;
  final List<String> sparkConf;
  final Path log;
  private int runs;

  ClusterSweep(LocalCluster cluster, Path dir, List<String> overrides, List<String> sparkConf) {
    this(cluster, dir, overrides, sparkConf, true);
  }

  /**
   * A sweep of the digits on {@code cluster}; with {@code gpus} its tasks take one of the workers'
   * fake GPUs each (two per executor), without it Spark schedules no GPU.
   */
  ClusterSweep(
      LocalCluster cluster,
      Path dir,
      List<String> overrides,
      List<String> sparkConf,
      boolean gpus) {
    this.cluster = cluster;
    this.output = dir.resolve("out");
    this.log = dir.resolve("driver.log");
    List<String> o = new ArrayList<>();
    o.add("output=" + output);
    o.add("run.id=" + RUN);
    o.addAll(overrides);
    this.overrides = List.copyOf(o);
    List<String> c = new ArrayList<>();
    if (gpus) {
      c.add("spark.executor.resource.gpu.amount=2");
      c.add("spark.task.resource.gpu.amount=1");
    }
    c.addAll(sparkConf);
    this.sparkConf = List.copyOf(c);
  }

  /** Starts the driver (spark-submit); its output is appended to {@link #log}. */
  Process start() throws IOException {
    runs++;
    Files.createDirectories(log.getParent());
    Files.writeString(
        log,
        "=== run " + runs + "\n",
        StandardCharsets.UTF_8,
        java.nio.file.StandardOpenOption.CREATE,
        java.nio.file.StandardOpenOption.APPEND);
    List<String> args = new ArrayList<>();
    args.add("sweep");
    args.add(CONF.toString());
    args.addAll(overrides);
    return cluster.submit(jar(), sparkConf, args, log);
  }

  /** Runs the driver to its end; returns its exit code. */
  int run(int timeoutSeconds) throws Exception {
    Process p = start();
    if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
      LocalCluster.kill(p.toHandle());
      throw new AssertionError("the sweep did not end within " + timeoutSeconds + " s\n" + log());
    }
    return p.exitValue();
  }

  String log() {
    try {
      String s = Files.readString(log);
      return s.length() > 20_000 ? s.substring(s.length() - 20_000) : s;
    } catch (IOException e) {
      return "(no driver log: " + e + ")";
    }
  }

  SweepConfig config() {
    return SweepConfigLoader.load(new File(CONF.toString()), overrides);
  }

  FileSystem fs() throws IOException {
    return FileSystem.getLocal(new Configuration());
  }

  /** The run id of the tests' sweeps: fixed, so that a rerun continues the run on any day. */
  static final String RUN = "it";

  /** The directory of the sweep's run under its output root ({@link #RUN}, or the test's id). */
  Path runDir() {
    SweepConfig c = config();
    return RunDirs.of(output, c.studyName(), c.execution().runId());
  }

  org.apache.hadoop.fs.Path hadoopOutput() {
    return new org.apache.hadoop.fs.Path(runDir().toUri());
  }

  List<TrialRow> trials() throws IOException {
    return Tables.readTrials(
        fs(), hadoopOutput(), ParamSchema.fromSearchSpace(config().space().allNames()));
  }

  List<SegmentRow> segments() throws IOException {
    return Tables.readSegments(fs(), hadoopOutput());
  }

  /** The runs table of the output: one row per execution of the sweep. */
  List<RunRow> runs() throws IOException {
    return Tables.readRuns(fs(), hadoopOutput());
  }

  List<IntermediateValueRow> intermediateValues() throws IOException {
    return Tables.readIntermediateValues(fs(), hadoopOutput());
  }

  /** Epoch rows recorded so far (0 before the tables exist). */
  int epochsRecorded() {
    try {
      return Files.exists(RunDirs.table(runDir(), "intermediate_values"))
          ? intermediateValues().size()
          : 0;
    } catch (IOException | RuntimeException e) {
      return 0;
    }
  }

  /**
   * The consistency every sweep's tables must have, whatever happened to it: each trial once; no
   * epoch recorded twice; a trial's epochs_trained equals its distinct recorded steps and they are
   * 1..n; every segment id once; a segment after epoch 0 continued from a checkpoint; a COMPLETE
   * trial trained all {@code epochs}.
   */
  void assertConsistent(int epochs) throws IOException {
    List<TrialRow> trials = trials();
    Set<Integer> numbers = new HashSet<>();
    for (TrialRow t : trials) {
      assertTrue(numbers.add(t.number()), "trial " + t.number() + " appears twice");
    }
    Map<Integer, List<Integer>> steps = new HashMap<>();
    for (IntermediateValueRow v : intermediateValues()) {
      steps.computeIfAbsent(v.trial(), k -> new ArrayList<>()).add(v.step());
    }
    for (Map.Entry<Integer, List<Integer>> e : steps.entrySet()) {
      assertEquals(
          e.getValue().size(),
          new HashSet<>(e.getValue()).size(),
          "trial " + e.getKey() + " has an epoch recorded twice: " + e.getValue());
      assertTrue(numbers.contains(e.getKey()), "epochs of an unknown trial " + e.getKey());
    }
    for (TrialRow t : trials) {
      Set<Integer> s = new TreeSet<>(steps.getOrDefault(t.number(), List.of()));
      assertEquals(
          t.epochsTrained(), s.size(), "trial " + t.number() + ": epochs_trained vs. steps " + s);
      int expected = 1;
      for (int step : s) {
        assertEquals(expected++, step, "trial " + t.number() + " has a gap in its steps " + s);
      }
      if (t.state() == TrialState.COMPLETE) {
        assertEquals(epochs, t.epochsTrained(), "complete trial " + t.number());
      }
    }
    Set<String> ids = new HashSet<>();
    for (SegmentRow s : segments()) {
      assertTrue(ids.add(s.segmentId()), "segment " + s.segmentId() + " recorded twice");
      assertEquals(
          s.epochFrom() > 0,
          s.inputCheckpoint() != null,
          "segment " + s.segmentId() + " continues a checkpoint exactly when it starts later");
    }
  }

  /** Asserts that the sweep has {@code n} trials, each COMPLETE or PRUNED; returns them. */
  List<TrialRow> assertSettled(int n) throws IOException {
    List<TrialRow> trials = trials();
    assertEquals(n, trials.size(), "every trial is there");
    for (TrialRow t : trials) {
      assertTrue(
          t.state() == TrialState.COMPLETE || t.state() == TrialState.PRUNED,
          "trial " + t.number() + " is " + t.state() + ": " + t.failReason());
    }
    return trials;
  }

  long count(TrialState state) throws IOException {
    return trials().stream().filter(t -> t.state() == state).count();
  }
}
