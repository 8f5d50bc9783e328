package dev.rung.job.cli;

import dev.rung.job.ConsoleText;
import dev.rung.job.tables.StudyIdentity;
import dev.rung.multi.ParetoFront;
import dev.rung.study.Direction;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.spark.sql.Row;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * {@code rung best OUTPUT}: the best trial of a sweep (its number, value, parameters, and the test
 * metrics {@code summary.json} holds for it); for several objectives, every trial of the Pareto
 * front.
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

  /** A COMPLETE trial as the table stores it. */
  private record Done(int number, List<Double> values, Map<String, Object> params, int epochs) {}

  @Override
  public Integer call() {
    try (QuerySession session = QuerySession.open(output.location)) {
      StudyIdentity identity =
          session
              .identity()
              .orElseThrow(
                  () ->
                      new BadArgumentException(
                          "OUTPUT: "
                              + ConsoleText.of(output.location)
                              + " holds no readable "
                              + StudyIdentity.FILE
                              + ", which says whether the study minimizes or maximizes; run the"
                              + " sweep on it again to record it, or use rung trials"));
      List<Direction> directions = new ArrayList<>();
      for (String d : identity.directions()) {
        switch (d.toLowerCase(Locale.ROOT)) {
          case "minimize" -> directions.add(Direction.MINIMIZE);
          case "maximize" -> directions.add(Direction.MAXIMIZE);
          default ->
              throw new BadArgumentException(
                  "OUTPUT: "
                      + StudyIdentity.FILE
                      + " has direction '"
                      + ConsoleText.of(d)
                      + "'; expected minimize or maximize");
        }
      }
      List<Row> counts =
          session
              .sql("SELECT state, COUNT(*) FROM trials GROUP BY state ORDER BY state")
              .collectAsList();
      List<Done> complete = complete(session);
      StringBuilder states = new StringBuilder();
      long all = 0;
      for (Row r : counts) {
        states.append(states.length() == 0 ? "" : ", ").append(r.getLong(1)).append(' ');
        states.append(r.getString(0).toLowerCase(Locale.ROOT));
        all += r.getLong(1);
      }
      io.out()
          .printf(
              Locale.ROOT,
              "study %s: %d trials (%s); %s%n",
              ConsoleText.of(identity.study()),
              all,
              states,
              objectives(identity));
      if (complete.isEmpty()) {
        io.out().println("no trial has completed yet: there is no best trial");
        return Main.NO_RESULT;
      }
      Map<String, Object> summary = session.summary();
      if (directions.size() == 1) {
        Direction d = directions.get(0);
        Done best = complete.get(0);
        for (Done t : complete) {
          if (d.better(t.values().get(0), best.values().get(0))) {
            best = t;
          }
        }
        print("best trial", best, identity, summary);
      } else {
        double[][] points = new double[complete.size()][];
        for (int i = 0; i < points.length; i++) {
          points[i] = ParetoFront.minimized(complete.get(i).values(), directions);
        }
        boolean[] front = ParetoFront.nonDominated(points);
        List<Done> pareto = new ArrayList<>();
        for (int i = 0; i < front.length; i++) {
          if (front[i]) {
            pareto.add(complete.get(i));
          }
        }
        io.out().printf(Locale.ROOT, "Pareto front: %d trial(s)%n", pareto.size());
        for (Done t : pareto) {
          print("trial", t, identity, summary);
        }
      }
      return 0;
    }
  }

  private static List<Done> complete(QuerySession session) {
    List<Done> out = new ArrayList<>();
    for (Row r :
        session
            .sql(
                "SELECT number, values, params, epochs_trained FROM trials"
                    + " WHERE state = 'COMPLETE' ORDER BY number")
            .collectAsList()) {
      List<Double> values = r.isNullAt(1) ? List.of() : r.getList(1);
      Map<String, Object> params = new LinkedHashMap<>();
      if (!r.isNullAt(2)) {
        Row p = r.getStruct(2);
        String[] names = p.schema().fieldNames();
        for (int i = 0; i < names.length; i++) {
          if (!p.isNullAt(i)) {
            params.put(names[i], p.get(i));
          }
        }
      }
      if (!values.isEmpty() && values.stream().allMatch(v -> v != null && !v.isNaN())) {
        out.add(new Done(r.getInt(0), List.copyOf(values), params, r.getInt(3)));
      }
    }
    return out;
  }

  private static String objectives(StudyIdentity identity) {
    List<String> parts = new ArrayList<>();
    for (int i = 0; i < identity.directions().size(); i++) {
      String metric = i < identity.metrics().size() ? identity.metrics().get(i) : "value " + i;
      parts.add(identity.directions().get(i) + " " + ConsoleText.of(metric));
    }
    return String.join(", ", parts);
  }

  private void print(String label, Done t, StudyIdentity identity, Map<String, Object> summary) {
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
            t.epochs());
    List<String> params = new ArrayList<>();
    t.params().forEach((k, v) -> params.add(ConsoleText.of(k) + "=" + ConsoleText.of(v)));
    io.out().println("  parameters: " + String.join(", ", params));
    Object tested = summary.get("best_trial");
    if (tested instanceof Number n && n.intValue() == t.number()) {
      io.out().println("  test set (summary.json): " + testMetrics(summary, identity));
    }
  }

  /** The metrics the sweep measured on the test set, without the ones it was tuned on. */
  private static String testMetrics(Map<String, Object> summary, StudyIdentity identity) {
    List<String> parts = new ArrayList<>();
    if (summary.get("metrics") instanceof Map<?, ?> metrics) {
      metrics.forEach(
          (k, v) -> {
            if (!identity.metrics().contains(String.valueOf(k)) && v instanceof Number n) {
              parts.add(String.format(Locale.ROOT, "%s %.4f", ConsoleText.of(k), n.doubleValue()));
            }
          });
    }
    if (summary.get("test_error") != null) {
      parts.add("not evaluated: " + ConsoleText.of(summary.get("test_error")));
    }
    return parts.isEmpty() ? "no test metrics recorded" : String.join(", ", parts);
  }
}
