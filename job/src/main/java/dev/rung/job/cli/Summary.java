package dev.rung.job.cli;

import dev.rung.job.Causes;
import dev.rung.job.ConsoleText;
import dev.rung.job.config.SweepConfig;
import dev.rung.job.driver.SegmentPlan;
import dev.rung.job.driver.TrialSeed;
import dev.rung.job.exec.SweepRunner;
import dev.rung.job.tables.OutputLayout;
import dev.rung.job.tables.TableSchemas;
import dev.rung.job.tables.Tables;
import dev.rung.multi.FrontSelection;
import dev.rung.study.FrozenTrial;
import dev.rung.study.Study;
import dev.rung.study.TrialState;
import dev.rung.training.checkpoint.CheckpointException;
import dev.rung.training.export.Json;
import java.io.IOException;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.api.java.JavaSparkContext;

/**
 * The end of a sweep: the best trial, evaluated once on the test set and exported as a model, the
 * counts, and where everything is. Printed and saved as {@code summary.json} under the output.
 *
 * <p>What is printed from the sweep definition or the output (names, parameter values, paths) goes
 * through {@link ConsoleText}. {@code summary.json} is written by {@link Json}: any string is valid
 * JSON there, and a NaN or infinite value is {@code null}. When the best trial's checkpoint cannot
 * be restored ({@link CheckpointException}: missing, corrupt, or refused as not written by Rung),
 * the summary is still written, with the reason as {@code test_error} and no test metrics, and the
 * sweep ends with {@link Main#ERROR}.
 */
final class Summary {
  private Summary() {}

  static int report(
      SweepConfig c,
      Study study,
      List<FrozenTrial> trials,
      SweepRunner runner,
      JavaSparkContext jsc,
      FileSystem fs,
      Path output,
      PrintStream out)
      throws IOException {
    Map<TrialState, Integer> counts = new LinkedHashMap<>();
    for (TrialState s : TrialState.values()) {
      counts.put(s, 0);
    }
    trials.forEach(t -> counts.merge(t.state(), 1, Integer::sum));
    out.printf(
        Locale.ROOT,
        "[rung] study %s finished: %d trials (%d complete, %d pruned, %d" + " failed)%n",
        ConsoleText.of(c.studyName()),
        trials.size(),
        counts.get(TrialState.COMPLETE),
        counts.get(TrialState.PRUNED),
        counts.get(TrialState.FAIL));
    List<FrozenTrial> best = study.bestTrials();
    if (best.isEmpty()) {
      out.println("[rung] no trial completed: nothing to evaluate on the test set");
      write(fs, output, json(c, counts, null, Map.of(), null, output, List.of(), null));
      return Main.NO_RESULT;
    }
    FrontSelection.Choice choice =
        c.singleObjective()
            ? new FrontSelection.Choice(study.bestTrial(), null)
            : c.export().select(best, c.directions());
    FrozenTrial top = choice.trial();
    String checkpoint =
        new SegmentPlan(c.output(), c.studyName())
            .checkpoint(top.number(), c.pruner().maxResource());
    String modelDir = new Path(output, "best-model").toString();
    Map<String, Double> tuning = new LinkedHashMap<>();
    for (int i = 0; i < c.metrics().size(); i++) {
      tuning.put(c.metrics().get(i), top.values().get(i));
    }
    Map<String, Object> params = new HashMap<>(top.params());
    long seed = TrialSeed.of(top, c.sampler().seed());
    int number = top.number();
    jsc.setJobDescription("rung " + c.studyName() + ": test evaluation of trial " + top.number());
    Map<String, Double> metrics;
    try {
      metrics =
          jsc.parallelize(List.of(0), 1)
              .map(i -> runner.testAndExport(params, checkpoint, tuning, modelDir, seed, number))
              .collect()
              .get(0);
    } catch (Exception e) {
      String refused = refusedCheckpoint(e);
      if (refused == null) {
        throw e;
      }
      // The sweep's results stand; only the test evaluation and the export are missing.
      out.printf(
          Locale.ROOT,
          "[rung] best trial %d was not evaluated on the test set nor exported: %s%n",
          top.number(),
          ConsoleText.of(refused));
      write(fs, output, json(c, counts, top, tuning, refused, output, best, choice));
      return Main.ERROR;
    }
    if (c.singleObjective()) {
      out.printf(
          Locale.ROOT,
          "[rung] best trial %d: %s = %.5f; %s%n",
          top.number(),
          ConsoleText.of(c.metrics().get(0)),
          top.value(),
          testMetrics(metrics, tuning));
    } else {
      out.printf(
          Locale.ROOT,
          "[rung] Pareto front: %d trial(s) %s; trial %d exported by the rule %s%s (%s)%n",
          best.size(),
          best.stream().map(FrozenTrial::number).toList(),
          top.number(),
          ConsoleText.of(c.export().toString()),
          choice.note() == null ? "" : "; " + ConsoleText.of(choice.note()),
          testMetrics(metrics, tuning));
    }
    out.println("[rung] parameters: " + ConsoleText.of(top.params()));
    out.println("[rung] model: " + ConsoleText.of(runner.exported(modelDir)));
    // The tables: this run's partitions under its output root (or, for an output of the
    // earlier layout, its own directories).
    Path trialsTable = Tables.path(output, TableSchemas.TRIALS);
    String tables =
        OutputLayout.isRunDirectory(output)
            ? OutputLayout.root(output)
                + "/{trials,intermediate_values,segments,runs}/"
                + trialsTable.getParent().getName()
                + "/"
                + trialsTable.getName()
            : output + "/{trials,intermediate_values,segments,runs}";
    out.println(
        "[rung] tables: "
            + ConsoleText.of(tables)
            + "; query this run's with: bin/rung sql "
            + ConsoleText.of(output.toString())
            + " \"SELECT ...\", every run's with: bin/rung sql "
            + ConsoleText.of(OutputLayout.root(output).toString()));
    write(fs, output, json(c, counts, top, metrics, null, output, best, choice));
    return 0;
  }

