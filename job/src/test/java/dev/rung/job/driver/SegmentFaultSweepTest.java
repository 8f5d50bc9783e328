package dev.rung.job.driver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rung.job.SparkTestBase;
import dev.rung.job.config.SweepConfig;
import dev.rung.job.config.SweepConfigLoader;
import dev.rung.job.exec.ExecutorOutcome;
import dev.rung.job.exec.LocalDispatcher;
import dev.rung.job.exec.LocalMaster;
import dev.rung.job.exec.SegmentResult;
import dev.rung.job.exec.SegmentRunner;
import dev.rung.job.exec.SegmentTask;
import dev.rung.job.exec.SparkDispatcher;
import dev.rung.job.exec.TaskPlacement;
import dev.rung.job.exec.TrainingSegmentRunner;
import dev.rung.job.exec.WorkDispatcher;
import dev.rung.job.tables.ParamSchema;
import dev.rung.job.tables.Provenance;
import dev.rung.job.tables.SqlQuery;
import dev.rung.job.tables.Tables;
import dev.rung.study.FrozenTrial;
import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Faults inside segments of real sweeps (local Spark, DL4J training on the UCI digits, the tables
 * read back with Spark SQL): a trial that hangs inside an epoch, a checkpoint damaged between two
 * rungs. The faults are injected by a runner wrapped around the real one.
 */
@Tag("slow")
class SegmentFaultSweepTest extends SparkTestBase {
  private static final String CONF = new File("../conf/digits.conf").getAbsolutePath();

  /** What the wrapper did, per sweep (tasks run in this JVM under local Spark). */
  private static final Map<String, Set<Integer>> DAMAGED = new ConcurrentHashMap<>();

  /**
   * The real runner, with a fault: "hang" makes trial 1 hang (interruptibly) before training; a
   * damage ("truncated", "missing", "garbage") is done to the input checkpoint of the first
   * promoted segment before it runs.
   */
  private record FaultyRunner(SegmentRunner real, String fault, String key)
      implements SegmentRunner {
    @Override
    public SegmentResult run(SegmentTask task, TaskPlacement placement) {
      if (fault.equals("hang") && task.trial() == 1) {
        try {
          Thread.sleep(600_000);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new IllegalStateException("interrupted while hanging", e);
        }
      }
      if (fault.equals("partial") && task.trial() == 1) {
        Set<Integer> tried = DAMAGED.computeIfAbsent(key, k -> ConcurrentHashMap.newKeySet());
        if (tried.add(1)) {
          // The first try trains its epochs, then is reported stopped at the time limit.
          SegmentResult r = real.run(task, placement);
          return new SegmentResult(
              r.segmentId(),
              r.trial(),
              ExecutorOutcome.TIMEOUT,
              "stopped at the time limit after its epochs",
              r.epochs(),
              r.executorId(),
              r.host(),
              r.gpu(),
              r.attempt(),
              r.startMillis(),
              r.endMillis(),
              r.objectives());
        }
        return real.run(task, placement);
      }
      if (!fault.equals("hang") && task.inputCheckpoint() != null) {
        Set<Integer> damaged = DAMAGED.computeIfAbsent(key, k -> ConcurrentHashMap.newKeySet());
        synchronized (damaged) {
          if (damaged.isEmpty()) {
            damaged.add(task.trial());
            damage(Path.of(task.inputCheckpoint()), fault);
          }
        }
      }
      return real.run(task, placement);
    }
  }

