package dev.rung.job.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rung.job.RunDirs;
import dev.rung.job.SparkTestBase;
import dev.rung.job.tables.OutputLock;
import dev.rung.job.tables.SqlQuery;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Whole sweeps on local Spark with real DL4J training on the UCI digits, read back through Spark
 * SQL.
 */
class SweepEndToEndTest extends SparkTestBase {

  private static Sweeps.Run sweep(String... overrides) {
    spark();
    return Sweeps.digits(overrides);
  }

  private static List<Row> sql(Path output, String query) {
    return SqlQuery.run(spark(), output.toString(), query).collectAsList();
  }

  @Test
  void aSweepTrainsRecordsResumesAndExportsTheBestModel(@TempDir Path dir) throws Exception {
    Path output = dir.resolve("out");
    Sweeps.Run first =
        sweep(
            "output=" + output,
            "budget.trials=6",
            "training.epochs=3",
            "study.name=e2e",
            "run.id=night-1");
    assertEquals(0, first.exit(), first.out() + first.err());
    assertTrue(first.out().contains("test accuracy"), first.out());

    List<Row> trials =
        sql(
            output,
            "SELECT number, state, epochs_trained, params.lr FROM trials" + " ORDER BY number");
    assertEquals(6, trials.size());
    assertEquals(
        DataTypes.DoubleType,
        SqlQuery.run(spark(), output.toString(), "SELECT params.lr FROM trials")
            .schema()
            .fields()[0]
            .dataType(),
        "params.lr is a double column");
    Map<Integer, Integer> recorded = new HashMap<>();
    for (Row r :
        sql(
            output,
            "SELECT trial, COUNT(*), MAX(step), COUNT(DISTINCT step) FROM"
                + " intermediate_values GROUP BY trial")) {
      assertEquals(r.getLong(1), r.getLong(3), "no epoch recorded twice for trial " + r.get(0));
      assertEquals(r.getLong(1), (long) r.getInt(2), "steps 1..n for trial " + r.get(0));
      recorded.put(r.getInt(0), (int) r.getLong(1));
    }
    int complete = 0;
    for (Row t : trials) {
      String state = t.getString(1);
      assertTrue(state.equals("COMPLETE") || state.equals("PRUNED"), state);
      assertEquals(
          t.getInt(2),
          (int) recorded.getOrDefault(t.getInt(0), 0),
          "epochs trained == epochs recorded for trial " + t.getInt(0));
      if (state.equals("COMPLETE")) {
        complete++;
        assertEquals(3, t.getInt(2));
      }
    }
    assertTrue(complete >= 1, "at least one trial trained to the full 3 epochs");
    for (Row s : sql(output, "SELECT epoch_from, input_checkpoint FROM segments")) {
      assertEquals(s.getInt(0) > 0, s.get(1) != null, "promoted segments continue a checkpoint");
    }
    assertTrue(Files.exists(RunDirs.only(output).resolve("best-model/model.zip")));
    assertTrue(
        Files.readString(RunDirs.only(output).resolve("summary.json"))
            .contains("\"test_accuracy\""));
    double testAccuracy =
        Double.parseDouble(
            Files.readString(RunDirs.only(output).resolve("summary.json"))
                .replaceAll("(?s).*\"test_accuracy\": ([0-9.]+).*", "$1"));
    // Ten classes: a trained MLP is far above the 0.1 of guessing even after 3 epochs.
    assertTrue(testAccuracy > 0.6, "test accuracy " + testAccuracy);

    // The definition saved in the output is the same sweep: it resumes the study.
    Sweeps.Run again =
        Sweeps.main(
            List.of(
                "sweep", RunDirs.only(output).resolve("sweep.conf").toString(), "budget.trials=8"));
    assertEquals(0, again.exit(), again.out() + again.err());
    assertTrue(again.out().contains("resuming study e2e: 6 trials and"), again.out());
    List<Row> after =
        sql(output, "SELECT number, state, epochs_trained FROM trials ORDER BY" + " number");
    assertEquals(8, after.size(), "numbering continues and the budget counts earlier trials");
    for (int i = 0; i < 6; i++) {
      assertEquals(trials.get(i).getString(1), after.get(i).getString(1));
      assertEquals(trials.get(i).getInt(2), after.get(i).getInt(2));
    }

    // Each execution is a row of the runs table: the same run id (the saved definition's),
    // attempts 1 and 2.
    List<Row> runs =
        sql(
            output,
            "SELECT run_id, attempt, outcome, exit_code, trials, complete + pruned + failed,"
                + " best_trial, epochs, end_time >= start_time, segment_ms FROM runs"
                + " ORDER BY attempt");
    assertEquals(2, runs.size(), runs.toString());
    assertEquals("night-1", runs.get(0).getString(0), runs.toString());
    assertEquals("night-1", runs.get(1).getString(0), "one run id, two attempts");
    assertEquals(List.of(1, 2), List.of(runs.get(0).getInt(1), runs.get(1).getInt(1)));
    for (Row r : runs) {
      assertEquals("finished", r.getString(2));
      assertEquals(0, r.getInt(3));
      assertEquals(r.getInt(4), r.getInt(5), "every trial ended: " + r);
      assertTrue(r.getBoolean(8), r.toString());
    }
    assertEquals(6, runs.get(0).getInt(4));
    assertEquals(8, runs.get(1).getInt(4));
    assertTrue(runs.get(1).getLong(7) > runs.get(0).getLong(7), "epochs grew: " + runs);
    long allSegments = sql(output, "SELECT sum(duration_ms) FROM segments").get(0).getLong(0);
    assertEquals(
        allSegments,
        runs.get(0).getLong(9) + runs.get(1).getLong(9),
        "each segment's time counts for the execution that started it: " + runs);
    assertTrue(runs.get(1).getLong(9) > 0, runs.toString());
    assertFalse(
        Files.exists(RunDirs.only(output).resolve(RunLog.MARKER)),
        "no run in progress is left marked");
  }