  /** The test metrics, e.g. "test accuracy 0.9805, test macro-F1 0.9804". */
  private static String testMetrics(Map<String, Double> metrics, Map<String, Double> tuning) {
    StringBuilder sb = new StringBuilder();
    for (var e : metrics.entrySet()) {
      if (tuning.containsKey(e.getKey()) || e.getValue() == null) {
        continue;
      }
      String name = ConsoleText.of(e.getKey().replace('_', ' ').replace("macro f1", "macro-F1"));
      sb.append(sb.length() == 0 ? "" : ", ")
          .append(String.format(Locale.ROOT, "%s %.4f", name, e.getValue()));
    }
    return sb.length() == 0 ? "no test metrics reported" : sb.toString();
  }

  /**
   * The message of the {@link CheckpointException} that made the test evaluation fail, or null when
   * it failed for another reason. Spark hands the task's exception back as the cause of its own,
   * or, when it could not, only in its message.
   */
  static String refusedCheckpoint(Throwable failure) {
    CheckpointException refused = Causes.find(failure, CheckpointException.class);
    if (refused != null) {
      return refused.getMessage();
    }
    String marker = CheckpointException.class.getName() + ": ";
    String message = String.valueOf(failure.getMessage());
    int at = message.indexOf(marker);
    return at < 0 ? null : message.substring(at + marker.length()).lines().findFirst().orElse("");
  }

  /**
   * The content of {@code summary.json}; NaN and infinite values are written as null ({@link
   * Json}).
   *
   * @param testError why the best trial was not evaluated on the test set, or null
   */
  private static Map<String, Object> json(
      SweepConfig c,
      Map<TrialState, Integer> counts,
      FrozenTrial best,
      Map<String, Double> metrics,
      String testError,
      Path output,
      List<FrozenTrial> front,
      FrontSelection.Choice choice) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("study", c.studyName());
    json.put("config_hash", c.hash());
    counts.forEach((s, n) -> json.put(s.name().toLowerCase(Locale.ROOT), n));
    if (best != null) {
      json.put("best_trial", best.number());
      json.put("best_values", best.values());
      json.put("best_params", new LinkedHashMap<>(best.params()));
      json.put("metrics", metrics);
    }
    if (!c.singleObjective() && !front.isEmpty()) {
      json.put("export_rule", c.export().toString());
      if (choice != null && choice.note() != null) {
        json.put("export_note", choice.note());
      }
      List<Map<String, Object>> members = new ArrayList<>();
      for (FrozenTrial f : front) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("trial", f.number());
        m.put("values", f.values());
        m.put("params", new LinkedHashMap<>(f.params()));
        members.add(m);
      }
      json.put("front", members);
    }
    if (testError != null) {
      json.put("test_error", testError);
    }
    json.put("output", output.toString());
    return json;
  }

  private static void write(FileSystem fs, Path output, Map<String, Object> json)
      throws IOException {
    Path tmp = new Path(output, ".summary.json.tmp");
    try (FSDataOutputStream s = fs.create(tmp, true)) {
      s.write(Json.bytes(json));
    }
    Path target = new Path(output, "summary.json");
    fs.delete(target, false);
    fs.rename(tmp, target);
  }
}
