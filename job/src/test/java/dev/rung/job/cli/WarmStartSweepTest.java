package dev.rung.job.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rung.job.RunDirs;
import dev.rung.job.SparkTestBase;
import dev.rung.job.results.StoredStudy;
import dev.rung.job.tables.SqlQuery;
import dev.rung.job.tables.TrialRow;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Nightly sweeps under one output root: tiny digits sweeps on local Spark, each night a run of its
 * own that starts from the night before.
 */
class WarmStartSweepTest extends SparkTestBase {
  private static Sweeps.Run sweep(String... overrides) {
    spark();
    return Sweeps.digits(overrides);
  }

  @Test
  void threeNightsLeaveOneRootThatPlainSparkSqlReadsByStudyAndRun(@TempDir Path dir)
      throws Exception {
    Path root = dir.resolve("nightly");
    String[] night = {
      "output=" + root,
      "study.name=nightly",
      "budget.trials=4",
      "training.epochs=2",
      "warm-start.from=" + root,
      "tables.catalog=nightly_db"
    };
    // Night 1: its own root holds no earlier run, so it starts cold and says so.
    Sweeps.Run one = sweep(concat(night, "run.id=n1", "sampler.seed=1"));
    assertEquals(0, one.exit(), one.all());
    assertTrue(one.out().contains("this run starts cold"), one.out());
    FileSystem fs = FileSystem.getLocal(new Configuration());
    Path n1 = RunDirs.of(root, "nightly", "n1");
    StoredStudy earlier = StoredStudy.read(fs, new org.apache.hadoop.fs.Path(n1.toString()));
    TrialRow best = earlier.best().get(0);
    int complete = earlier.complete().size();

    // Night 2, the same definition with the next id: it starts from night 1.
    Sweeps.Run two = sweep(concat(night, "run.id=n2", "sampler.seed=2"));
    assertEquals(0, two.exit(), two.all());
    int learned =
        (int)
            earlier.trials().stream()
                .filter(
                    t -> t.state().name().equals("COMPLETE") || t.state().name().equals("PRUNED"))
                .count();
    // The run as the sweep resolved it: file:/...
    assertTrue(
        two.out()
            .contains(
                "[rung] warm start: "
                    + learned
                    + " earlier trials from file:"
                    + n1
                    + ", "
                    + Math.min(5, complete)
                    + " enqueued"),
        two.out());
    Path n2 = RunDirs.of(root, "nightly", "n2");
    StoredStudy night2 = StoredStudy.read(fs, new org.apache.hadoop.fs.Path(n2.toString()));
    TrialRow firstTrial =
        night2.trials().stream().min(Comparator.comparingInt(TrialRow::number)).orElseThrow();
    assertEquals(best.params(), firstTrial.params(), "the first trial is night 1's best");
    List<Row> rows =
        SqlQuery.run(
                spark(),
                n2.toString(),
                "SELECT number, user_attrs['warm_start'], user_attrs['warm_start_trial'],"
                    + " user_attrs['warm_start_from'], run FROM trials ORDER BY number")
            .collectAsList();
    assertEquals("enqueued", rows.get(0).getString(1));
    assertEquals(String.valueOf(best.number()), rows.get(0).getString(2));
    assertTrue(rows.get(0).getString(3).endsWith(n1.toString()), rows.get(0).getString(3));
    assertEquals("n2", rows.get(0).getString(4), "a run's own views carry its id");
    for (int i = Math.min(5, complete); i < rows.size(); i++) {
      assertEquals(null, rows.get(i).get(1), "trial " + i + " was sampled");
    }

    // Resumed from the definition it saved, with a larger budget: the same run continues, and the
    // configurations already trained are not enqueued again.
    Sweeps.Run resumed =
        Sweeps.main(List.of("sweep", n2.resolve("sweep.conf").toString(), "budget.trials=6"));
    assertEquals(0, resumed.exit(), resumed.all());
    assertTrue(resumed.out().contains("resuming study nightly"), resumed.out());
    List<Row> after =
        SqlQuery.run(
                spark(),
                n2.toString(),
                "SELECT COUNT(*), COUNT(DISTINCT user_attrs['warm_start_trial']) FROM trials"
                    + " WHERE user_attrs['warm_start'] = 'enqueued'")
            .collectAsList();
    assertEquals(Math.min(5, complete), after.get(0).getLong(0), "enqueued once each");
    assertEquals(after.get(0).getLong(0), after.get(0).getLong(1));

    // Night 3 changes the search space (a new parameter, a moved range): a new run, which
    // starts from night 2 with the configurations that fit the new space.
    Sweeps.Run three =
        sweep(
            concat(
                night,
                "run.id=n3",
                "sampler.seed=3",
                "space.lr.low=2e-3",
                "space.dropout={type=float, low=0.0, high=0.3}"));
    assertEquals(0, three.exit(), three.all());
    assertTrue(three.out().contains("earlier trials from file:" + n2), three.out());
    Map<String, String> n1Files = Sweeps.files(n1);
    assertEquals(
        List.of(n1, n2, RunDirs.of(root, "nightly", "n3")), RunDirs.all(root), "three runs");

    // A plain Spark session, without Rung: the tables are Hive-style partitioned directories.
    // (mergeSchema: the nights' search spaces differ, and Spark otherwise takes one file's schema.)
    Dataset<Row> trials =
        spark().read().option("mergeSchema", "true").parquet(root.resolve("trials").toString());
    assertEquals(
        List.of("n1", "n2", "n3"),
        trials.select("run").distinct().orderBy("run").as(Encoders.STRING()).collectAsList());
    assertEquals(6, trials.where("run = 'n2'").count(), "night 2 after its resume");
    Dataset<Row> pruned = trials.where("study = 'nightly' AND run = 'n3'");
    String plan = pruned.queryExecution().executedPlan().toString();
    assertTrue(plan.contains("PartitionFilters: [") && plan.contains("(run#"), plan);
    assertEquals(4, pruned.count());
    assertTrue(
        pruned.where("params.dropout IS NOT NULL").count() > 0,
        "the third night's new parameter: " + pruned.collectAsList());
    assertEquals(0, trials.where("run <> 'n3' AND params.dropout IS NOT NULL").count());
    List<Row> perRun =
        spark()
            .read()
            .parquet(root.resolve("runs").toString())
            .where("run IN ('n1', 'n3')")
            .select("run", "run_id", "attempt", "outcome")
            .orderBy("run")
            .collectAsList();
    assertEquals(2, perRun.size(), perRun.toString());
    assertEquals("[n1,n1,1,finished]", perRun.get(0).toString());
    assertEquals("[n3,n3,1,finished]", perRun.get(1).toString());

    // Registered in the session's catalog (here the tests' in-memory one; CatalogProcessTest has
    // Hive's): partitioned by study and run, params widened by the third night.
    assertTrue(
        three.out().contains("[rung] tables registered in in-memory catalog as nightly_db."),
        three.out());
    assertEquals(
        "[[n1,4], [n2,6], [n3,4]]",
        spark()
            .sql("SELECT run, count(*) FROM nightly_db.trials GROUP BY run ORDER BY run")
            .collectAsList()
            .toString());
    Dataset<Row> catalogued = spark().sql("SELECT * FROM nightly_db.trials WHERE run = 'n3'");
    String catalogPlan = catalogued.queryExecution().executedPlan().toString();
    assertTrue(
        catalogPlan.contains("PartitionFilters: [") && catalogPlan.contains("(run#"), catalogPlan);
    assertTrue(catalogued.where("params.dropout IS NOT NULL").count() > 0);
    assertEquals(
        "[[n2,1], [n2,2]]",
        spark()
            .sql("SELECT run, attempt FROM nightly_db.runs WHERE run = 'n2' ORDER BY attempt")
            .collectAsList()
            .toString());

    // bin/rung sql on the root sees every night; earlier nights were never rewritten.
    List<Row> nights =
        SqlQuery.run(
                spark(),
                root.toString(),
                "SELECT r.run, count(DISTINCT t.number), max(r.attempt) FROM runs r JOIN trials t"
                    + " ON t.study = r.study AND t.run = r.run GROUP BY r.run ORDER BY r.run")
            .collectAsList();
    assertEquals("[[n1,4,1], [n2,6,2], [n3,4,1]]", nights.toString());
    assertEquals(n1Files, Sweeps.files(n1), "night 1's run directory is as night 1 left it");

    // The commands about one run refuse the root of three, naming them; a run's directory works.
    Sweeps.Run bestOfRoot = Sweeps.main(List.of("best", root.toString()));
    assertEquals(Main.INVALID, bestOfRoot.exit(), bestOfRoot.all());
    assertTrue(bestOfRoot.err().contains("holding 3 runs"), bestOfRoot.err());
    for (Path run : RunDirs.all(root)) {
      assertTrue(bestOfRoot.err().contains(run.toString()), bestOfRoot.err());
    }
    Sweeps.Run trialsOfRoot = Sweeps.main(List.of("trials", root.toString()));
    assertEquals(Main.INVALID, trialsOfRoot.exit(), trialsOfRoot.all());
    assertTrue(trialsOfRoot.err().contains("holding 3 runs"), trialsOfRoot.err());
    Sweeps.Run bestOfOne = Sweeps.main(List.of("best", n2.toString()));
    assertEquals(0, bestOfOne.exit(), bestOfOne.all());

    // The third night's report has the three nights side by side (ReportBrowserTest draws them).
    String report = Files.readString(RunDirs.of(root, "nightly", "n3").resolve("report.html"));
    assertTrue(report.contains("\"nights\":[{\"run\":\"n1\",\"current\":false"), report);
    assertTrue(report.contains("{\"run\":\"n2\",\"current\":false,\"trials\":6"), report);
    assertTrue(report.contains("{\"run\":\"n3\",\"current\":true,\"trials\":4"), report);
  }

