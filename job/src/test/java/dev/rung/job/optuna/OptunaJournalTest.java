package dev.rung.job.optuna;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.rung.distributions.CategoricalDistribution;
import dev.rung.distributions.Distribution;
import dev.rung.distributions.FloatDistribution;
import dev.rung.distributions.IntDistribution;
import dev.rung.study.Direction;
import dev.rung.study.TrialState;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The journal's format on the cases a sweep's output rarely shows, read back by Optuna. */
class OptunaJournalTest {

  private static final Instant T0 = Instant.parse("2026-03-01T10:15:30.123456789Z");
  private static final ZoneId ZONE = ZoneId.of("Asia/Tokyo");

  private static final Map<String, Distribution> SPACE =
      Map.of(
          "kind",
          new CategoricalDistribution(Arrays.asList(null, true, 1.5, "x", 7L)),
          "lr",
          FloatDistribution.logUniform(1e-5, 0.1));

  private static JournalTrial trial(
      int number,
      TrialState state,
      List<Double> values,
      Object kind,
      Map<Integer, Double> curve,
      Instant start,
      Instant end) {
    Map<String, Object> params = new LinkedHashMap<>();
    params.put("kind", kind);
    params.put("lr", 1e-3);
    return new JournalTrial(
        number,
        state,
        values,
        params,
        SPACE,
        new TreeMap<>(curve),
        start,
        end,
        Map.of("note", "n" + number),
        Map.of("rung:seed", 42L + number));
  }

  @Test
  void optunaReadsEveryStateNanCurvesAndChoicesOfAnyType(@TempDir Path dir) throws Exception {
    List<JournalTrial> trials =
        List.of(
            trial(0, TrialState.COMPLETE, List.of(0.5), 7L, Map.of(1, 0.5), T0, T0.plusSeconds(2)),
            // A curve that diverged: no value, as Optuna gives a pruned trial whose last
            // intermediate value is NaN.
            trial(
                1,
                TrialState.PRUNED,
                List.of(),
                true,
                Map.of(1, 0.25, 2, Double.NaN),
                T0,
                T0.plusSeconds(3)),
            trial(2, TrialState.FAIL, List.of(), "x", Map.of(), T0, T0.plusSeconds(1)),
            trial(3, TrialState.RUNNING, List.of(), 1.5, Map.of(1, 0.75), T0, null),
            trial(4, TrialState.WAITING, List.of(), null, Map.of(), null, null));
    String text = OptunaJournal.of("edge", List.of(Direction.MAXIMIZE), trials, ZONE);
    assertTrue(text.endsWith("\n"));
    assertEquals(6, text.lines().count(), "the study, then one line per trial");
    Path journal = dir.resolve("edge.journal");
    Files.writeString(journal, text);

    JsonNode seen = OptunaPython.load(journal, "edge");
    JsonNode t = seen.get("trials");
    assertEquals(5, t.size());
    assertEquals(
        List.of("COMPLETE", "PRUNED", "FAIL", "RUNNING", "WAITING"),
        List.of(
            t.get(0).get("state").asText(),
            t.get(1).get("state").asText(),
            t.get(2).get("state").asText(),
            t.get(3).get("state").asText(),
            t.get(4).get("state").asText()));
    assertEquals(7, t.get(0).get("params").get("kind").asLong());
    assertTrue(t.get(1).get("params").get("kind").asBoolean());
    assertEquals("x", t.get(2).get("params").get("kind").asText());
    assertEquals(1.5, t.get(3).get("params").get("kind").asDouble());
    assertTrue(t.get(4).get("params").get("kind").isNull());
    assertEquals(1e-3, t.get(0).get("params").get("lr").asDouble());
    assertEquals(0.5, seen.get("best_value").asDouble());
    assertTrue(t.get(1).get("value").isNull());
    assertTrue(Double.isNaN(t.get(1).get("intermediate_values").get("2").asDouble()));
    assertEquals(0.25, t.get(1).get("intermediate_values").get("1").asDouble());
    // 10:15:30.123456 UTC is 19:15:30.123456 in Tokyo.
    assertEquals("2026-03-01T19:15:30.123456", t.get(0).get("datetime_start").asText());
    assertEquals("2026-03-01T19:15:32.123456", t.get(0).get("datetime_complete").asText());
    assertTrue(t.get(3).get("datetime_complete").isNull());
    assertTrue(t.get(4).get("datetime_start").isNull());
    assertEquals("n3", t.get(3).get("user_attrs").get("note").asText());
    assertEquals(45, t.get(3).get("system_attrs").get("rung:seed").asLong());
    JsonNode kind = t.get(0).get("distributions").get("kind").get("attributes").get("choices");
    assertEquals("[null,true,1.5,\"x\",7]", kind.toString());
  }

  @Test
  void aValueOutsideItsDistributionIsRefused() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                new JournalTrial(
                    0,
                    TrialState.COMPLETE,
                    List.of(1.0),
                    Map.of("n", 9),
                    Map.of("n", IntDistribution.stepped(1, 7, 2)),
                    new TreeMap<>(),
                    T0,
                    T0,
                    Map.of(),
                    Map.of()));
    assertTrue(e.getMessage().contains("trial 0 parameter 'n' is 9"), e.getMessage());
  }
}
