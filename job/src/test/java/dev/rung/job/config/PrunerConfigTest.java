package dev.rung.job.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.ConfigFactory;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The pruner settings of a sweep: the types that prune inside segments, and their errors. */
class PrunerConfigTest {
  private static final String SWEEP =
      """
      rung {
        space { lr { type = float, low = 1e-4, high = 1e-1, log = true } }
        training.epochs = 12
      }
      """;

  private static SweepConfig.PrunerSettings load(String... overrides) {
    return SweepConfigLoader.load(ConfigFactory.parseString(SWEEP), List.of(overrides)).pruner();
  }

  private static String errorsIn(String sweep, String... overrides) {
    InvalidConfigException e =
        assertThrows(
            InvalidConfigException.class,
            () -> SweepConfigLoader.load(ConfigFactory.parseString(sweep), List.of(overrides)));
    return String.join("\n", e.errors().stream().map(ConfigError::toString).toList());
  }

  private static String errors(String... overrides) {
    return errorsIn(SWEEP, overrides);
  }

  @Test
  void theDefaultsOfTheNewSettings() {
    SweepConfig.PrunerSettings p = load("pruner.type=median");
    assertEquals(1, p.minTrials());
    assertEquals(Double.NEGATIVE_INFINITY, p.lower());
    assertEquals(Double.POSITIVE_INFINITY, p.upper());
    assertEquals(3, p.patience());
    assertEquals(0.0, p.minDelta());
    assertEquals("none", p.wrapped());
    assertEquals(12, p.maxResource(), "training.epochs");
  }

  private static final String TWO_OBJECTIVES =
      """
      rung {
        study { directions = [maximize, minimize], metrics = [val_accuracy, param_count] }
        space { lr { type = float, low = 1e-4, high = 1e-1, log = true } }
        training.epochs = 12
      }
      """;

  private static SweepConfig.PrunerSettings loadTwo(String... overrides) {
    return SweepConfigLoader.load(ConfigFactory.parseString(TWO_OBJECTIVES), List.of(overrides))
        .pruner();
  }

  @Test
  void autoIsHyperbandForOneObjectiveAndOneAshaBracketForSeveral() {
    assertEquals("hyperband", load().type(), "the default, one objective");
    assertEquals("hyperband", load("pruner.type=auto").type());
    assertEquals("asha", loadTwo().type(), "the default, two objectives");
    assertEquals("asha", loadTwo("pruner.type=auto").type());
    // A type given is the type used, whatever the number of objectives.
    assertEquals("hyperband", loadTwo("pruner.type=hyperband").type());
    assertEquals("asha", load("pruner.type=asha").type());
    assertEquals("none", loadTwo("pruner.type=none").type());
    // The settings of the rungs apply to what auto chose.
    SweepConfig.PrunerSettings p =
        loadTwo("pruner.min-resource=2", "pruner.min-early-stopping-rate=1");
    assertEquals(2, p.minResource());
    assertEquals(1, p.minEarlyStoppingRate());
  }

  private static double randomFraction(String sweep, String... overrides) {
    return SweepConfigLoader.load(ConfigFactory.parseString(sweep), List.of(overrides))
        .sampler()
        .randomFraction();
  }

  @Test
  void tpesRandomFractionAutoIsSetByTheRungsAndTheObjectives() {
    double withRungs = SweepConfigLoader.RANDOM_FRACTION_WITH_RUNGS;
    assertTrue(withRungs > 0 && withRungs < 1, "a share: " + withRungs);
    assertEquals(withRungs, randomFraction(SWEEP), "the default: hyperband, one objective");
    assertEquals(withRungs, randomFraction(SWEEP, "pruner.type=asha"));
    assertEquals(0.0, randomFraction(SWEEP, "pruner.type=none"), "no rungs");
    assertEquals(0.0, randomFraction(SWEEP, "pruner.type=median"), "inside segments");
    assertEquals(0.0, randomFraction(TWO_OBJECTIVES), "two objectives, asha by auto");
    assertEquals(0.0, randomFraction(TWO_OBJECTIVES, "pruner.type=hyperband"));
    // A fraction given is the fraction used.
    assertEquals(0.0, randomFraction(SWEEP, "sampler.tpe.random-fraction=0"));
    assertEquals(0.5, randomFraction(SWEEP, "pruner.type=none", "sampler.tpe.random-fraction=0.5"));
    assertEquals(0.25, randomFraction(TWO_OBJECTIVES, "sampler.tpe.random-fraction=0.25"));
    assertEquals(withRungs, randomFraction(SWEEP, "sampler.tpe.random-fraction=AUTO"));
    String bad = errors("sampler.tpe.random-fraction=1.5");
    assertTrue(
        bad.contains(
            "rung.sampler.tpe.random-fraction (command line: 1): is 1.5, expected auto or a"
                + " number in [0.0, 1.0]"),
        bad);
  }