  @Test
  void aSecondDriverOnTheSameOutputIsRefused(@TempDir Path dir) throws Exception {
    Path output = dir.resolve("locked");
    FileSystem fs = FileSystem.getLocal(new Configuration());
    try (OutputLock held =
        OutputLock.acquire(
            fs,
            new org.apache.hadoop.fs.Path(RunDirs.of(output, "digits-mlp", Sweeps.RUN).toString()),
            "another-driver",
            Duration.ofMinutes(5))) {
      Sweeps.Run run = sweep("output=" + output, "budget.trials=1");
      assertEquals(Main.LOCKED, run.exit(), run.err());
      assertTrue(run.err().contains("another-driver"), run.err());
    }
  }

  @Test
  void aParallelismBelowSparksSlotsIsNeverExceeded(@TempDir Path dir) {
    // The test session has 2 task slots; with parallelism 1 no segment may be queued in Spark,
    // since a free core would run it at once, next to the other.
    Path output = dir.resolve("one-at-a-time");
    Sweeps.Run run =
        sweep(
            "output=" + output,
            "budget.trials=6",
            "training.epochs=1",
            "pruner.type=none",
            "sampler.type=random",
            "execution.parallelism=1");
    assertEquals(0, run.exit(), run.out() + run.err());
    List<Row> spans =
        sql(
            output,
            "SELECT unix_millis(start_time), unix_millis(end_time) FROM segments ORDER BY 1");
    assertEquals(6, spans.size());
    for (int i = 1; i < spans.size(); i++) {
      assertTrue(
          spans.get(i).getLong(0) >= spans.get(i - 1).getLong(1),
          "segment " + i + " started before the one before it ended: " + spans);
    }
  }

  /**
   * A learning rate of 1e12, which the network accepts, makes the training loss overflow: those
   * trials fail, naming the loss, and the others complete. (A value the network refuses, such as an
   * unknown activation, is refused with the definition, before any work.)
   */
  @Test
  void aFailingTrialFailsAloneWithItsReason(@TempDir Path dir) {
    Path output = dir.resolve("failing");
    Sweeps.Run run =
        sweep(
            "output=" + output,
            "budget.trials=6",
            "training.epochs=1",
            "pruner.type=none",
            "space.optimizer={type=categorical, choices=[sgd]}",
            "space.lr={type=categorical, choices=[0.01, 1e12]}",
            "sampler.type=random");
    assertEquals(0, run.exit(), run.out() + run.err());
    List<Row> failed =
        sql(output, "SELECT params.lr, fail_reason FROM trials WHERE" + " state = 'FAIL'");
    List<Row> complete = sql(output, "SELECT params.lr FROM trials WHERE state =" + " 'COMPLETE'");
    assertTrue(!failed.isEmpty() && !complete.isEmpty(), run.out());
    for (Row f : failed) {
      assertEquals(1e12, f.getDouble(0));
      assertTrue(f.getString(1).contains("training loss became"), f.getString(1));
    }
    for (Row c : complete) {
      assertEquals(0.01, c.getDouble(0));
    }
  }

