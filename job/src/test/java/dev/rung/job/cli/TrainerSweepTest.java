package dev.rung.job.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rung.job.RunDirs;
import dev.rung.job.SparkTestBase;
import dev.rung.job.cli.Sweeps.Run;
import dev.rung.job.tables.SqlQuery;
import dev.rung.job.trainers.CurveTrainer;
import dev.rung.job.trainers.CurveTrainer.Event;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Sweeps whose trials a user's trainer class trains, on local Spark with the Hyperband pruner, read
 * back through Spark SQL.
 */
class TrainerSweepTest extends SparkTestBase {

  private static Run sweep(Path dir, String trainer, String... overrides) throws Exception {
    spark();
    Path conf =
        Sweeps.trainerSweep(
            dir,
            "curve",
            Class.forName(trainer),
            """
            sampler { type = tpe, seed = 11, tpe.startup-trials = 5 }
            training.epochs = 9
            budget.trials = 15
            execution.parallelism = 2
            # In the test's JVM, so that CurveTrainer.EVENTS sees every epoch, save and restore.
            execution.isolation = thread
            """);
    List<String> args = new ArrayList<>(List.of("sweep", conf.toString()));
    args.addAll(List.of(overrides));
    return Sweeps.main(args);
  }

  private static List<Row> sql(Path dir, String query) {
    return SqlQuery.run(spark(), dir.resolve("out").toString(), query).collectAsList();
  }

  @Test
  void promotedTrialsContinueFromTheTrainersOwnCheckpoint(@TempDir Path dir) throws Exception {
    CurveTrainer.EVENTS.clear();
    Run run = sweep(dir, CurveTrainer.class.getName());
    assertEquals(0, run.exit(), run.out() + run.err());

    Map<Integer, List<Double>> values = new HashMap<>();
    for (Row r :
        sql(
            dir,
            "SELECT trial, step, value, val_accuracy, val_loss, train_loss, val_macro_f1"
                + " FROM intermediate_values ORDER BY trial, step")) {
      List<Double> curve = values.computeIfAbsent(r.getInt(0), t -> new ArrayList<>());
      assertEquals(curve.size() + 1, r.getInt(1), "steps 1..n once each, trial " + r.get(0));
      curve.add(r.getDouble(2));
      assertEquals(r.getDouble(2), r.getDouble(3), "the reported val_accuracy is recorded");
      assertEquals(1 - r.getDouble(2), r.getDouble(4), 1e-12, "and its val_loss");
      assertEquals(1.1 - r.getDouble(2), r.getDouble(5), 1e-12, "and its train_loss");
      assertTrue(r.isNullAt(6), "a metric the trainer does not report stays empty");
    }

    assertEquals(
        List.of("trainer " + CurveTrainer.class.getName()),
        sql(dir, "SELECT DISTINCT backend FROM segments").stream()
            .map(r -> r.getString(0))
            .toList(),
        "every segment names what trained it");
    List<Row> trials =
        sql(
            dir,
            "SELECT number, state, epochs_trained, seed, params.lr, params.width, value"
                + " FROM trials ORDER BY number");
    assertEquals(15, trials.size());
    int complete = 0;
    int resumed = 0;
    for (Row t : trials) {
      int trial = t.getInt(0);
      String state = t.getString(1);
      int epochs = t.getInt(2);
      assertTrue(state.equals("COMPLETE") || state.equals("PRUNED"), trial + ": " + state);
      List<Double> recorded = values.getOrDefault(trial, List.of());
      assertEquals(epochs, recorded.size(), "epochs trained == epochs recorded, trial " + trial);
      // The values of a trial trained in segments are those of one trained straight through:
      // each segment continued exactly the state the previous one saved.
      double[] straight =
          CurveTrainer.curve(
              Map.of("lr", t.getDouble(4), "width", t.getInt(5)), t.getLong(3), epochs);
      for (int i = 0; i < epochs; i++) {
        assertEquals(straight[i], recorded.get(i), 1e-12, "trial " + trial + " step " + (i + 1));
      }
      List<Event> events = CurveTrainer.events(trial);
      assertEquals(
          epochs,
          events.stream().filter(e -> e.kind().equals("epoch")).count(),
          "no epoch of trial " + trial + " trained twice");
      Event saved = null;
      for (Event e : events) {
        if (e.kind().equals("restore")) {
          assertNotNull(saved, "trial " + trial + " restored before any save");
          assertEquals(saved, new Event(trial, "save", e.epochs(), e.skill()));
          resumed++;
        } else if (e.kind().equals("save")) {
          saved = e;
        }
      }
      if (state.equals("COMPLETE")) {
        complete++;
        assertEquals(9, epochs);
        assertEquals(recorded.get(8), t.getDouble(6), "the trial's value is its last epoch's");
      }
    }
    assertTrue(complete >= 1, run.out());
    assertTrue(resumed >= 2, "promoted trials were resumed: " + resumed);
    for (Row s : sql(dir, "SELECT epoch_from, input_checkpoint, outcome FROM segments")) {
      assertEquals(s.getInt(0) > 0, s.get(1) != null, "promoted segments continue a checkpoint");
    }

    Path out = dir.resolve("out");
    String summary = Files.readString(RunDirs.only(out).resolve("summary.json"));
    assertTrue(summary.contains("\"test_accuracy\""), summary);
    assertTrue(run.out().contains("test accuracy"), run.out());
    assertTrue(
        Files.readString(RunDirs.only(out).resolve("best-model/curve.txt")).startsWith("epochs=9 "),
        "the trainer exported the best trial after all its epochs");
    assertTrue(
        Files.readString(RunDirs.only(out).resolve("best-model/model.json"))
            .contains(CurveTrainer.class.getName()));
  }