  @Test
  void aSettingOfTheTypeAutoDidNotChooseNamesWhatItChose() {
    assertTrue(
        errors("pruner.min-early-stopping-rate=1")
            .contains(
                "rung.pruner.min-early-stopping-rate (command line: 1): is 1, a setting of the"
                    + " asha pruner, but rung.pruner.type is auto (hyperband for one objective),"
                    + " which does not use it"),
        errors("pruner.min-early-stopping-rate=1"));
    String two = errorsIn(TWO_OBJECTIVES, "pruner.percentile=25");
    assertTrue(
        two.contains("but rung.pruner.type is auto (asha for 2 objectives), which does not use it"),
        two);
  }

  @Test
  void thresholdAndPatientReadTheirSettings() {
    SweepConfig.PrunerSettings t =
        load("pruner.type=threshold", "pruner.lower=0.25", "pruner.warmup-steps=2");
    assertEquals("threshold", t.type());
    assertEquals(0.25, t.lower());
    assertEquals(Double.POSITIVE_INFINITY, t.upper(), "none: no upper bound");
    assertEquals(2, t.warmupSteps());

    SweepConfig.PrunerSettings p =
        load(
            "pruner.type=patient",
            "pruner.patience=2",
            "pruner.min-delta=0.01",
            "pruner.wrapped=percentile",
            "pruner.percentile=25",
            "pruner.min-trials=3");
    assertEquals("patient", p.type());
    assertEquals(2, p.patience());
    assertEquals(0.01, p.minDelta());
    assertEquals("percentile", p.wrapped());
    assertEquals(25.0, p.percentile());
    assertEquals(3, p.minTrials());
  }

  @Test
  void aThresholdPrunerNeedsABoundAndBoundsInOrder() {
    assertEquals(
        "rung.pruner.type (command line: 1): is threshold, which needs rung.pruner.lower,"
            + " rung.pruner.upper or both: with neither bound nothing would be pruned",
        errors("pruner.type=threshold"));
    assertEquals(
        "rung.pruner.wrapped (command line: 1): is threshold, which needs rung.pruner.lower,"
            + " rung.pruner.upper or both: with neither bound nothing would be pruned",
        errors("pruner.type=patient", "pruner.wrapped=threshold"));
    assertEquals(
        "rung.pruner.lower (command line: 1): is 0.9, above rung.pruner.upper = 0.5: the lower"
            + " bound must be <= the upper bound",
        errors("pruner.type=threshold", "pruner.lower=0.9", "pruner.upper=0.5"));
  }

  @Test
  void badValuesAreNamedWithWhatIsAllowed() {
    String all =
        errors(
            "pruner.type=threshold",
            "pruner.lower=low",
            "pruner.upper=none",
            "pruner.min-trials=0");
    assertTrue(
        all.contains("rung.pruner.lower (command line: 1): is \"low\", expected a number or none"),
        all);
    assertTrue(
        all.contains(
            "rung.pruner.min-trials (command line: 1): is 0, expected a whole number in [1,"),
        all);
    assertTrue(
        errors("pruner.type=patience")
            .contains(
                "rung.pruner.type (command line: 1): is 'patience', expected one of auto, none,"
                    + " median, percentile, threshold, patient, asha, hyperband (did you mean"
                    + " 'patient'?)"));
    String patient =
        errors(
            "pruner.type=patient",
            "pruner.wrapped=hyperband",
            "pruner.patience=-1",
            "pruner.min-delta=-0.5");
    assertTrue(
        patient.contains(
            "rung.pruner.wrapped (command line: 1): is 'hyperband', expected one of none, median,"
                + " percentile, threshold"),
        patient);
    assertTrue(patient.contains("rung.pruner.patience (command line: 1): is -1"), patient);
    assertTrue(
        patient.contains(
            "rung.pruner.min-delta (command line: 1): is -0.5, expected a number in [0.0, ...]"),
        patient);
    assertEquals(3, patient.lines().count(), patient);
  }

