package dev.rung.job.driver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.ConfigFactory;
import dev.rung.job.config.ConfigError;
import dev.rung.job.config.InvalidConfigException;
import dev.rung.job.config.SweepConfig;
import dev.rung.job.config.SweepConfigLoader;
import dev.rung.pruners.HyperbandPruner;
import dev.rung.pruners.PatientPruner;
import dev.rung.pruners.PercentilePruner;
import dev.rung.pruners.Pruner;
import dev.rung.pruners.RungAgreement;
import dev.rung.pruners.SamplerView;
import dev.rung.pruners.SuccessiveHalvingPruner;
import dev.rung.pruners.ThresholdPruner;
import dev.rung.study.InMemoryStorage;
import dev.rung.study.Study;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The sweep builds its pruner once: the study's sampler view and the driver's scheduler, or the
 * pruner executors apply inside segments.
 */
class OnePrunerTest {
  private static final String SWEEP =
      """
      rung {
        space { lr { type = float, low = 1e-4, high = 1e-1, log = true } }
        training.epochs = 27
      }
      """;

  private static Study study(String... overrides) {
    SweepConfig c = SweepConfigLoader.load(ConfigFactory.parseString(SWEEP), List.of(overrides));
    return StudyFactory.create(c, new InMemoryStorage());
  }

  private static SweepPolicy policy(Study study, String... overrides) {
    SweepConfig c = SweepConfigLoader.load(ConfigFactory.parseString(SWEEP), List.of(overrides));
    return SweepPolicy.of(c, study.pruner());
  }

  @Test
  void theDefaultsGiveOneHyperbandPrunerWithTrustedRungs() {
    Study s = study();
    HyperbandPruner hb = assertInstanceOf(HyperbandPruner.class, s.pruner());
    assertEquals(SamplerView.TRUSTED_RUNG, hb.view());
    assertEquals(new RungAgreement(0.5, 8), hb.agreement());
    SweepPolicy p = policy(s);
    assertEquals(hb.agreement(), p.scheduler().agreement());
    assertEquals(hb.scheduler().levels(), p.scheduler().levels());
  }

  @Test
  void aSettingChangedOnceChangesTheViewAndTheScheduler() {
    String[] o = {
      "pruner.reduction-factor=2",
      "pruner.min-resource=3",
      "pruner.rung-agreement.threshold=0.8",
      "pruner.rung-agreement.min-trials=9",
      "pruner.sampler-view=bracket"
    };
    Study s = study(o);
    HyperbandPruner hb = assertInstanceOf(HyperbandPruner.class, s.pruner());
    assertEquals(2, hb.reductionFactor());
    assertEquals(SamplerView.BRACKET, hb.view());
    SweepPolicy p = policy(s, o);
    assertEquals(List.of(3, 6, 12, 24, 27), p.scheduler().targets(0));
    assertEquals(new RungAgreement(0.8, 9), p.scheduler().agreement());

    Study off = study("pruner.rung-agreement.enabled=false");
    assertNull(((HyperbandPruner) off.pruner()).agreement());
    assertNull(policy(off, "pruner.rung-agreement.enabled=false").scheduler().agreement());
  }

  @Test
  void ashaTakesItsSchedulerFromTheSameObject() {
    Study s = study("pruner.type=asha", "pruner.min-early-stopping-rate=1");
    SuccessiveHalvingPruner sh = assertInstanceOf(SuccessiveHalvingPruner.class, s.pruner());
    SweepPolicy p = policy(s, "pruner.type=asha", "pruner.min-early-stopping-rate=1");
    assertEquals(List.of(3, 9, 27), p.scheduler().targets(0));
    assertSame(sh.agreement(), p.scheduler().agreement());
  }

  @Test
  void inSegmentTypesBuildTheCorePrunersAndNoScheduler() {
    String[] median = {"pruner.type=median", "pruner.startup-trials=3", "pruner.min-trials=2"};
    Study m = study(median);
    assertEquals(new PercentilePruner(50, 3, 0, 1, 2), m.pruner());
    SweepPolicy pm = policy(m, median);
    assertNull(pm.scheduler());
    assertSame(m.pruner(), pm.segmentPruner(), "the study's pruner object prunes the segments");
    assertEquals(27, pm.maxResource(), "one segment of all epochs");

    String[] threshold = {"pruner.type=threshold", "pruner.lower=0.2", "pruner.interval-steps=2"};
    Study t = study(threshold);
    assertEquals(new ThresholdPruner(0.2, Double.POSITIVE_INFINITY, 0, 2), t.pruner());
    assertSame(t.pruner(), policy(t, threshold).segmentPruner());

    String[] patient = {
      "pruner.type=patient",
      "pruner.patience=2",
      "pruner.min-delta=0.01",
      "pruner.wrapped=percentile",
      "pruner.percentile=25",
      "pruner.warmup-steps=4"
    };
    Study p = study(patient);
    assertEquals(new PatientPruner(new PercentilePruner(25, 5, 4, 1, 1), 2, 0.01), p.pruner());
    assertSame(p.pruner(), policy(p, patient).segmentPruner());
    assertEquals(
        new PatientPruner(null, 3, 0), study("pruner.type=patient").pruner(), "wrapped = none");
  }

  @Test
  void rungAndNoPrunersPruneNothingInsideSegments() {
    assertNull(policy(study()).segmentPruner());
    assertNull(policy(study("pruner.type=asha"), "pruner.type=asha").segmentPruner());
    Study none = study("pruner.type=none");
    assertSame(Pruner.none(), none.pruner());
    assertNull(policy(none, "pruner.type=none").segmentPruner());
    assertNull(policy(none, "pruner.type=none").frozenPruner(none.history()));
  }

  @Test
  void badRungSettingsAreNamedWithWhatIsAllowed() {
    InvalidConfigException e =
        assertThrows(
            InvalidConfigException.class,
            () ->
                study(
                    "pruner.sampler-view=highest",
                    "pruner.rung-agreement.threshold=2",
                    "pruner.rung-agreement.min-trials=1"));
    String all = String.join("\n", e.errors().stream().map(ConfigError::toString).toList());
    assertTrue(
        all.contains(
            "rung.pruner.sampler-view (command line: 1): is 'highest', expected one of bracket,"
                + " all, highest-rung, trusted-rung"),
        all);
    assertTrue(all.contains("rung.pruner.rung-agreement.threshold (command line: 1): is 2.0"), all);
    assertTrue(all.contains("rung.pruner.rung-agreement.min-trials (command line: 1): is 1"), all);
  }
}