  @Test
  void anInvalidSweepStopsBeforeAnyWork(@TempDir Path dir) {
    Path output = dir.resolve("never");
    Sweeps.Run run = sweep("output=" + output, "budget.trials=lots", "sampler.tpye=tpe");
    assertEquals(Main.INVALID, run.exit());
    assertTrue(run.err().contains("rung.budget.trials"), run.err());
    assertTrue(run.err().contains("did you mean 'rung.sampler.type'?"), run.err());
    assertTrue(!Files.exists(output), "nothing was written");
  }

  /**
   * The third family runs through the sweep like the first two: the definition names it, the space
   * is checked against its parameters (an MLP parameter is refused), and its trials train, stop at
   * rungs and the best is exported. (Its checkpoints continuing exactly: {@code LstmFamilyTest}.)
   */
  @Test
  void anLstmSweepTrainsTheThirdFamily(@TempDir Path dir) throws Exception {
    Path conf = dir.resolve("lstm.conf");
    Files.writeString(
        conf,
        """
        rung {
          study { name = lstm, directions = [maximize], metrics = [val_accuracy] }
          model.family = lstm
          space {
            lr { type = float, low = 3e-3, high = 3e-2, log = true }
            lstm_width { type = int, low = 8, high = 32, log = true }
          }
          data { dataset = digits, validation-fraction = 0.2, test-fraction = 0.2 }
          sampler { type = random, seed = 3 }
          pruner { type = hyperband, min-resource = 1, reduction-factor = 3 }
          training.epochs = 3
          budget.trials = 4
        }
        """);
    Path output = dir.resolve("out");
    spark();
    Sweeps.Run run = Sweeps.main(List.of("sweep", conf.toString(), "output=" + output));
    assertEquals(0, run.exit(), run.all());
    assertEquals(
        4L,
        sql(output, "SELECT COUNT(*) FROM trials WHERE state IN ('COMPLETE', 'PRUNED')")
            .get(0)
            .getLong(0),
        run.out());
    for (Row t : sql(output, "SELECT epochs_trained FROM trials WHERE state = 'COMPLETE'")) {
      assertEquals(3, t.getInt(0), run.out());
    }
    assertTrue(Files.exists(RunDirs.only(output).resolve("best-model/model.zip")), run.out());

    Sweeps.Run refused =
        Sweeps.main(
            List.of(
                "sweep",
                conf.toString(),
                "output=" + dir.resolve("never"),
                "space.mlp_width={type=int, low=8, high=32}"));
    assertEquals(Main.INVALID, refused.exit(), refused.all());
    assertTrue(refused.err().contains("mlp_width"), refused.err());
  }