  @Test
  void aChangedSettingOfAnotherPrunerTypeIsAnError() {
    assertEquals(
        "rung.pruner.lower (command line: 1): is 0.2, a setting of the threshold pruner (also as"
            + " the pruner patient wraps), but rung.pruner.type is median, which does not use it:"
            + " remove it, or choose a pruner type that uses it",
        errors("pruner.type=median", "pruner.lower=0.2"));
    assertEquals(
        "rung.pruner.percentile (command line: 1): is 25, a setting of the percentile pruner"
            + " (also as the pruner patient wraps), but rung.pruner.type is patient (wrapped ="
            + " median), which does not use it: remove it, or choose a pruner type that uses it",
        errors("pruner.type=patient", "pruner.wrapped=median", "pruner.percentile=25"));
    String rungs =
        errorsIn(
            """
            rung {
              space { lr { type = float, low = 1e-4, high = 1e-1, log = true } }
              pruner { type = hyperband, min-resource = 3, sampler-view = all }
            }
            """,
            "pruner.type=none");
    assertTrue(
        rungs.contains(
            "rung.pruner.min-resource (String: 3): is 3, a setting of the asha and hyperband"
                + " pruners, but rung.pruner.type is none"),
        rungs);
    assertTrue(rungs.contains("rung.pruner.sampler-view (String: 3): is \"all\""), rungs);
    assertTrue(
        errors("pruner.type=threshold", "pruner.lower=0", "pruner.patience=5")
            .contains(
                "rung.pruner.patience (command line: 1): is 5, a setting of the patient pruner"));
    assertEquals(
        "rung.pruner.warmup-steps (command line: 1): is 2, a setting of the median, percentile and"
            + " threshold pruners (also as the pruner patient wraps), but rung.pruner.type is asha,"
            + " which does not use it: remove it, or choose a pruner type that uses it",
        errors("pruner.type=asha", "pruner.warmup-steps=2"));
  }

  @Test
  void settingsAtTheirDefaultsFitAnyType() {
    String file =
        """
        rung {
          space { lr { type = float, low = 1e-4, high = 1e-1, log = true } }
          pruner { type = hyperband, min-resource = 1, reduction-factor = 3, percentile = 50 }
        }
        """;
    SweepConfig c =
        SweepConfigLoader.load(
            ConfigFactory.parseString(file), List.of("pruner.type=threshold", "pruner.upper=2"));
    assertEquals("threshold", c.pruner().type());
    SweepConfig.PrunerSettings p =
        load("pruner.type=patient", "pruner.wrapped=percentile", "pruner.percentile=10");
    assertEquals(10.0, p.percentile(), "a wrapped pruner's settings are in use");
  }

  @Test
  void aMultiObjectiveStudyCanUseThresholdButNotTheRankingPruners() {
    String two =
        """
        rung {
          space { lr { type = float, low = 1e-4, high = 1e-1, log = true } }
          study { directions = [maximize, minimize], metrics = [val_accuracy, latency_ms] }
        }
        """;
    SweepConfig c =
        SweepConfigLoader.load(
            ConfigFactory.parseString(two), List.of("pruner.type=threshold", "pruner.lower=0.1"));
    assertEquals("threshold", c.pruner().type());
    assertEquals(
        "rung.pruner.type (command line: 1): is patient, which compares one objective; a"
            + " multi-objective study can use auto, none, threshold, asha or hyperband",
        errorsIn(two, "pruner.type=patient"));
  }
}
