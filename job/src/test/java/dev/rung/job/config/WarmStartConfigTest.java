package dev.rung.job.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.ConfigFactory;
import dev.rung.distributions.Distribution;
import dev.rung.distributions.FloatDistribution;
import dev.rung.job.driver.WarmStartSource;
import dev.rung.study.Direction;
import dev.rung.study.FrozenTrial;
import dev.rung.study.TrialState;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * {@code rung.warm-start}: its defaults, its validation and what it takes from an earlier study.
 */
class WarmStartConfigTest {
  private static final String SWEEP =
      """
      rung.study.name = night
      rung.output = /tmp/night-2
      rung.space.lr { type = float, low = 1e-4, high = 1e-1, log = true }
      """;

  private static SweepConfig load(String... overrides) {
    return SweepConfigLoader.load(ConfigFactory.parseString(SWEEP), List.of(overrides));
  }

  private static String error(String... overrides) {
    InvalidConfigException e = assertThrows(InvalidConfigException.class, () -> load(overrides));
    assertEquals(1, e.errors().size(), e.getMessage());
    return e.errors().get(0).toString();
  }

  @Test
  void noWarmStartByDefault() {
    SweepConfig.WarmStart w = load().warmStart();
    assertFalse(w.enabled());
    assertEquals(5, w.best());
    assertEquals(1.0, w.weight());
    assertTrue(w.pruned());
    assertTrue(w.onlyAtStart());
    assertTrue(w.fullBracket());
  }

  @Test
  void theSettingsArePartOfTheConfigHash() {
    String none = load().hash();
    String from = load("warm-start.from=/tmp/night-1").hash();
    assertNotEquals(none, from);
    assertNotEquals(from, load("warm-start.from=/tmp/night-1", "warm-start.best=2").hash());
  }

  @Test
  void badValuesNameTheKeyAndTheValue() {
    String weight = error("warm-start.weight=0");
    assertTrue(weight.startsWith("rung.warm-start.weight"), weight);
    assertTrue(weight.contains("(0, 1]"), weight);
    String above = error("warm-start.weight=1.5");
    assertTrue(above.contains("rung.warm-start.weight") && above.contains("1.5"), above);
    String best = error("warm-start.best=-1");
    assertTrue(best.contains("rung.warm-start.best") && best.contains("-1"), best);
    String pruned = error("warm-start.pruned=maybe");
    assertTrue(pruned.contains("rung.warm-start.pruned") && pruned.contains("maybe"), pruned);
    String unknown = error("warm-start.form=/tmp/night-1");
    assertTrue(unknown.contains("did you mean 'rung.warm-start.from'"), unknown);
  }

  @Test
  void theSweepsOwnRootIsAllowedAndTheRunIsChosenByStudyAndId() {
    // The nightly form: the sweep's own output root holds the nights before this one.
    SweepConfig.WarmStart own = load("warm-start.from=/tmp/night-2").warmStart();
    assertTrue(own.enabled());
    assertEquals("", own.study());
    assertEquals("", own.run());
    SweepConfig.WarmStart chosen =
        load("warm-start.from=/tmp/n", "warm-start.study=other", "warm-start.run=2026-12-05")
            .warmStart();
    assertEquals("other", chosen.study());
    assertEquals("2026-12-05", chosen.run());

    String run = error("warm-start.from=/tmp/n", "warm-start.run=a/b");
    assertTrue(run.startsWith("rung.warm-start.run") && run.contains("'a/b'"), run);
    String study = error("warm-start.from=/tmp/n", "warm-start.study=../x");
    assertTrue(study.startsWith("rung.warm-start.study") && study.contains("'../x'"), study);
    String without = error("warm-start.run=2026-12-05");
    assertTrue(without.startsWith("rung.warm-start.run"), without);
    assertTrue(without.contains("rung.warm-start.from is empty"), without);
  }

  @Test
  void aSamplerThatLearnsNothingNeedsConfigurationsToTrainFirst() {
    String random =
        error("warm-start.from=/tmp/night-1", "warm-start.best=0", "sampler.type=random");
    assertTrue(random.startsWith("rung.warm-start.from") && random.contains("random"), random);
    load("warm-start.from=/tmp/night-1", "sampler.type=random");
  }

  private static FrozenTrial trial(int number, TrialState state, double lr, double value) {
    Map<String, Distribution> d = Map.of("lr", FloatDistribution.logUniform(1e-5, 1));
    return new FrozenTrial(
        number,
        state,
        state == TrialState.COMPLETE ? List.of(value) : List.of(),
        Map.of("lr", lr),
        d,
        new TreeMap<>(Map.of(1, value)),
        Map.of(),
        Map.of(),
        List.of(),
        Instant.EPOCH,
        Instant.EPOCH,
        null);
  }

  @Test
  void anEarlierStudyWithOtherDirectionsIsRefused() {
    SweepConfig c = load("warm-start.from=/tmp/night-1");
    List<FrozenTrial> earlier = List.of(trial(0, TrialState.COMPLETE, 0.01, 0.9));
    InvalidConfigException e =
        assertThrows(
            InvalidConfigException.class,
            () -> WarmStartSource.of(c, "/tmp/night-1", List.of(Direction.MINIMIZE), earlier));
    String m = e.getMessage();
    assertTrue(m.contains("rung.warm-start.from") && m.contains("/tmp/night-1"), m);
    assertTrue(m.contains("[MINIMIZE]") && m.contains("[MAXIMIZE]"), m);
  }

  @Test
  void theBestValidConfigurationsComeFirstAndPrunedTrialsAreLearnedFromWhenAsked() {
    List<FrozenTrial> earlier =
        List.of(
            trial(0, TrialState.COMPLETE, 0.01, 0.90),
            trial(1, TrialState.COMPLETE, 0.5, 0.99), // outside the current range of lr
            trial(2, TrialState.COMPLETE, 0.001, 0.95),
            trial(3, TrialState.PRUNED, 0.02, 0.5),
            trial(4, TrialState.COMPLETE, 0.002, 0.80),
            trial(5, TrialState.COMPLETE, 0.003, 0.70));
    SweepConfig c = load("warm-start.from=/tmp/night-1");
    WarmStartSource w = WarmStartSource.of(c, "/tmp/night-1", c.directions(), earlier);
    assertEquals(List.of(2, 0, 4, 5), w.first().stream().map(FrozenTrial::number).toList());
    assertEquals(6, w.learnFrom().size());
    assertEquals("warm start: 6 earlier trials from /tmp/night-1, 4 enqueued", w.summary());
    SweepConfig three = load("warm-start.from=/tmp/night-1", "warm-start.best=3");
    assertEquals(
        List.of(2, 0, 4),
        WarmStartSource.of(three, "x", c.directions(), earlier).first().stream()
            .map(FrozenTrial::number)
            .toList());
    SweepConfig noPruned = load("warm-start.from=/tmp/night-1", "warm-start.pruned=false");
    assertEquals(5, WarmStartSource.of(noPruned, "x", c.directions(), earlier).learnFrom().size());
    InvalidConfigException empty =
        assertThrows(
            InvalidConfigException.class,
            () -> WarmStartSource.of(c, "/tmp/night-1", c.directions(), List.of()));
    assertTrue(empty.getMessage().contains("no COMPLETE or PRUNED trial"), empty.getMessage());
  }
}
