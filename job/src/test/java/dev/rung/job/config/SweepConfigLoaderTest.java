package dev.rung.job.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.ConfigFactory;
import dev.rung.study.Direction;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SweepConfigLoaderTest {

  private static SweepConfig load(String hocon, String... overrides) {
    return SweepConfigLoader.load(ConfigFactory.parseString(hocon), List.of(overrides));
  }

  private static List<String> errors(String hocon, String... overrides) {
    InvalidConfigException e =
        assertThrows(InvalidConfigException.class, () -> load(hocon, overrides));
    return e.errors().stream().map(ConfigError::toString).toList();
  }

  private static final String SPACE =
      """
      rung.space {
        lr { type = float, low = 1e-4, high = 1e-1, log = true }
        optimizer { type = categorical, choices = [adam, sgd] }
        momentum { type = float, low = 0.0, high = 0.99, when { optimizer = sgd } }
        layers { type = int, low = 1, high = 3 }
        width { type = int, low = 16, high = 256, log = true, per = layers }
      }
      """;

  @Test
  void aValidSweepGetsDefaultsForWhatItLeavesOut() {
    SweepConfig c = load(SPACE + "rung.study.name = mnist-mlp\n");
    assertEquals("mnist-mlp", c.studyName());
    assertEquals(List.of(Direction.MAXIMIZE), c.directions());
    assertEquals("tpe", c.sampler().type());
    assertEquals("hyperband", c.pruner().type());
    assertEquals(9, c.pruner().maxResource(), "max resource defaults to training.epochs");
    assertEquals(
        List.of("layers", "lr", "optimizer", "momentum", "width"),
        c.space().params().stream().map(p -> p.name()).toList());
    assertEquals(64, c.hash().length());
  }

  @Test
  void aFileWithoutTheRungWrapperIsAccepted() {
    SweepConfig c = load("study.name = bare\nbudget.trials = 7\n");
    assertEquals("bare", c.studyName());
    assertEquals(7, c.budget().trials());
  }

  @Test
  void commandLineOverridesWinAndChangeTheHash() {
    SweepConfig base = load(SPACE);
    SweepConfig over =
        load(SPACE, "budget.trials=5", "rung.sampler.type=random", "output=/tmp/some where");
    assertEquals(5, over.budget().trials());
    assertEquals("random", over.sampler().type());
    assertEquals("/tmp/some where", over.output());
    assertNotEquals(base.hash(), over.hash());
  }

  @Test
  void everyErrorIsReportedAtOnceWithKeyValueAndWhatIsAllowed() {
    List<String> errors =
        errors(
            """
        rung {
          sampler.seeed = 3
          sampler.type = tpee
          budget.trials = lots
          model.family = transformer
          pruner.reduction-factor = 1
          space {
            lr { type = float, low = 0.1, high = 0.001 }
            wd { type = float, low = 0.0, high = 0.1, log = true }
            opt { type = categorical, choices = [] }
            n { type = int, low = 1, high = 9, stepp = 2 }
          }
        }
        """);
    String all = String.join("\n", errors);
    assertTrue(
        all.contains(
            "rung.sampler.seeed (String: 2): is not a known setting; did you mean"
                + " 'rung.sampler.seed'?"),
        all);
    assertTrue(
        all.contains(
            "rung.sampler.type (String: 3): is 'tpee', expected one of tpe, random,"
                + " grid, nsga2 (did you mean 'tpe'?)"),
        all);
    assertTrue(
        all.contains("rung.budget.trials (String: 4): is \"lots\", expected an integer"), all);
    assertTrue(
        all.contains(
            "rung.model.family (String: 5): is 'transformer', expected one of mlp,"
                + " cnn, custom"),
        all);
    assertTrue(
        all.contains(
            "rung.pruner.reduction-factor (String: 6): is 1, expected an integer" + " in [2, 100]"),
        all);
    assertTrue(
        all.contains("rung.space.lr (String: 8): float range [0.1, 0.001] is inverted"), all);
    assertTrue(
        all.contains(
            "rung.space.wd (String: 9): float range [0.0, 0.1] is log-scale: low must be > 0"),
        all);
    assertTrue(all.contains("rung.space.opt (String: 10): categorical choices are empty"), all);
    assertTrue(
        all.contains(
            "rung.space.n.stepp (String: 11): is not a parameter field; allowed: [type, low,"
                + " high, log, step, choices, when, per] (did you mean 'step'?)"),
        all);
    assertEquals(9, errors.size(), all);
  }

  @Test
  void perLayerGroupsAreRepeatedByTheirCount() {
    SweepConfig c =
        load(
            """
        rung.space {
          cnn_layers { type = int, low = 1, high = 3 }
          conv {
            per = cnn_layers
            params {
              channels { type = int, low = 8, high = 64, log = true }
              kernel { type = categorical, choices = [3, 5, 7] }
            }
          }
        }
        """);
    assertEquals(
        List.of(
            "cnn_layers",
            "conv_0_channels",
            "conv_1_channels",
            "conv_2_channels",
            "conv_0_kernel",
            "conv_1_kernel",
            "conv_2_kernel"),
        List.copyOf(c.space().allNames().keySet()));
    List<String> errors =
        errors("rung.space.conv { params { a { type = int, low = 1, high = 2" + " } } }");
    assertTrue(errors.get(0).contains("no 'per'"), errors.get(0));
  }

  @Test
  void aBudgetWithoutAnyLimitIsRefused() {
    assertTrue(errors("rung.budget.trials = 0").get(0).contains("sets no limit"));
  }

  @Test
  void conditionsOnUnknownParametersAreRefused() {
    List<String> errors =
        errors(
            """
        rung.space {
          momentum { type = float, low = 0, high = 1, when { optimiser = sgd } }
        }
        """);
    assertEquals(1, errors.size());
    assertTrue(
        errors.get(0).contains("depends on 'optimiser', which is not in the search space"),
        errors.get(0));
  }

  @Test
  void malformedHoconNamesTheFileAndLine(@TempDir Path dir) throws Exception {
    File f = dir.resolve("broken.conf").toFile();
    Files.writeString(f.toPath(), "rung {\n  study.name = x\n  budget { trials = 3 \n");
    InvalidConfigException e =
        assertThrows(InvalidConfigException.class, () -> SweepConfigLoader.load(f, List.of()));
    assertTrue(e.getMessage().contains("broken.conf"), e.getMessage());
    assertTrue(e.getMessage().contains("is not valid HOCON"), e.getMessage());
    InvalidConfigException missing =
        assertThrows(
            InvalidConfigException.class,
            () -> SweepConfigLoader.load(dir.resolve("nope.conf").toFile(), List.of()));
    assertTrue(missing.getMessage().contains("nope.conf' does not exist"), missing.getMessage());
  }

  @Test
  void badOverridesAreNamed() {
    List<String> errors = errors("", "budget.trials");
    assertTrue(errors.get(0).contains("must look like key=value"), errors.get(0));
  }
}