  @Test
  void aTrainerThatThrowsOrReportsNanFailsItsTrialAlone(@TempDir Path dir) throws Exception {
    CurveTrainer.EVENTS.clear();
    Run run =
        sweep(
            dir,
            "dev.rung.job.trainers.FaultyCurveTrainer",
            "budget.trials=6",
            "training.epochs=3",
            "execution.retries=0");
    assertEquals(0, run.exit(), run.out() + run.err());
    for (Row t :
        sql(dir, "SELECT number, state, fail_reason, epochs_trained FROM trials ORDER BY number")) {
      String reason = t.isNullAt(2) ? "" : t.getString(2);
      switch (t.getInt(0)) {
        case 1 -> {
          assertEquals("FAIL", t.getString(1));
          assertTrue(reason.contains("injected fault in trial 1"), reason);
        }
        case 2 -> {
          assertEquals("FAIL", t.getString(1));
          assertTrue(reason.contains("val_accuracy is NaN"), reason);
        }
        default ->
            assertTrue(
                t.getString(1).equals("COMPLETE") || t.getString(1).equals("PRUNED"),
                t.getInt(0) + ": " + t.getString(1) + " " + reason);
      }
    }
  }

  @Test
  void theTrainersOptionsReachItInItsOwnJvm(@TempDir Path dir) throws Exception {
    spark();
    Path conf =
        Sweeps.trainerSweep(
            dir,
            "options",
            dev.rung.job.trainers.OptionsTrainer.class,
            """
            study.metrics = [option_echo]
            model.options { scale = 0.25, enabled = yes, repeat = 7, label = "x<y", nested { mode = fast } }
            training.epochs = 3
            budget.trials = 3
            execution { parallelism = 2, isolation = process }
            """);
    Run run = Sweeps.main(List.of("sweep", conf.toString()));
    assertEquals(0, run.exit(), run.all());
    List<Row> values = sql(dir, "SELECT DISTINCT value FROM trials WHERE state = 'COMPLETE'");
    assertEquals(1, values.size(), values.toString());
    assertEquals(0.25 + 0.5 + 0.125 + 0.007 + 2, values.get(0).getDouble(0), 1e-12);
    assertTrue(
        Files.readString(RunDirs.only(dir.resolve("out")).resolve("sweep.conf")).contains("scale"),
        "the resolved definition beside the tables holds the options");
  }
}
