package dev.rung.bench.fidelity;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rung.distributions.CategoricalDistribution;
import dev.rung.distributions.FloatDistribution;
import dev.rung.samplers.RandomSampler;
import dev.rung.study.Direction;
import dev.rung.study.Study;
import dev.rung.study.Trial;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class CurveTableTest {

  static CurveTable sample() throws IOException {
    try (Reader r =
        new InputStreamReader(
            CurveTableTest.class.getResourceAsStream("sample-curves.csv"),
            StandardCharsets.UTF_8)) {
      return CurveTable.read(r, "sample-curves.csv");
    }
  }

  @Test
  void readsTheSample() throws IOException {
    CurveTable t = sample();
    assertEquals(List.of("lr", "optimizer"), t.params());
    assertEquals(List.of("c0", "c1", "c2", "c3"), t.configs());
    assertEquals(3, t.maxEpochs());
    assertEquals(List.of(0.0001, "sgd"), t.values().get(3));
    assertArrayEquals(new double[] {0.11, 0.19, 0.25}, t.curves().get(3), "rows in any order");
  }

  @Test
  void errorsNameTheSourceLineAndValue() {
    var header =
        assertThrows(
            IllegalArgumentException.class,
            () -> CurveTable.read(new StringReader("id,lr,epoch,value\n"), "f.csv"));
    assertTrue(header.getMessage().contains("f.csv line 1"));
    var gap =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                CurveTable.read(
                    new StringReader("config_id,lr,epoch,value\na,1,1,0.5\na,1,3,0.6\n"), "f.csv"));
    assertTrue(gap.getMessage().contains("config 'a' has epochs [1, 3]"), gap.getMessage());
    var params =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                CurveTable.read(
                    new StringReader("config_id,lr,epoch,value\na,1,1,0.5\na,2,2,0.6\n"), "f.csv"));
    assertTrue(params.getMessage().contains("f.csv line 3"));
    var number =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                CurveTable.read(
                    new StringReader("config_id,lr,epoch,value\na,1,one,0.5\n"), "f.csv"));
    assertTrue(number.getMessage().contains("'one'"));
  }

  @Test
  void aStudyReplaysEachRecordedConfigOnceUnlessRepeatsAreAsked() throws IOException {
    CurveTable table = sample();
    int configs = table.configs().size();
    for (boolean repeats : new boolean[] {false, true}) {
      TableReplay replay = new TableReplay("sample", table, Direction.MAXIMIZE, repeats);
      // Every trial suggests the same point: with repeats it replays the same curve every time,
      // without them a different one until all are used, then the cycle starts again.
      Study s = Study.builder().name("once").sampler(new RandomSampler(3)).build();
      java.util.Set<Double> firstRound = new java.util.HashSet<>();
      java.util.Set<Double> all = new java.util.HashSet<>();
      for (int i = 0; i < 2 * configs; i++) {
        s.enqueueTrial(java.util.Map.of("lr", 0.002, "optimizer", "adam"));
        Trial trial = s.ask();
        double last = replay.define(trial, 0).at(table.maxEpochs());
        all.add(last);
        if (i < configs) {
          firstRound.add(last);
        }
      }
      if (repeats) {
        assertEquals(1, all.size(), "one point, one curve");
      } else {
        assertEquals(distinctFinals(table), firstRound.size(), "each config once per round");
      }
    }
  }

  private static int distinctFinals(CurveTable table) {
    java.util.Set<Double> finals = new java.util.HashSet<>();
    for (double[] c : table.curves()) {
      finals.add(-c[c.length - 1]);
    }
    return finals.size();
  }

  @Test
  void replayMapsSuggestionsToTheNearestRecordedConfig() throws IOException {
    TableReplay replay = new TableReplay("sample", sample(), Direction.MAXIMIZE);
    assertEquals(0, replay.nearest(List.of(0.002, "adam")), "log distance: 0.002 is near 0.001");
    assertEquals(2, replay.nearest(List.of(0.006, "adam")));
    assertEquals(1, replay.nearest(List.of(0.01, "sgd")), "the category outweighs the rate");
    Study s = Study.builder().name("replay").sampler(new RandomSampler(3)).build();
    Trial trial = s.ask();
    Curve c = replay.define(trial, 0);
    int nearest =
        replay.nearest(List.of(trial.params().get("lr"), trial.params().get("optimizer")));
    assertEquals(-sample().curves().get(nearest)[2], c.at(3), "maximized metrics are negated");
    var lr = (FloatDistribution) s.trials().get(0).distributions().get("lr");
    assertTrue(lr.log(), "lr spans three decades: log scale");
    assertEquals(
        List.of("adam", "sgd"),
        ((CategoricalDistribution) s.trials().get(0).distributions().get("optimizer")).choices());
  }
}
