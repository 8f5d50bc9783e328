package dev.rung.job.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.rung.distributions.CategoricalDistribution;
import dev.rung.distributions.Distribution;
import dev.rung.distributions.FloatDistribution;
import dev.rung.job.results.StoredStudy;
import dev.rung.job.tables.SegmentRow;
import dev.rung.study.Direction;
import dev.rung.study.TrialState;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the report computes from a study, checked on studies made up so that the answer is known.
 */
class ReportModelTest {
  /** Importance that ranks the space's parameters in their order, 0.6, 0.3, 0.1, ... */
  static final ReportModel.Importance FIXED_IMPORTANCE =
      study -> {
        Map<String, Double> shares = new LinkedHashMap<>();
        double left = 1;
        for (String name : study.space().keySet()) {
          shares.put(name, left * 0.6);
          left *= 0.4;
        }
        return Map.of("fixed", ReportModel.Ranking.of(shares));
      };

  @TempDir Path dir;

  private static Map<String, Distribution> space() {
    Map<String, Distribution> space = new LinkedHashMap<>();
    space.put("lr", FloatDistribution.logUniform(1e-4, 1));
    space.put("opt", CategoricalDistribution.of("adam", "sgd"));
    space.put("momentum", FloatDistribution.uniform(0, 1));
    return space;
  }

  private static ReportFixtures.Spec trial(
      TrialState state, Double value, double lr, String opt, int epochs) {
    Map<String, Object> p = new LinkedHashMap<>();
    p.put("lr", lr);
    p.put("opt", opt);
    if (opt.equals("sgd")) {
      p.put("momentum", 0.9);
    }
    return new ReportFixtures.Spec(state, value == null ? List.of() : List.of(value), p, epochs);
  }

  private ObjectNode model(
      List<Direction> directions, List<String> metrics, List<ReportFixtures.Spec> specs) {
    StoredStudy s = ReportFixtures.study("s", directions, metrics, space(), specs, dir);
    return ReportModel.of(s, FIXED_IMPORTANCE, Instant.EPOCH, false);
  }

  private ObjectNode maximizing(List<ReportFixtures.Spec> specs) {
    return model(List.of(Direction.MAXIMIZE), List.of("acc"), specs);
  }

  @Test
  void historyKeepsTheBestSoFarInTheStudysDirection() {
    ObjectNode m =
        maximizing(
            List.of(
                trial(TrialState.COMPLETE, 0.5, 1e-3, "adam", 3),
                trial(TrialState.PRUNED, null, 1e-2, "sgd", 1),
                trial(TrialState.COMPLETE, 0.7, 1e-1, "sgd", 3),
                trial(TrialState.COMPLETE, 0.6, 1e-4, "adam", 3)));
    JsonNode byTrial = m.get("history").get("byTrial");
    assertEquals(3, byTrial.size(), "only completed trials: " + byTrial);
    assertEquals(
        List.of(0.5, 0.7, 0.7),
        List.of(
            byTrial.get(0).get(2).asDouble(),
            byTrial.get(1).get(2).asDouble(),
            byTrial.get(2).get(2).asDouble()));
    assertEquals(2, byTrial.get(1).get(0).asInt());
    assertEquals(List.of(2), List.of(m.get("study").get("best").get(0).asInt()));

    ObjectNode min =
        model(
            List.of(Direction.MINIMIZE),
            List.of("loss"),
            List.of(
                trial(TrialState.COMPLETE, 0.5, 1e-3, "adam", 3),
                trial(TrialState.COMPLETE, 0.7, 1e-1, "sgd", 3)));
    assertEquals(0.5, min.get("history").get("byTrial").get(1).get(2).asDouble());
    assertEquals(0, min.get("study").get("best").get(0).asInt());
  }

  @Test
  void epochsSpentCountTheEpochsEverySegmentRecordedBeforeATrialEnded() {
    // Trial i starts at minute i and trains one epoch per second: no overlap, so each trial's
    // epochs-spent figure is the sum of the epochs of the trials before it and its own.
    ObjectNode m =
        maximizing(
            List.of(
                trial(TrialState.COMPLETE, 0.5, 1e-3, "adam", 3),
                trial(TrialState.PRUNED, null, 1e-2, "sgd", 1),
                trial(TrialState.COMPLETE, 0.7, 1e-1, "sgd", 3)));
    JsonNode byEpochs = m.get("history").get("byEpochs");
    assertEquals(2, byEpochs.size());
    assertEquals(3, byEpochs.get(0).get(0).asLong());
    assertEquals(7, byEpochs.get(1).get(0).asLong());
    assertEquals(2, byEpochs.get(1).get(3).asInt(), "the trial's number comes along");
    assertEquals(7, m.get("study").get("epochsSpent").asLong());
  }

