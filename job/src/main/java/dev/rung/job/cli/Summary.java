package dev.rung.job.cli;

import dev.rung.job.config.SweepConfig;
import dev.rung.job.driver.SegmentPlan;
import dev.rung.job.driver.SweepDriver;
import dev.rung.job.exec.SweepRunner;
import dev.rung.study.FrozenTrial;
import dev.rung.study.Seeds;
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
    Object recordedSeed = top.systemAttrs().get(SweepDriver.SEED);
    long seed =
        recordedSeed instanceof Number n
            ? n.longValue()
            : Seeds.derive(c.sampler().seed(), top.number());
    int number = top.number();
    jsc.setJobDescription("rung " + c.studyName() + ": test evaluation of trial " + top.number());
    Map<String, Double> metrics =
        jsc.parallelize(List.of(0), 1)
            .map(i -> runner.testAndExport(params, checkpoint, tuning, modelDir, seed, number))
            .collect()
            .get(0);
    if (c.singleObjective()) {
      out.printf(
          Locale.ROOT,
          "[rung] best trial %d: %s = %.5f; %s%n",
          top.number(),
          c.metrics().get(0),
          top.value(),
          testMetrics(metrics, tuning));
    } else {
      out.printf(
          Locale.ROOT,
          "[rung] Pareto front: %d trial(s) %s; trial %d exported (%s)%n",
          best.size(),
          best.stream().map(FrozenTrial::number).toList(),
          top.number(),
          testMetrics(metrics, tuning));
    }
    out.println("[rung] parameters: " + top.params());
    out.println("[rung] model: " + runner.exported(modelDir));
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

  /** The test metrics, e.g. "test accuracy 0.9805, test macro-F1 0.9804". */
  private static String testMetrics(Map<String, Double> metrics, Map<String, Double> tuning) {
    StringBuilder sb = new StringBuilder();
    for (var e : metrics.entrySet()) {
      if (tuning.containsKey(e.getKey()) || e.getValue() == null) {
        continue;
      }
      String name = e.getKey().replace('_', ' ').replace("macro f1", "macro-F1");
      sb.append(sb.length() == 0 ? "" : ", ")
          .append(String.format(Locale.ROOT, "%s %.4f", name, e.getValue()));
    }
    return sb.length() == 0 ? "no test metrics reported" : sb.toString();
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
