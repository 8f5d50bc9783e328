package dev.rung.job.driver;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.ConfigFactory;
import dev.rung.job.config.ConfigError;
import dev.rung.job.config.InvalidConfigException;
import dev.rung.job.config.SweepConfig;
import dev.rung.job.config.SweepConfigLoader;
import dev.rung.study.InMemoryStorage;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The TPE settings of a sweep definition reach the sampler the sweep builds. */
class TpeSettingsTest {
  private static final String SWEEP =
      """
      rung.space { lr { type = float, low = 1e-4, high = 1e-1, log = true } }
      """;

  private static String sampler(String... overrides) {
    SweepConfig c = SweepConfigLoader.load(ConfigFactory.parseString(SWEEP), List.of(overrides));
    return StudyFactory.create(c, new InMemoryStorage()).sampler().toString();
  }

  @Test
  void theDefaultsAreTheLibrarysAndEachSettingGetsThrough() {
    String d = sampler();
    for (String s :
        List.of(
            "startupTrials=10",
            "candidates=64",
            "multivariate=true",
            "constantLiar=true",
            "liarWeight=1.0",
            "shareCandidates=true",
            "multivariateInFlight=false")) {
      assertTrue(d.contains(s), s + " in " + d);
    }
    String set =
        sampler(
            "sampler.tpe.candidates=24",
            "sampler.tpe.liar-weight=0.5",
            "sampler.tpe.share-candidates=false",
            "sampler.tpe.multivariate-in-flight=true");
    for (String s :
        List.of(
            "candidates=24",
            "liarWeight=0.5",
            "shareCandidates=false",
            "multivariateInFlight=true")) {
      assertTrue(set.contains(s), s + " in " + set);
    }
  }

  @Test
  void theRandomFractionIsTheSweepsAutoUnlessSet() {
    String withRungs = "randomFraction=" + SweepConfigLoader.RANDOM_FRACTION_WITH_RUNGS + ",";
    assertTrue(sampler().contains(withRungs), sampler());
    assertTrue(sampler("pruner.type=none").contains("randomFraction=0.0,"));
    assertTrue(sampler("sampler.tpe.random-fraction=0.35").contains("randomFraction=0.35,"));
    assertTrue(
        sampler("pruner.type=none", "sampler.tpe.random-fraction=0.35")
            .contains("randomFraction=0.35,"));
  }

  @Test
  void randomCandidatesReachTheSamplerAndNeedARandomFraction() {
    // auto: the library's default, one uniform draw and 16 while the rungs mislead
    String auto = sampler();
    assertTrue(auto.contains("randomCandidates=1, randomCandidatesWhenRungsMislead=16,"), auto);
    assertTrue(sampler("sampler.tpe.random-candidates=auto").equals(auto));
    String set = sampler("sampler.tpe.random-candidates=4");
    assertTrue(set.contains("randomCandidates=4, randomCandidatesWhenRungsMislead=4,"), set);
    // without rungs auto draws no trial at random: a changed random-candidates would be ignored
    String all = errors("pruner.type=none", "sampler.tpe.random-candidates=4");
    assertTrue(
        all.contains(
            "rung.sampler.tpe.random-candidates (command line: 1): is 4, but no trial is drawn"
                + " at random: rung.sampler.tpe.random-fraction is \"auto\", 0 without rungs or"
                + " with several objectives: remove it"),
        all);
    assertTrue(
        errors("sampler.tpe.random-fraction=0", "sampler.tpe.random-candidates=4")
            .contains("rung.sampler.tpe.random-fraction is 0"),
        "set to 0");
    for (String bad : List.of("0", "2.5", "\"many\"")) {
      String e = errors("sampler.tpe.random-candidates=" + bad);
      assertTrue(
          e.contains(
              "rung.sampler.tpe.random-candidates (command line: 1): is "
                  + bad
                  + ", expected a whole number in [1, 1000000] or auto"),
          e);
    }
    // left at its default, or set to auto, it is no error
    assertTrue(sampler("pruner.type=none").contains("randomFraction=0.0,"));
    assertTrue(
        sampler("pruner.type=none", "sampler.tpe.random-candidates=auto")
            .contains("randomFraction=0.0,"));
  }

  private static String errors(String... overrides) {
    InvalidConfigException e = assertThrows(InvalidConfigException.class, () -> sampler(overrides));
    return String.join("\n", e.errors().stream().map(ConfigError::toString).toList());
  }

  @Test
  void aBadSettingIsNamed() {
    InvalidConfigException e =
        assertThrows(
            InvalidConfigException.class, () -> sampler("sampler.tpe.share-candidates=sometimes"));
    String all = String.join("\n", e.errors().stream().map(ConfigError::toString).toList());
    assertTrue(all.contains("rung.sampler.tpe.share-candidates"), all);
    assertTrue(all.contains("sometimes"), all);
  }
}
