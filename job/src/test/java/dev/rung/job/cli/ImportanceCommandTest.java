package dev.rung.job.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rung.distributions.CategoricalDistribution;
import dev.rung.distributions.Distribution;
import dev.rung.distributions.FloatDistribution;
import dev.rung.job.tables.ParamSchema;
import dev.rung.job.tables.Provenance;
import dev.rung.job.tables.StudyIdentity;
import dev.rung.job.tables.Tables;
import dev.rung.job.tables.TrialRow;
import dev.rung.job.tables.WriteGuard;
import dev.rung.study.Seeds;
import dev.rung.study.TrialState;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.random.RandomGenerator;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code rung importance} on an output written through the tables' own writers: 200 trials of
 * {@code accuracy = 0.9 - 0.1 (log10 lr + 2.5)^2 + 0.05 [momentum > 0.5]} (momentum only with sgd),
 * with failed trials and a second objective that depends on nothing but the optimizer.
 */
class ImportanceCommandTest {
  @TempDir static java.nio.file.Path dir;
  private static String output;

  private static final String SPACE =
      """
      rung.space {
        lr { type = float, low = 1e-4, high = 1e-1, log = true }
        optimizer { type = categorical, choices = [adam, sgd] }
        momentum { type = float, low = 0.0, high = 0.99, when { optimizer = sgd } }
        noise { type = float, low = 0.0, high = 1.0 }
      }
      """;

  @BeforeAll
  static void writeOutput() throws Exception {
    Path out = new Path(dir.resolve("out").toString());
    output = out.toString();
    FileSystem fs = FileSystem.getLocal(new Configuration());
    fs.mkdirs(out);
    Map<String, Distribution> space = new LinkedHashMap<>();
    space.put("lr", FloatDistribution.logUniform(1e-4, 1e-1));
    space.put("optimizer", CategoricalDistribution.of("adam", "sgd"));
    space.put("momentum", FloatDistribution.uniform(0, 0.99));
    space.put("noise", FloatDistribution.uniform(0, 1));
    Map<String, String> described = new LinkedHashMap<>();
    space.forEach((name, d) -> described.put(name, d.describe()));
    new StudyIdentity(
            "imp",
            List.of("maximize", "minimize"),
            List.of("accuracy", "seconds"),
            described,
            "mlp",
            9)
        .writeOnce(fs, out, WriteGuard.NONE);
    Files.writeString(dir.resolve("out/sweep.conf"), SPACE);
    RandomGenerator rng = Seeds.rng(4);
    List<TrialRow> rows = new ArrayList<>();
    for (int n = 0; n < 200; n++) {
      Map<String, Object> params = new LinkedHashMap<>();
      double lr = Math.pow(10, -4 + 3 * rng.nextDouble());
      boolean sgd = rng.nextBoolean();
      params.put("lr", lr);
      params.put("optimizer", sgd ? "sgd" : "adam");
      double accuracy = 0.9 - 0.1 * Math.pow(Math.log10(lr) + 2.5, 2);
      if (sgd) {
        double momentum = 0.99 * rng.nextDouble();
        params.put("momentum", momentum);
        accuracy += momentum > 0.5 ? 0.05 : 0;
      }
      params.put("noise", rng.nextDouble());
      TrialState state = n % 10 == 9 ? TrialState.FAIL : TrialState.COMPLETE;
      List<Double> values =
          state == TrialState.FAIL ? List.of() : List.of(accuracy, sgd ? 2.0 : 1.0);
      rows.add(
          new TrialRow(
              "imp",
              n,
              state,
              values,
              params,
              null,
              0,
              9,
              Instant.EPOCH,
              Instant.EPOCH,
              1000L,
              n,
              Map.of(),
              state == TrialState.FAIL ? "diverged" : null,
              Provenance.UNKNOWN));
    }
    Tables.openForWriting(fs, out, ParamSchema.fromSearchSpace(space)).trials().write(rows);
  }

  @Test
  void printsTheParametersByImportanceForTheFirstObjective() {
    Run run = run(output);
    assertEquals(0, run.exit, run.err);
    List<String> lines = run.out.lines().toList();
    assertTrue(
        lines
            .get(0)
            .contains(
                "study 'imp', objective accuracy (maximize), fanova, 180 complete"
                    + " trials of 200"),
        run.out);
    assertTrue(lines.get(1).trim().startsWith("lr "), run.out);
    // The conditional momentum (sgd only) comes next, well above the parameters without effect.
    assertTrue(lines.get(2).trim().startsWith("momentum "), run.out);
    assertEquals(5, lines.size(), run.out);
  }

  @Test
  void anotherObjectiveAndPedAnova() {
    Run run = run(output, "--objective", "seconds", "--evaluator", "ped-anova");
    assertEquals(0, run.exit, run.err);
    assertTrue(run.out.contains("objective seconds (minimize), ped-anova"), run.out);
    assertTrue(run.out.lines().toList().get(1).trim().startsWith("optimizer "), run.out);
  }

  @Test
  void badArgumentsAndOutputsAreRefusedSayingWhy() {
    Run objective = run(output, "--objective", "loss");
    assertEquals(2, objective.exit);
    assertTrue(objective.err.contains("'loss' is not an objective"), objective.err);
    Run evaluator = run(output, "--evaluator", "shap");
    assertEquals(2, evaluator.exit);
    assertTrue(evaluator.err.contains("use fanova or ped-anova"), evaluator.err);
    Run missing = run(dir.resolve("nowhere").toString());
    assertEquals(2, missing.exit);
    assertTrue(missing.err.contains("it does not exist"), missing.err);
    Run notASweep = run(dir.toString());
    assertEquals(2, notASweep.exit);
    assertTrue(notASweep.err.contains("holds no study.json"), notASweep.err);
    assertEquals(2, run().exit);
  }

  private record Run(int exit, String out, String err) {}

  private static Run run(String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int exit =
        ImportanceCommand.run(
            List.of(args),
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8));
    return new Run(
        exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }
}