  @Test
  void theEmpiricalDistributionCountsTiesOnce() {
    ObjectNode m =
        maximizing(
            List.of(
                trial(TrialState.COMPLETE, 0.5, 1e-3, "adam", 1),
                trial(TrialState.COMPLETE, 0.5, 1e-2, "adam", 1),
                trial(TrialState.COMPLETE, 0.9, 1e-1, "adam", 1),
                trial(TrialState.COMPLETE, 0.1, 1e-4, "adam", 1)));
    JsonNode edf = m.get("edf");
    assertEquals("[[0.1,0.25],[0.5,0.75],[0.9,1.0]]", edf.toString());
  }

  @Test
  void theParetoFrontHoldsTheTrialsNoOtherDominates() {
    // minimize loss, maximize accuracy
    List<ReportFixtures.Spec> specs = new ArrayList<>();
    double[][] v = {{1, 0.5}, {2, 0.9}, {2, 0.4}, {0.5, 0.2}, {3, 0.9}};
    for (double[] x : v) {
      Map<String, Object> p = Map.of("lr", 0.01, "opt", "adam");
      specs.add(new ReportFixtures.Spec(TrialState.COMPLETE, List.of(x[0], x[1]), p, 1));
    }
    ObjectNode m =
        model(List.of(Direction.MINIMIZE, Direction.MAXIMIZE), List.of("loss", "acc"), specs);
    assertFalse(m.has("history"));
    List<Integer> front = new ArrayList<>();
    for (JsonNode pt : m.get("pareto").get("points")) {
      if (pt.get(1).asBoolean()) {
        front.add(pt.get(0).asInt());
      }
    }
    assertEquals(List.of(0, 1, 3), front, "2 is dominated by 0, 4 by 1");
    assertEquals("[0,1,3]", m.get("study").get("best").toString());
  }

