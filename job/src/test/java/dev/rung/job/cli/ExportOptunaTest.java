package dev.rung.job.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.rung.distributions.CategoricalDistribution;
import dev.rung.distributions.Distribution;
import dev.rung.distributions.FloatDistribution;
import dev.rung.distributions.IntDistribution;
import dev.rung.job.RunDirs;
import dev.rung.job.SparkTestBase;
import dev.rung.job.optuna.OptunaPython;
import dev.rung.job.tables.IntermediateValueRow;
import dev.rung.job.tables.ParamSchema;
import dev.rung.job.tables.Tables;
import dev.rung.job.tables.TrialRow;
import dev.rung.job.trainers.CurveTrainer;
import dev.rung.study.TrialState;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code rung export-optuna} on the output of a real sweep (a trainer, Hyperband, a log float, a
 * stepped float, two ints and a categorical of mixed types), opened by Optuna itself: what Optuna
 * reads must be what the tables hold.
 */
class ExportOptunaTest extends SparkTestBase {

  private static final JsonMapper JSON = OptunaPython.JSON;

  @TempDir static Path dir;
  private static Path output;

  @BeforeAll
  static void sweep() throws Exception {
    spark();
    Path conf =
        Sweeps.trainerSweep(
            dir,
            "optuna-export",
            CurveTrainer.class,
            """
            space {
              optimizer { type = categorical, choices = [sgd, "3", 7] }
              momentum { type = float, low = 0.0, high = 0.9, step = 0.1 }
              layers { type = int, low = 1, high = 5, step = 2 }
            }
            sampler { type = random, seed = 5 }
            training.epochs = 9
            budget.trials = 10
            execution.parallelism = 2
            execution.isolation = thread
            """);
    Sweeps.Run run = Sweeps.main(List.of("sweep", conf.toString()));
    assertEquals(0, run.exit(), run.all());
    output = dir.resolve("out");
  }

  @Test
  void optunaOpensTheExportedStudyAsTheTablesHoldIt(@TempDir Path here) throws Exception {
    Path journal = here.resolve("journal.log");
    Sweeps.Run export = export(output, journal);
    assertEquals(0, export.exit(), export.all());
    JsonNode seen = OptunaPython.load(journal, "optuna-export");

    FileSystem fs = FileSystem.getLocal(new Configuration());
    org.apache.hadoop.fs.Path out = new org.apache.hadoop.fs.Path(RunDirs.only(output).toUri());
    Map<String, Distribution> space = space();
    List<TrialRow> rows =
        new ArrayList<>(Tables.readTrials(fs, out, ParamSchema.fromSearchSpace(space)));
    rows.sort(java.util.Comparator.comparingInt(TrialRow::number));
    Map<Integer, TreeMap<Integer, Double>> curves = new HashMap<>();
    for (IntermediateValueRow v : Tables.readIntermediateValues(fs, out)) {
      curves.computeIfAbsent(v.trial(), t -> new TreeMap<>()).put(v.step(), v.value());
    }

    assertEquals("optuna-export", seen.get("study_name").asText());
    assertEquals("MAXIMIZE", seen.get("directions").get(0).asText());
    JsonNode trials = seen.get("trials");
    assertEquals(rows.size(), trials.size(), "one Optuna trial per trial");
    assertEquals(10, rows.size());
    int pruned = 0;
    int complete = 0;
    TrialRow best = null;
    for (TrialRow r : rows) {
      JsonNode t = trials.get(r.number());
      String what = "trial " + r.number() + ": " + t;
      assertEquals(r.number(), t.get("number").asInt(), what);
      assertEquals(r.state().name(), t.get("state").asText(), what);
      assertParams(r, t, space, what);
      TreeMap<Integer, Double> curve = curves.getOrDefault(r.number(), new TreeMap<>());
      JsonNode iv = t.get("intermediate_values");
      assertEquals(curve.size(), iv.size(), what);
      curve.forEach((step, v) -> assertEquals(v, iv.get(step.toString()).asDouble(), what));
      if (r.state() == TrialState.COMPLETE) {
        complete++;
        assertEquals(r.value(), t.get("value").asDouble(), what);
        if (best == null || r.value() > best.value()) {
          best = r;
        }
      } else if (r.state() == TrialState.PRUNED) {
        pruned++;
        // Optuna's convention: a pruned trial's value is its last intermediate value.
        assertEquals(curve.lastEntry().getValue(), t.get("value").asDouble(), what);
        assertEquals(r.value(), t.get("value").asDouble(), what);
      }
      assertEquals(local(r.start()), t.get("datetime_start").asText(), what);
      assertEquals(local(r.end()), t.get("datetime_complete").asText(), what);
      assertEquals(r.userAttrs(), JSON.convertValue(t.get("user_attrs"), Map.class), what);
      assertEquals(r.seed(), t.get("system_attrs").get("rung:seed").asLong(), what);
    }
    assertTrue(pruned >= 1, "the sweep has PRUNED trials: " + pruned);
    assertTrue(complete >= 1, "the sweep has COMPLETE trials: " + complete);
    assertEquals(
        complete + 2,
        seen.get("complete_after_two_more").asInt(),
        "Optuna's TPE continues the exported study");
    assertEquals(best.number(), seen.get("best_number").asInt());
    assertEquals(best.value(), seen.get("best_value").asDouble());
    assertEquals(best.params().size(), seen.get("best_params").size());
    for (Map.Entry<String, Object> p : best.params().entrySet()) {
      assertValue(p.getValue(), seen.get("best_params").get(p.getKey()), "best " + p.getKey());
    }
  }