  /**
   * Two objectives with rungs: accuracy up, parameter count down. Every rung a trial reaches
   * records both objectives, which the rung ranks by Pareto rank; the finished trials' values hold
   * both, and the best command lists the front.
   */
  @Test
  void aTwoObjectiveSweepRanksItsRungsByBothObjectives(@TempDir Path dir) throws Exception {
    Path output = dir.resolve("two");
    Sweeps.Run run =
        sweep(
            "output=" + output,
            "study.name=two",
            "study.directions=[maximize, minimize]",
            "study.metrics=[val_accuracy, param_count]",
            "pruner.type=auto",
            "budget.trials=9",
            "training.epochs=3",
            "sampler.type=random");
    assertEquals(0, run.exit(), run.all());
    // pruner.type = auto (the default; the base sweep names hyperband): one ASHA bracket for
    // several objectives.
    assertTrue(run.out().contains("random sampler, asha pruner"), run.out());
    int recorded = 0;
    for (Row t :
        sql(
            output,
            "SELECT number, state, epochs_trained, rung_objectives, `values` FROM trials"
                + " WHERE epochs_trained >= 1")) {
      String rungs = t.getString(3);
      // Every rung reached is recorded: step 1, and 3 for a trial that got there.
      assertTrue(
          rungs != null && rungs.matches("[0-9]+:[^;]+,[^;]+(;[0-9]+:[^;]+,[^;]+)*"), t.toString());
      recorded++;
      if (t.getString(1).equals("COMPLETE")) {
        List<Double> values = t.getList(4);
        assertEquals(2, values.size(), t.toString());
        // The parameter count does not change with training: the rung recorded the final value.
        assertTrue(rungs.contains("," + values.get(1)), values + " vs " + rungs);
      }
    }
    assertTrue(recorded >= 1, run.out());
    Sweeps.Run best = Sweeps.main(List.of("best", output.toString()));
    assertEquals(0, best.exit(), best.all());
    assertTrue(best.out().contains("Pareto front: "), best.out());

    // The export rule (the knee by default) chose one member; summary.json lists them all, and any
    // of them can be exported later from its kept checkpoint.
    String summary = Files.readString(RunDirs.only(output).resolve("summary.json"));
    assertTrue(summary.contains("\"export_rule\": \"knee\""), summary);
    assertTrue(summary.contains("\"front\": ["), summary);
    assertTrue(run.out().contains("exported by the rule knee"), run.out());
    int member =
        Integer.parseInt(
            summary.replaceAll("(?s).*\"front\": \\[\\s*\\{\\s*\"trial\": ([0-9]+).*", "$1"));
    Path exported = dir.resolve("member");
    Sweeps.Run export =
        Sweeps.main(
            List.of(
                "export",
                output.toString(),
                "--trial",
                Integer.toString(member),
                "--to",
                exported.toString()));
    assertEquals(0, export.exit(), export.all());
    assertTrue(Files.size(exported.resolve("model.zip")) > 0, export.out());
    assertTrue(Files.readString(exported.resolve("model.json")).contains("test_accuracy"));
    Sweeps.Run notComplete = Sweeps.main(List.of("export", output.toString(), "--trial", "999"));
    assertEquals(Main.INVALID, notComplete.exit(), notComplete.all());
    assertTrue(notComplete.err().contains("is not a trial of this study"), notComplete.err());
  }

  /**
   * A constraint on the parameter count, which training cannot change: a trial that violates it
   * stops at its first rung, saying why, and the best trial is a feasible one.
   */
  @Test
  void aConstraintOnTheArchitectureStopsATrialAtItsFirstRung(@TempDir Path dir) throws Exception {
    Path output = dir.resolve("constrained");
    Sweeps.Run run =
        sweep(
            "output=" + output,
            "study.name=constrained",
            "study.constraints=[\"param_count <= 3000\"]",
            "budget.trials=8",
            "training.epochs=3",
            "sampler.type=random");
    assertEquals(0, run.exit(), run.all());
    int stopped = 0;
    for (Row t :
        sql(
            output,
            "SELECT number, state, epochs_trained, constraints[0], user_attrs['infeasible']"
                + " FROM trials WHERE size(constraints) = 1")) {
      boolean infeasible = t.getDouble(3) > 0;
      if (infeasible && t.getInt(2) < 3) {
        assertEquals("PRUNED", t.getString(1), t.toString());
        assertTrue(t.getString(4).startsWith("infeasible: param_count = "), t.toString());
        stopped++;
      }
      if (!infeasible) {
        assertTrue(t.isNullAt(4), t.toString());
      }
    }
    assertTrue(stopped >= 1, "some trial was wider than 3000 parameters: " + run.out());
    Row best =
        sql(
                output,
                "SELECT constraints[0] FROM trials WHERE number = "
                    + Files.readString(RunDirs.only(output).resolve("summary.json"))
                        .replaceAll("(?s).*\"best_trial\": ([0-9]+).*", "$1"))
            .get(0);
    assertTrue(best.getDouble(0) <= 0, "the best trial is feasible: " + best);
  }
}
