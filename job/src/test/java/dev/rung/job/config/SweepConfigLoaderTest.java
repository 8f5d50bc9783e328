package dev.rung.job.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigValue;
import dev.rung.study.Direction;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
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
        mlp_layers { type = int, low = 1, high = 3 }
        mlp { per = mlp_layers, params { width { type = int, low = 16, high = 256, log = true } } }
      }
      """;

  @Test
  void aValidSweepGetsDefaultsForWhatItLeavesOut() {
    SweepConfig c = load(SPACE + "rung.study.name = mnist-mlp\n");
    assertEquals("mnist-mlp", c.studyName());
    assertEquals(List.of(Direction.MAXIMIZE), c.directions());
    assertEquals("tpe", c.sampler().type());
    assertEquals("hyperband", c.pruner().type(), "auto, one objective");
    assertEquals(9, c.pruner().maxResource(), "max resource defaults to training.epochs");
    assertEquals(
        List.of("lr", "mlp_layers", "mlp_{i}_width", "optimizer", "momentum"),
        c.space().params().stream().map(p -> p.name()).toList());
    assertEquals(64, c.hash().length());
  }

  @Test
  void aSettingOfAnotherSamplerThanTheChosenOneIsNamed() {
    List<String> e =
        errors(
            SPACE,
            "sampler.type=random",
            "sampler.tpe.candidates=24",
            "sampler.tpe.random-fraction=0.3",
            "sampler.nsga2.population=20");
    assertEquals(3, e.size(), e.toString());
    assertTrue(
        e.get(0)
            .contains(
                "rung.sampler.tpe.candidates (command line: 1): is 24, a setting of the tpe"
                    + " sampler, but rung.sampler.type is random, which does not use it: remove"
                    + " it, or choose sampler type tpe"),
        e.toString());
    assertTrue(e.get(1).contains("rung.sampler.tpe.random-fraction"), e.toString());
    assertTrue(
        e.get(2).contains("is 20, a setting of the nsga2 sampler, but rung.sampler.type is random"),
        e.toString());
    // Defaults written out, and the chosen sampler's own settings, are fine.
    assertEquals(
        "tpe",
        load(SPACE, "sampler.nsga2.population=50", "sampler.tpe.candidates=24").sampler().type());
    assertEquals(
        "random",
        load(SPACE, "sampler.type=random", "sampler.tpe.random-fraction=auto").sampler().type());
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
        all.contains("rung.budget.trials (String: 4): is \"lots\", expected a whole number"), all);
    assertTrue(
        all.contains(
            "rung.model.family (String: 5): is 'transformer', expected one of mlp," + " cnn"),
        all);
    assertTrue(
        all.contains(
            "rung.pruner.reduction-factor (String: 6): is 1, expected a whole number in [2, 100]"),
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
        rung.model.family = cnn
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

  /**
   * Every numeric setting either takes fractions (the few listed here) or refuses one with a single
   * error naming the key, the value and "a whole number": none cuts 2.5 down to 2.
   */
  @Test
  void everyWholeNumberSettingRefusesAFraction() {
    Config reference = ConfigFactory.parseResources("rung-reference.conf");
    List<String> fractional = new ArrayList<>();
    int whole = 0;
    for (Map.Entry<String, ConfigValue> setting : reference.entrySet()) {
      String key = setting.getKey();
      if (!(setting.getValue().unwrapped() instanceof Number n)
          || key.endsWith(".time")
          || key.endsWith("-timeout")) {
        continue;
      }
      String fraction = (n.longValue() + 1) + ".5";
      List<String> errors;
      try {
        load(SPACE, key + "=" + fraction);
        errors = List.of();
      } catch (InvalidConfigException refused) {
        errors = refused.errors().stream().map(ConfigError::toString).toList();
      }
      if (errors.stream().noneMatch(m -> m.contains("a whole number"))) {
        fractional.add(key.substring(key.indexOf('.') + 1));
        continue;
      }
      whole++;
      assertEquals(1, errors.size(), key + ": " + errors);
      assertTrue(
          errors
              .get(0)
              .startsWith(key + " (command line: 1): is " + fraction + ", expected a whole number"),
          errors.get(0));
    }
    assertTrue(whole >= 20, "whole-number settings: " + whole);
    assertEquals(
        List.of(
            "data.test-fraction",
            "data.validation-fraction",
            "pruner.min-delta",
            "pruner.percentile",
            "pruner.rung-agreement.threshold",
            "sampler.nsga2.crossover-prob",
            "sampler.nsga2.swapping-prob",
            "sampler.tpe.liar-weight",
            "sampler.tpe.prior-weight",
            "warm-start.weight"),
        fractional.stream().sorted().toList());
  }

  @Test
  void aWholeNumberWrittenWithAFractionPartIsThatNumber() {
    assertEquals(3, load(SPACE, "training.epochs=3.0").epochs());
    assertEquals(7, load(SPACE, "sampler.seed=7e0").sampler().seed());
  }

  @Test
  void anEmptySweepFileIsRefusedWhileRungBracesRunTheDefaults(@TempDir Path dir) throws Exception {
    for (String text : List.of("", "  \n\n", "# nothing here\n// nor here\n")) {
      Path f = Files.writeString(dir.resolve("empty.conf"), text);
      InvalidConfigException e =
          assertThrows(
              InvalidConfigException.class,
              () -> SweepConfigLoader.load(f.toFile(), List.of("budget.trials=5")));
      assertEquals(1, e.errors().size(), e.getMessage());
      assertTrue(e.getMessage().contains(f + "): defines nothing"), e.getMessage());
    }
    Path defaults = Files.writeString(dir.resolve("defaults.conf"), "rung {}\n");
    SweepConfig c = SweepConfigLoader.load(defaults.toFile(), List.of());
    assertEquals("rung-study", c.studyName());
    assertEquals(30, c.budget().trials());
  }

  @Test
  void aStudyNameHasAtMost100Characters() {
    assertEquals(100, load(SPACE, "study.name=" + "s".repeat(100)).studyName().length());
    List<String> errors = errors(SPACE, "study.name=" + "s".repeat(101));
    assertEquals(1, errors.size(), errors.toString());
    assertTrue(errors.get(0).contains("101 characters long: at most 100"), errors.get(0));
  }

  @Test
  void theShippedSweepsAreValid() {
    for (String name : List.of("mnist.conf", "digits.conf")) {
      SweepConfig c = SweepConfigLoader.load(new File("../conf/" + name), List.of());
      assertTrue(c.space().params().size() >= 5, name);
    }
  }

  @Test
  void aSimulationMayNameParametersNoNetworkReads() {
    String space = "rung.space { x { type = float, low = 0, high = 1 } }";
    assertTrue(errors(space).get(0).contains("'x' is not a parameter the mlp network reads"));
    SweepConfig c =
        SweepConfigLoader.loadForSimulation(ConfigFactory.parseString(space), List.of());
    assertEquals("x", c.space().params().get(0).name());
    assertTrue(
        assertThrows(
                InvalidConfigException.class,
                () ->
                    SweepConfigLoader.loadForSimulation(
                        ConfigFactory.parseString(space), List.of("budget.trials=lots")))
            .getMessage()
            .contains("rung.budget.trials"));
  }
}