  private static void assertParams(
      TrialRow r, JsonNode t, Map<String, Distribution> space, String what) {
    JsonNode params = t.get("params");
    JsonNode distributions = t.get("distributions");
    assertEquals(r.params().size(), params.size(), what);
    assertEquals(r.params().size(), distributions.size(), what);
    assertEquals(5, r.params().size(), "every parameter suggested: " + what);
    for (Map.Entry<String, Object> p : r.params().entrySet()) {
      assertValue(p.getValue(), params.get(p.getKey()), what + " " + p.getKey());
      assertDistribution(space.get(p.getKey()), distributions.get(p.getKey()), what);
    }
  }

  /** A value Optuna gives back: the same number or text, of the same kind. */
  private static void assertValue(Object expected, JsonNode seen, String what) {
    if (expected instanceof Double d) {
      assertTrue(seen.isFloatingPointNumber(), what + ": " + seen);
      assertEquals(d, seen.asDouble(), what);
    } else if (expected instanceof Integer i) {
      assertTrue(seen.isIntegralNumber(), what + ": " + seen);
      assertEquals(i, seen.asInt(), what);
    } else {
      assertTrue(seen.isTextual(), what + ": " + seen);
      assertEquals(expected, seen.asText(), what);
    }
  }

  private static void assertDistribution(Distribution d, JsonNode seen, String what) {
    JsonNode a = seen.get("attributes");
    if (d instanceof FloatDistribution f) {
      assertEquals("FloatDistribution", seen.get("name").asText(), what);
      assertEquals(f.low(), a.get("low").asDouble(), what);
      assertEquals(f.high(), a.get("high").asDouble(), 1e-12, what);
      assertEquals(f.log(), a.get("log").asBoolean(), what);
      if (f.hasStep()) {
        assertEquals(f.step(), a.get("step").asDouble(), what);
      } else {
        assertTrue(a.get("step").isNull(), what);
      }
    } else if (d instanceof IntDistribution i) {
      assertEquals("IntDistribution", seen.get("name").asText(), what);
      assertEquals(i.low(), a.get("low").asInt(), what);
      assertEquals(i.high(), a.get("high").asInt(), what);
      assertEquals(i.log(), a.get("log").asBoolean(), what);
      assertEquals(i.step(), a.get("step").asInt(), what);
    } else {
      assertEquals("CategoricalDistribution", seen.get("name").asText(), what);
      List<Object> choices = ((CategoricalDistribution) d).choices();
      assertEquals(choices.size(), a.get("choices").size(), what);
      for (int k = 0; k < choices.size(); k++) {
        assertValue(choices.get(k), a.get("choices").get(k), what + " choice " + k);
      }
    }
  }

  /** The space the sweep defined, as the test wrote it. */
  private static Map<String, Distribution> space() {
    Map<String, Distribution> space = new HashMap<>();
    space.put("lr", FloatDistribution.logUniform(1e-4, 1.0));
    space.put("width", IntDistribution.logScale(4, 256));
    space.put("optimizer", CategoricalDistribution.of("sgd", "3", 7));
    space.put("momentum", FloatDistribution.stepped(0.0, 0.9, 0.1));
    space.put("layers", IntDistribution.stepped(1, 5, 2));
    return space;
  }

  /** A time as Optuna writes it: local, to the microsecond, without a zone. */
  private static String local(Instant t) {
    return LocalDateTime.ofInstant(t.truncatedTo(ChronoUnit.MICROS), ZoneId.systemDefault())
        .format(DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSS"));
  }

  @Test
  void anExistingFileIsRefusedAndLeftAlone(@TempDir Path here) throws Exception {
    Path journal = here.resolve("journal.log");
    Files.writeString(journal, "another study's journal\n");
    Sweeps.Run export = export(output, journal);
    assertEquals(Main.INVALID, export.exit(), export.all());
    assertOneLine(export.err(), "exists");
    assertEquals("another study's journal\n", Files.readString(journal));
  }

  @Test
  void aMissingOrForeignOutputIsRefused(@TempDir Path here) throws Exception {
    Path journal = here.resolve("journal.log");
    Sweeps.Run missing = export(here.resolve("nothing"), journal);
    assertEquals(Main.INVALID, missing.exit(), missing.all());
    assertOneLine(missing.err(), "does not exist");
    Files.createDirectories(here.resolve("plain"));
    Sweeps.Run plain = export(here.resolve("plain"), journal);
    assertEquals(Main.INVALID, plain.exit(), plain.all());
    assertOneLine(plain.err(), "study.json");
    assertFalse(Files.exists(journal), "nothing written");
  }

  private static Sweeps.Run export(Path output, Path journal) {
    return Sweeps.main(List.of("export-optuna", output.toString(), journal.toString()));
  }

  private static void assertOneLine(String err, String mentions) {
    assertEquals(1, err.strip().lines().count(), err);
    assertTrue(err.startsWith("rung: "), err);
    assertTrue(err.contains(mentions), err);
    assertFalse(err.contains("\tat "), err);
  }
}
