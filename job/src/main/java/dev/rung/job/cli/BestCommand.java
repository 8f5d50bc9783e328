package dev.rung.job.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.rung.job.ConsoleText;
import dev.rung.job.results.StoredStudy;
import dev.rung.job.tables.StudyIdentity;
import dev.rung.job.tables.TrialRow;
import dev.rung.study.TrialState;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * {@code rung best OUTPUT}: the best trial of a sweep (its number, value, parameters, and the test
 * metrics {@code summary.json} holds for it); for several objectives, every trial of the Pareto
 * front. It reads the output as the report does ({@link StoredStudy}), without Spark.
 */
@Command(
    name = "best",
    mixinStandardHelpOptions = true,
    versionProvider = Main.Version.class,
    description = {
      "Shows the best COMPLETE trial of a sweep's output: number, value, parameters, and its test"
          + " metrics when the sweep evaluated it (summary.json). With several objectives, the"
          + " trials of the Pareto front.",
      "Exits with 3 when no trial has completed."
    },
    footer = Main.SEE_EXIT_CODES)
final class BestCommand implements Callable<Integer> {
  private final Streams io;

  @Mixin private OutputOptions.Output output;

  BestCommand(Streams io) {
    this.io = io;
  }

  @Override
  public Integer call() throws IOException {
    StoredStudy study = OutputOptions.study(output.location);
    StudyIdentity identity = study.identity();
    Map<TrialState, Integer> counts = new TreeMap<>();
    study.trials().forEach(r -> counts.merge(r.state(), 1, Integer::sum));
    StringBuilder states = new StringBuilder();
    counts.forEach(
        (state, n) ->
            states
                .append(states.length() == 0 ? "" : ", ")
                .append(n)
                .append(' ')
                .append(state.name().toLowerCase(Locale.ROOT)));
    io.out()
        .printf(
            Locale.ROOT,
            "study %s: %d trials (%s); %s%n",
            ConsoleText.of(identity.study()),
            study.trials().size(),
            states,
            objectives(identity));
    List<TrialRow> best = study.best();
    if (best.isEmpty()) {
      io.out().println("no trial has completed yet: there is no best trial");
      return Main.NO_RESULT;
    }
    if (study.multiObjective()) {
      io.out().printf(Locale.ROOT, "Pareto front: %d trial(s)%n", best.size());
    }
    for (TrialRow t : best) {
      print(study.multiObjective() ? "trial" : "best trial", t, identity, study.summary());
    }
    return 0;
  }

  private static String objectives(StudyIdentity identity) {
    List<String> parts = new ArrayList<>();
    for (int i = 0; i < identity.directions().size(); i++) {
      String metric = i < identity.metrics().size() ? identity.metrics().get(i) : "value " + i;
      parts.add(identity.directions().get(i) + " " + ConsoleText.of(metric));
    }
    return String.join(", ", parts);
  }

  private void print(String label, TrialRow t, StudyIdentity identity, JsonNode summary) {
    List<String> values = new ArrayList<>();
    for (int i = 0; i < t.values().size(); i++) {
      String metric = i < identity.metrics().size() ? identity.metrics().get(i) : "value " + i;
      values.add(
          String.format(Locale.ROOT, "%s = %.6g", ConsoleText.of(metric), t.values().get(i)));
    }
    io.out()
        .printf(
            Locale.ROOT,
            "%s %d: %s (%d epochs)%n",
            label,
            t.number(),
            String.join(", ", values),
            t.epochsTrained());
    List<String> params = new ArrayList<>();
    t.params()
        .forEach(
            (k, v) -> {
              if (v != null) {
                params.add(ConsoleText.of(k) + "=" + ConsoleText.of(v));
              }
            });
    io.out().println("  parameters: " + String.join(", ", params));
    if (summary != null && summary.path("best_trial").asInt(-1) == t.number()) {
      io.out().println("  test set (summary.json): " + testMetrics(summary, identity));
    }
  }

  /** The metrics the sweep measured on the test set, without the ones it was tuned on. */
  private static String testMetrics(JsonNode summary, StudyIdentity identity) {
    List<String> parts = new ArrayList<>();
    summary
        .path("metrics")
        .fields()
        .forEachRemaining(
            e -> {
              if (!identity.metrics().contains(e.getKey()) && e.getValue().isNumber()) {
                parts.add(
                    String.format(
                        Locale.ROOT,
                        "%s %.4f",
                        ConsoleText.of(e.getKey()),
                        e.getValue().asDouble()));
              }
            });
    if (summary.hasNonNull("test_error")) {
      parts.add("not evaluated: " + ConsoleText.of(summary.get("test_error").asText()));
    }
    return parts.isEmpty() ? "no test metrics recorded" : String.join(", ", parts);
  }
}
