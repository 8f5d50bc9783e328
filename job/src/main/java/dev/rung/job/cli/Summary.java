package dev.rung.job.cli;

import dev.rung.job.config.SweepConfig;
import dev.rung.job.driver.SegmentPlan;
import dev.rung.job.exec.TrainingSegmentRunner;
import dev.rung.study.FrozenTrial;
import dev.rung.study.Study;
import dev.rung.study.TrialState;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
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
 */
final class Summary {
  private Summary() {}

  static int report(
      SweepConfig c,
      Study study,
      List<FrozenTrial> trials,
      TrainingSegmentRunner runner,
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
        c.studyName(),
        trials.size(),
        counts.get(TrialState.COMPLETE),
        counts.get(TrialState.PRUNED),
        counts.get(TrialState.FAIL));
    List<FrozenTrial> best = study.bestTrials();
    if (best.isEmpty()) {
      out.println("[rung] no trial completed: nothing to evaluate on the test set");
      write(fs, output, json(c, counts, null, Map.of(), output));
      return Main.NO_RESULT;
    }
    FrozenTrial top = c.singleObjective() ? study.bestTrial() : best.get(0);
    String checkpoint =
        new SegmentPlan(c.output(), c.studyName())
            .checkpoint(top.number(), c.pruner().maxResource());
    String modelDir = new Path(output, "best-model").toString();
    Map<String, Double> tuning = new LinkedHashMap<>();
    for (int i = 0; i < c.metrics().size(); i++) {
      tuning.put(c.metrics().get(i), top.values().get(i));
    }
    Map<String, Object> params = new HashMap<>(top.params());
    jsc.setJobDescription("rung " + c.studyName() + ": test evaluation of trial " + top.number());
    Map<String, Double> metrics =
        jsc.parallelize(List.of(0), 1)
            .map(i -> runner.testAndExport(params, checkpoint, tuning, modelDir))
            .collect()
            .get(0);
    if (c.singleObjective()) {
      out.printf(
          Locale.ROOT,
          "[rung] best trial %d: %s = %.5f; test accuracy %.4f, test macro-F1" + " %.4f%n",
          top.number(),
          c.metrics().get(0),
          top.value(),
          metrics.get("test_accuracy"),
          metrics.get("test_macro_f1"));
    } else {
      out.printf(
          Locale.ROOT,
          "[rung] Pareto front: %d trial(s) %s; trial %d exported (test" + " accuracy %.4f)%n",
          best.size(),
          best.stream().map(FrozenTrial::number).toList(),
          top.number(),
          metrics.get("test_accuracy"));
    }
    out.println("[rung] parameters: " + top.params());
    out.println("[rung] model: " + modelDir + "/model.zip (with model.json)");
    out.println(
        "[rung] tables: "
            + output
            + "/{trials,intermediate_values,segments};"
            + " query them with: bin/rung sql "
            + output
            + " \"SELECT ...\"");
    write(fs, output, json(c, counts, top, metrics, output));
    return 0;
  }

  private static String json(
      SweepConfig c,
      Map<TrialState, Integer> counts,
      FrozenTrial best,
      Map<String, Double> metrics,
      Path output) {
    StringBuilder sb = new StringBuilder("{\n");
    sb.append("  \"study\": ").append(quote(c.studyName())).append(",\n");
    sb.append("  \"config_hash\": ").append(quote(c.hash())).append(",\n");
    counts.forEach(
        (s, n) ->
            sb.append("  \"")
                .append(s.name().toLowerCase(Locale.ROOT))
                .append("\": ")
                .append(n)
                .append(",\n"));
    if (best != null) {
      sb.append("  \"best_trial\": ").append(best.number()).append(",\n");
      sb.append("  \"best_values\": ").append(best.values()).append(",\n");
      sb.append("  \"best_params\": {");
      int i = 0;
      for (var e : best.params().entrySet()) {
        sb.append(i++ == 0 ? "" : ", ")
            .append(quote(e.getKey()))
            .append(": ")
            .append(e.getValue() instanceof String s ? quote(s) : String.valueOf(e.getValue()));
      }
      sb.append("},\n  \"metrics\": {");
      i = 0;
      for (var e : metrics.entrySet()) {
        sb.append(i++ == 0 ? "" : ", ").append(quote(e.getKey())).append(": ").append(e.getValue());
      }
      sb.append("},\n");
    }
    sb.append("  \"output\": ").append(quote(output.toString())).append("\n}\n");
    return sb.toString();
  }

  private static String quote(String s) {
    return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
  }

  private static void write(FileSystem fs, Path output, String json) throws IOException {
    Path tmp = new Path(output, ".summary.json.tmp");
    try (FSDataOutputStream s = fs.create(tmp, true)) {
      s.write(json.getBytes(StandardCharsets.UTF_8));
    }
    Path target = new Path(output, "summary.json");
    fs.delete(target, false);
    fs.rename(tmp, target);
  }
}