  private static void damage(Path checkpoint, String how) {
    try {
      switch (how) {
        case "missing" -> Files.delete(checkpoint);
        case "truncated" -> {
          byte[] b = Files.readAllBytes(checkpoint);
          Files.write(checkpoint, Arrays.copyOf(b, b.length / 3));
        }
        case "garbage" -> {
          byte[] b = new byte[4096];
          new java.util.Random(42).nextBytes(b);
          Files.write(checkpoint, b);
        }
        default -> throw new IllegalArgumentException(how);
      }
      // Hadoop's local file system would also check the file against its .crc sidecar.
      Files.deleteIfExists(checkpoint.resolveSibling("." + checkpoint.getFileName() + ".crc"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Runs a sweep as the sweep command does, with the faulty runner, its segments as Spark jobs or
   * on the driver's threads ({@code local}); returns the output.
   */
  private static Path sweep(Path dir, boolean local, String fault, String... overrides)
      throws Exception {
    Path output = dir.resolve("out");
    List<String> all = new ArrayList<>(List.of("output=" + output, "study.name=" + fault));
    all.addAll(List.of(overrides));
    SweepConfig c = SweepConfigLoader.load(new File(CONF), all);
    JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark().sparkContext());
    FileSystem fs = FileSystem.getLocal(new Configuration());
    org.apache.hadoop.fs.Path out = new org.apache.hadoop.fs.Path(output.toString());
    ParamSchema params = ParamSchema.fromSearchSpace(c.space().allNames());
    Tables tables = Tables.openForWriting(fs, out, params);
    SweepParts parts = SweepParts.of(c, List.of());
    SegmentRunner runner = new FaultyRunner(TrainingSegmentRunner.of(c), fault, output.toString());
    try (WorkDispatcher dispatcher =
            local
                ? new LocalDispatcher(runner, 2, true, LocalMaster.of(jsc.getConf()).orElseThrow())
                : new SparkDispatcher(jsc, runner, 2);
        SweepSink sink = parts.sink(tables, Provenance.UNKNOWN)) {
      List<FrozenTrial> trials =
          parts
              .driver(
                  dispatcher,
                  sink,
                  new Progress(new PrintStream(java.io.OutputStream.nullOutputStream()), 10_000))
              .run();
      assertNotNull(trials);
    }
    return output;
  }

  private static List<Row> sql(Path output, String query) {
    return SqlQuery.run(spark(), output.toString(), query).collectAsList();
  }

  /**
   * Trial 1 hangs inside its segment, every time it is tried: each try is stopped at the time limit
   * and recorded as a timeout, the trial ends FAIL after its retry, and the other trials, including
   * those sent in the same batch, complete.
   */
  @ParameterizedTest(name = "on the driver''s threads: {0}")
  @ValueSource(booleans = {false, true})
  void aHungTrialIsStoppedAtTheTimeLimitAndTheOthersComplete(boolean local, @TempDir Path dir)
      throws Exception {
    Path output =
        sweep(
            dir,
            local,
            "hang",
            "budget.trials=4",
            "training.epochs=1",
            "pruner.type=none",
            "execution.retries=1",
            "execution.segment-timeout=6s",
            "space.mlp_layers={type=int, low=1, high=1}");
    Map<Integer, Row> trials = new HashMap<>();
    for (Row r : sql(output, "SELECT number, state, fail_reason FROM trials")) {
      trials.put(r.getInt(0), r);
    }
    assertEquals(Set.of(0, 1, 2, 3), trials.keySet());
    String reason = trials.get(1).getString(2);
    assertEquals("FAIL", trials.get(1).getString(1), reason);
    assertTrue(reason.startsWith("timeout: segment time limit of 6000 ms passed"), reason);
    assertTrue(reason.contains("after 1 retry"), reason);
    for (int t : List.of(0, 2, 3)) {
      assertEquals("COMPLETE", trials.get(t).getString(1), "trial " + t);
    }
    List<Row> hung =
        sql(output, "SELECT outcome, reason FROM segments WHERE trial = 1 ORDER BY segment_id");
    assertEquals(2, hung.size(), "one try and one retry");
    for (Row r : hung) {
      assertEquals("timeout", r.getString(0).toLowerCase(java.util.Locale.ROOT));
      assertTrue(r.getString(1).contains("interrupted and stopped"), r.getString(1));
    }
    List<Row> first = sql(output, "SELECT COUNT(*) FROM segments WHERE trial IN (0, 2)");
    assertEquals(2L, first.get(0).getLong(0), "trials 0 and 2, sent with trial 1, ran once");
  }

  /**
   * The first try of trial 1 trains its two epochs and then times out; its retry trains them again
   * from the same start. Every epoch of every trial is recorded once, trial 1's from the retry that
   * counts, and the timed-out try stays in the segments table.
   */
  @ParameterizedTest(name = "on the driver''s threads: {0}")
  @ValueSource(booleans = {false, true})
  void aRetriedTrysEpochsAreNotRecordedTwice(boolean local, @TempDir Path dir) throws Exception {
    Path output =
        sweep(
            dir,
            local,
            "partial",
            "budget.trials=3",
            "training.epochs=2",
            "pruner.type=none",
            "sampler.type=random",
            "execution.retries=1",
            "space.mlp_layers={type=int, low=1, high=1}");
    assertEquals(
        List.of(),
        sql(
            output,
            "SELECT trial, step, COUNT(*) FROM intermediate_values GROUP BY trial, step"
                + " HAVING COUNT(*) > 1"),
        "epochs recorded twice");
    Row one = sql(output, "SELECT state, epochs_trained FROM trials WHERE number = 1").get(0);
    assertEquals("COMPLETE", one.getString(0));
    assertEquals(2, ((Number) one.get(1)).intValue());
    List<Row> tries =
        sql(output, "SELECT outcome FROM segments WHERE trial = 1 ORDER BY segment_id");
    assertEquals(2, tries.size(), "one try and one retry");
    assertEquals("timeout", tries.get(0).getString(0).toLowerCase(java.util.Locale.ROOT));
    List<Row> values =
        sql(
            output,
            "SELECT v.segment_id FROM intermediate_values v WHERE v.trial = 1 ORDER BY v.step");
    assertEquals(2, values.size());
    for (Row v : values) {
      assertTrue(v.getString(0).endsWith("-r1"), "from the retry: " + v.getString(0));
    }
  }

  /**
   * The input checkpoint of the first promoted trial is damaged just before its segment runs: that
   * trial ends FAIL with the checkpoint's location in its reason after its one retry; every other
   * trial ends COMPLETE or PRUNED, and the promoted ones continued from their checkpoints.
   */
  @ParameterizedTest(name = "{0} checkpoint, on the driver''s threads: {1}")
  @CsvSource({
    "truncated, false",
    "missing, false",
    "garbage, false",
    "truncated, true",
    "missing, true",
    "garbage, true"
  })
  void aBadCheckpointFailsItsTrialAlone(String damage, boolean local, @TempDir Path dir)
      throws Exception {
    Path output =
        sweep(
            dir,
            local,
            damage,
            "budget.trials=6",
            "training.epochs=3",
            "pruner={type=asha, min-resource=1, reduction-factor=3}",
            "sampler.type=random",
            "execution.retries=1",
            "space.mlp_layers={type=int, low=1, high=1}");
    Set<Integer> damaged = DAMAGED.get(output.toString());
    assertNotNull(damaged, "no trial was promoted");
    int bad = damaged.iterator().next();
    String checkpoint = String.format("trial-%05d/epoch-0001", bad);
    int continued = 0;
    for (Row r : sql(output, "SELECT number, state, fail_reason FROM trials ORDER BY number")) {
      String state = r.getString(1);
      if (r.getInt(0) == bad) {
        String reason = r.getString(2);
        assertEquals("FAIL", state, reason);
        assertTrue(reason.contains("checkpoint ") && reason.contains(checkpoint), reason);
        assertTrue(reason.contains("after 1 retry"), reason);
        assertTrue(
            reason.contains(damage.equals("missing") ? "cannot be opened" : "corrupt")
                || reason.contains("truncated"),
            reason);
      } else {
        assertTrue(state.equals("COMPLETE") || state.equals("PRUNED"), r.toString());
        continued += state.equals("COMPLETE") ? 1 : 0;
      }
    }
    assertEquals(6, sql(output, "SELECT number FROM trials").size());
    assertTrue(continued >= 1, "another promoted trial completed from its checkpoint");
    assertEquals(
        2L,
        sql(
                output,
                "SELECT COUNT(*) FROM segments WHERE trial = "
                    + bad
                    + " AND input_checkpoint IS NOT NULL")
            .get(0)
            .getLong(0),
        "the damaged checkpoint was read by one try and one retry, no more");
  }
}