  @Test
  void contoursPairTheMostImportantParametersAndStayWithinTheObservedValues() {
    List<ReportFixtures.Spec> specs = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      specs.add(
          trial(
              TrialState.COMPLETE,
              0.1 * i,
              Math.pow(10, -4 + 0.4 * i),
              i % 3 == 0 ? "sgd" : "adam",
              1));
    }
    ObjectNode m = maximizing(specs);
    JsonNode contours = m.get("contours");
    // lr, opt, momentum ranked in that order: pairs (lr, opt), (lr, momentum), (opt, momentum)
    assertEquals(3, contours.size());
    assertEquals("lr", contours.get(0).get("x").asText());
    assertEquals("opt", contours.get(0).get("y").asText());
    assertEquals(10, contours.get(0).get("trials").asInt());
    assertEquals(4, contours.get(1).get("trials").asInt(), "momentum only where opt = sgd");
    JsonNode c = contours.get(0);
    assertEquals(ReportModel.CONTOUR_GRID, c.get("xs").size());
    assertEquals(
        List.of("adam", "sgd"), List.of(c.get("ys").get(0).asText(), c.get("ys").get(1).asText()));
    assertEquals(ReportModel.CONTOUR_GRID * 2, c.get("z").size());
    for (JsonNode z : c.get("z")) {
      double v = z.get(2).asDouble();
      assertTrue(
          v >= 0 && v <= 0.9 + 1e-12, "inverse-distance weighting stays within the data: " + z);
    }
    // The log axis: labels rise geometrically from about 1e-4 to about 1.
    double first = Double.parseDouble(c.get("xs").get(0).asText());
    double last = Double.parseDouble(c.get("xs").get(ReportModel.CONTOUR_GRID - 1).asText());
    assertTrue(first > 1e-4 && first < 2e-4 && last > 0.6 && last < 1, first + " .. " + last);
  }

  @Test
  void theTimelineCountsSegmentsRunningAtOnceAndEachLanesBusyShare() {
    ObjectNode m =
        maximizing(
            List.of(
                trial(TrialState.COMPLETE, 0.5, 1e-3, "adam", 2),
                trial(TrialState.COMPLETE, 0.6, 1e-3, "adam", 2)));
    JsonNode tl = m.get("timeline");
    assertEquals(2, tl.get("lanes").size());
    assertEquals("executor 0 #1", tl.get("lanes").get(0).get("name").asText());
    // Trial 0 runs from 0 s to 2 s, trial 1 from 60 s to 62 s: 4 s busy of 62 s.
    assertEquals(2.0 / 62, tl.get("lanes").get(0).get("busy").asDouble(), 1e-9);
    long max = 0;
    for (JsonNode r : tl.get("running")) {
      max = Math.max(max, r.get(1).asLong());
    }
    assertEquals(1, max);
    assertEquals(0, tl.get("running").get(tl.get("running").size() - 1).get(1).asLong());
    assertEquals(4, tl.get("segments").size());
  }

  @Test
  void theDecisionsCountSegmentOutcomesByTheEpochTheyEndedAt() {
    ObjectNode m =
        maximizing(
            List.of(
                trial(TrialState.COMPLETE, 0.5, 1e-3, "adam", 3),
                trial(TrialState.PRUNED, null, 1e-2, "sgd", 1)));
    JsonNode d = m.get("decisions");
    assertEquals("[1,2]", d.get("rungs").toString());
    assertEquals(1, d.get("byEpoch").get(0).get("promoted").asInt());
    assertEquals(1, d.get("byEpoch").get(0).get("stopped").asInt());
    assertEquals(1, d.get("byEpoch").get(2).get("completed").asInt());
  }

  @Test
  void conditionalParametersAreNullAndNothingIsNaN() {
    ObjectNode m =
        maximizing(
            List.of(
                trial(TrialState.COMPLETE, 0.5, 1e-3, "adam", 1),
                trial(TrialState.COMPLETE, Double.NaN, 1e-3, "sgd", 1)));
    assertTrue(m.get("trials").get(0).get("params").get("momentum").isNull());
    assertEquals(0.9, m.get("trials").get(1).get("params").get("momentum").asDouble());
    assertTrue(m.get("trials").get(1).get("values").get(0).isNull());
    String json = Report.scriptSafeJson(m);
    assertFalse(json.contains("NaN"), json);
  }

  @Test
  void theEmbeddedDataCannotCloseItsScriptElement(@TempDir Path d) {
    StoredStudy s = ReportFixtures.hostile(d);
    String html = Report.html(s, FIXED_IMPORTANCE, false);
    int data = html.indexOf("<script type=\"application/json\" id=\"rung-data\">");
    int end = html.indexOf("</script>", data);
    String json = html.substring(data, end);
    assertFalse(json.substring(json.indexOf('>') + 1).contains("<"), "no < in the data");
    assertTrue(html.contains("<title>Rung study study &lt;script&gt;"), "the title is escaped");
    assertFalse(
        java.util.regex.Pattern.compile("(src|href)\\s*=\\s*[\"']?(https?:|//)")
            .matcher(html)
            .find(),
        "nothing loads from the network");
  }

  @Test
  void segmentsOverlappingOnOneExecutorTakeLanesOfTheirOwn() {
    // Trial i's epochs run on executor i % 2 from minute i: trials 0 and 2 never overlap, so one
    // lane per executor; with all on executor 0 at once, as many lanes as overlapping segments.
    List<ReportFixtures.Spec> specs = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      specs.add(trial(TrialState.COMPLETE, 0.5, 1e-3, "adam", 2));
    }
    StoredStudy s =
        ReportFixtures.study("s", List.of(Direction.MAXIMIZE), List.of("acc"), space(), specs, dir);
    List<SegmentRow> shifted = new ArrayList<>();
    for (SegmentRow g : s.segments()) {
      // every segment on executor 7, all starting within the first 2 seconds
      Instant start = ReportFixtures.T0.plusMillis(g.trial() * 300L + g.epochFrom() * 1000L);
      shifted.add(
          new SegmentRow(
              g.study(),
              g.segmentId(),
              g.trial(),
              g.rung(),
              g.bracket(),
              g.epochFrom(),
              g.epochTo(),
              "7",
              g.host(),
              null,
              0,
              start,
              start.plusMillis(1000),
              1000,
              g.outcome(),
              null,
              null,
              null,
              null));
    }
    StoredStudy packed =
        new StoredStudy(
            s.output(),
            s.identity(),
            s.directions(),
            s.space(),
            s.trials(),
            s.curves(),
            s.values(),
            shifted,
            null,
            true);
    JsonNode tl = ReportModel.of(packed, FIXED_IMPORTANCE, Instant.EPOCH, false).get("timeline");
    long max = 0;
    for (JsonNode r : tl.get("running")) {
      max = Math.max(max, r.get(1).asLong());
    }
    assertEquals(
        max, tl.get("lanes").size(), "one lane per segment running at once: " + tl.get("lanes"));
    assertTrue(max >= 3, "segments overlapped: " + max);
    for (JsonNode l : tl.get("lanes")) {
      assertTrue(l.get("name").asText().startsWith("executor 7 #"), l.toString());
      assertTrue(l.get("busy").asDouble() <= 1, l.toString());
    }
  }
}
