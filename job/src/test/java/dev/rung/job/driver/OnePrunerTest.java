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
import dev.rung.pruners.RungAgreement;
import dev.rung.pruners.SamplerView;
import dev.rung.pruners.SuccessiveHalvingPruner;
import dev.rung.study.InMemoryStorage;
import dev.rung.study.Study;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The sweep builds its pruner once: the study's sampler view and the driver's scheduler. */
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
