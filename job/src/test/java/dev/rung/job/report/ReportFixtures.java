package dev.rung.job.report;

import com.fasterxml.jackson.databind.JsonNode;
import dev.rung.distributions.CategoricalDistribution;
import dev.rung.distributions.Distribution;
import dev.rung.distributions.FloatDistribution;
import dev.rung.distributions.IntDistribution;
import dev.rung.job.results.StoredStudy;
import dev.rung.job.tables.IntermediateValueRow;
import dev.rung.job.tables.Provenance;
import dev.rung.job.tables.SegmentOutcome;
import dev.rung.job.tables.SegmentRow;
import dev.rung.job.tables.StudyIdentity;
import dev.rung.job.tables.TrialRow;
import dev.rung.study.Direction;
import dev.rung.study.TrialState;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/** Stored studies made up for report tests, without a sweep. */
final class ReportFixtures {
  private ReportFixtures() {}

  static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
  static final Provenance PROVENANCE = new Provenance("abc", "1.0", "CPU", "17", "3.5.3");

  /** Strings that would run as script if the report put them into the page as HTML. */
  static final List<String> HOSTILE =
      List.of(
          "<script>window.pwned=1</script>",
          "<img src=x onerror=\"window.pwned=1\">",
          "</script><script>window.pwned=1</script>",
          "<svg onload=window.pwned=1>",
          "\"'&amp;<b>bold</b>");

  /** One trial: its state, objective values, parameters, and the epochs it recorded. */
  record Spec(TrialState state, List<Double> values, Map<String, Object> params, int epochs) {}

  /**
   * A study of {@code specs}: trial {@code i} starts at minute {@code i}, trains its epochs in one
   * segment per epoch on executor {@code i % 2}, one second per epoch, and its curve rises to its
   * first value.
   */
  static StoredStudy study(
      String name,
      List<Direction> directions,
      List<String> metrics,
      Map<String, Distribution> space,
      List<Spec> specs,
      Path output) {
    List<TrialRow> trials = new ArrayList<>();
    List<IntermediateValueRow> values = new ArrayList<>();
    List<SegmentRow> segments = new ArrayList<>();
    Map<Integer, SortedMap<Integer, Double>> curves = new HashMap<>();
    for (int i = 0; i < specs.size(); i++) {
      Spec s = specs.get(i);
      Instant start = T0.plusSeconds(60L * i);
      SortedMap<Integer, Double> curve = new TreeMap<>();
      double last = s.values().isEmpty() ? 0.5 : s.values().get(0);
      for (int e = 1; e <= s.epochs(); e++) {
        String id = "seg-" + i + "-" + e;
        double v = last * e / s.epochs();
        curve.put(e, v);
        values.add(new IntermediateValueRow(name, i, e, v, null, null, null, null, 1000.0, id));
        Instant from = start.plusSeconds(e - 1L);
        SegmentOutcome outcome =
            e < s.epochs()
                ? SegmentOutcome.PROMOTED
                : switch (s.state()) {
                  case COMPLETE -> SegmentOutcome.COMPLETED;
                  case PRUNED -> SegmentOutcome.STOPPED;
                  case FAIL -> SegmentOutcome.FAILED;
                  default -> SegmentOutcome.PROMOTED;
                };
        segments.add(
            new SegmentRow(
                name,
                id,
                i,
                e - 1,
                0,
                e - 1,
                e,
                String.valueOf(i % 2),
                "host",
                null,
                0,
                from,
                from.plusSeconds(1),
                1000,
                outcome,
                s.state() == TrialState.FAIL ? HOSTILE.get(1) : null,
                null,
                null,
                null));
      }
      curves.put(i, curve);
      Instant end = s.state().isFinished() ? start.plusSeconds(s.epochs()) : null;
      trials.add(
          new TrialRow(
              name,
              i,
              s.state(),
              s.values(),
              s.params(),
              0,
              s.epochs(),
              s.epochs(),
              start,
              end,
              end == null ? null : 1000L * s.epochs(),
              i,
              Map.of("note", HOSTILE.get(3)),
              s.state() == TrialState.FAIL ? HOSTILE.get(1) : null,
              PROVENANCE));
    }
    Map<String, String> described = new TreeMap<>();
    space.forEach((k, d) -> described.put(k, d.describe()));
    List<String> dirs = new ArrayList<>();
    directions.forEach(d -> dirs.add(d.name().toLowerCase(Locale.ROOT)));
    StudyIdentity identity = new StudyIdentity(name, dirs, metrics, described, "trainer T", 9);
    return new StoredStudy(
        new org.apache.hadoop.fs.Path(output.toUri()),
        identity,
        directions,
        new LinkedHashMap<>(space),
        trials,
        curves,
        values,
        segments,
        (JsonNode) null,
        true);
  }

  /** A study whose every name and value that a user can choose is {@link #HOSTILE}. */
  static StoredStudy hostile(Path dir) {
    Map<String, Distribution> space = new LinkedHashMap<>();
    space.put(HOSTILE.get(0), FloatDistribution.logUniform(1e-4, 1));
    space.put(HOSTILE.get(1), CategoricalDistribution.of(HOSTILE.get(2), HOSTILE.get(4)));
    space.put("width", IntDistribution.of(1, 10));
    List<Spec> specs = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      Map<String, Object> p = new LinkedHashMap<>();
      p.put(HOSTILE.get(0), Math.pow(10, -4 + i * 0.5));
      p.put(HOSTILE.get(1), i % 2 == 0 ? HOSTILE.get(2) : HOSTILE.get(4));
      p.put("width", 1 + i);
      TrialState state = i == 7 ? TrialState.FAIL : TrialState.COMPLETE;
      specs.add(new Spec(state, state == TrialState.COMPLETE ? List.of(0.1 * i) : List.of(), p, 3));
    }
    return study(
        "study " + HOSTILE.get(0),
        List.of(Direction.MAXIMIZE),
        List.of(HOSTILE.get(3)),
        space,
        specs,
        dir.resolve("out"));
  }

  /**
   * A study of three objectives (minimize, maximize, minimize) over two parameters, 30 trials, a
   * few of them not complete.
   */
  static StoredStudy threeObjectives(Path dir) {
    Map<String, Distribution> space = new LinkedHashMap<>();
    space.put("lr", FloatDistribution.logUniform(1e-4, 1));
    space.put("opt", CategoricalDistribution.of("adam", "sgd"));
    List<Spec> specs = new ArrayList<>();
    java.util.Random r = new java.util.Random(5);
    for (int i = 0; i < 30; i++) {
      Map<String, Object> p = new LinkedHashMap<>();
      p.put("lr", Math.pow(10, -4 + 4 * r.nextDouble()));
      p.put("opt", r.nextBoolean() ? "adam" : "sgd");
      TrialState state = i % 7 == 3 ? TrialState.PRUNED : TrialState.COMPLETE;
      List<Double> values =
          state == TrialState.COMPLETE
              ? List.of(r.nextDouble(), r.nextDouble(), r.nextDouble())
              : List.of();
      specs.add(new Spec(state, values, p, 2));
    }
    return study(
        "three",
        List.of(Direction.MINIMIZE, Direction.MAXIMIZE, Direction.MINIMIZE),
        List.of("loss", "accuracy", "latency_ms"),
        space,
        specs,
        dir.resolve("out"));
  }
}