  private static String[] concat(String[] a, String... b) {
    String[] out = Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }

  @Test
  void aDamagedOrMismatchedEarlierOutputIsRefusedNamingItsProblem(@TempDir Path dir)
      throws Exception {
    Path notAnOutput = dir.resolve("empty");
    Files.createDirectories(notAnOutput);
    Sweeps.Run empty =
        sweep("output=" + dir.resolve("a"), "budget.trials=2", "warm-start.from=" + notAnOutput);
    assertEquals(Main.INVALID, empty.exit(), empty.all());
    assertTrue(empty.err().contains("rung.warm-start.from"), empty.err());
    assertTrue(empty.err().contains("holds no run of study 'digits-mlp'"), empty.err());
    assertTrue(empty.err().contains("rung.warm-start.study"), empty.err());

    Path first = dir.resolve("night-1");
    Sweeps.Run one =
        sweep("output=" + first, "study.name=night-1", "budget.trials=2", "training.epochs=1");
    assertEquals(0, one.exit(), one.all());
    Sweeps.Run minimize =
        sweep(
            "output=" + dir.resolve("b"),
            "budget.trials=2",
            "study.directions=[minimize]",
            "warm-start.from=" + first,
            "warm-start.study=night-1");
    assertEquals(Main.INVALID, minimize.exit(), minimize.all());
    assertTrue(minimize.err().contains("directions"), minimize.err());

    try (Stream<Path> files = Files.walk(first.resolve("trials"))) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
    Sweeps.Run damaged =
        sweep(
            "output=" + dir.resolve("c"),
            "budget.trials=2",
            "warm-start.from=" + first,
            "warm-start.study=night-1");
    assertEquals(Main.INVALID, damaged.exit(), damaged.all());
    assertTrue(damaged.err().contains("rung.warm-start.from"), damaged.err());
    assertTrue(damaged.err().contains("trials table"), damaged.err());
  }
}
