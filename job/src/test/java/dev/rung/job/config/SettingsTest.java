package dev.rung.job.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import dev.rung.job.config.Setting.Kind;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The declarations of {@link Settings}: their defaults, their bounds and choices, their keys. */
class SettingsTest {
  private static final String SPACE =
      "rung.space { lr { type = float, low = 1e-4, high = 0.1, log = true } }\n";

  /** The errors of a sweep with {@code overrides}; none when it loads. */
  private static List<String> errors(String... overrides) {
    try {
      SweepConfigLoader.load(ConfigFactory.parseString(SPACE), List.of(overrides));
      return List.of();
    } catch (InvalidConfigException e) {
      return e.errors().stream().map(ConfigError::toString).toList();
    }
  }

  /** Asserts that {@code setting} set to {@code value} is refused with {@code expected}. */
  private static void assertRefused(Setting<?> setting, String value, String expected) {
    List<String> errors = errors(setting.key() + "=" + value);
    assertTrue(
        errors.stream().anyMatch(e -> e.startsWith(setting.key() + " ") && e.contains(expected)),
        setting + " = " + value + " should be refused with '" + expected + "': " + errors);
  }

  @Test
  void everyDefaultPassesItsOwnCheck() {
    Config defaults = ReferenceConf.defaults().resolve();
    List<ConfigError> errors = new ArrayList<>();
    ConfigReader r = new ConfigReader(defaults, defaults, errors);
    for (Setting<?> s : Settings.all()) {
      assertEquals(s.byDefault(), r.get(s), s.key());
    }
    assertEquals(List.of(), errors);
  }

  @Test
  void theReferenceFileAsASweepFileIsTheDefaultSweep() {
    SweepConfig all =
        SweepConfigLoader.load(ConfigFactory.parseString(ReferenceConf.text() + SPACE), List.of());
    SweepConfig none = SweepConfigLoader.load(ConfigFactory.parseString(SPACE), List.of());
    assertEquals(none.hash(), all.hash(), "every declared key is known, at its default");
  }

  @Test
  void theUnknownKeyCheckKnowsEveryDeclaredKey() {
    for (Setting<?> s : Settings.all()) {
      String misspelled = s.key() + s.key().charAt(s.key().length() - 1);
      List<String> errors = errors(misspelled + "=" + s.writtenDefault());
      assertEquals(1, errors.size(), errors.toString());
      assertTrue(
          errors.get(0).startsWith(misspelled + " (command line")
              && errors.get(0).endsWith("is not a known setting; did you mean '" + s.key() + "'?"),
          errors.get(0));
    }
    assertEquals(
        Set.of(Settings.SPACE, Settings.MODEL_OPTIONS),
        Set.copyOf(Settings.freeBlocks()),
        "the blocks whose keys are the user's");
  }

  @Test
  void everyDeclaredRangeIsEnforced() {
    for (Setting<?> s : Settings.all()) {
      if (s.kind() == Kind.INTEGER) {
        String range = "expected a whole number in [" + s.min() + ", " + s.max() + "]";
        assertRefused(s, "" + (s.min().longValue() - 1), "is " + (s.min().longValue() - 1));
        assertRefused(s, "" + (s.min().longValue() - 1), range);
        assertRefused(s, "" + (s.max().longValue() + 1), range);
      } else if (s.kind() == Kind.NUMBER) {
        String from = "expected a number in [" + s.min() + ", ";
        assertRefused(s, "" + (s.min().doubleValue() - 1), from);
        if (Double.isFinite(s.max().doubleValue())) {
          assertRefused(s, "" + (s.max().doubleValue() + 1), from + s.max() + "]");
        }
      } else if (s.kind() == Kind.NUMBER_OR_AUTO) {
        String range = "expected auto or a number in [" + s.min() + ", " + s.max() + "]";
        assertRefused(s, "" + (s.min().doubleValue() - 1), range);
        assertRefused(s, "" + (s.max().doubleValue() + 1), range);
      } else if (s.kind() == Kind.INTEGER_OR_AUTO) {
        String range = "expected a whole number in [" + s.min() + ", " + s.max() + "] or auto";
        assertRefused(s, "" + (s.min().longValue() - 1), range);
        assertRefused(s, "" + (s.max().longValue() + 1), range);
        assertRefused(s, "1.5", range);
      } else if (s.kind() == Kind.LONG && s.min() != null) {
        assertRefused(s, "" + (s.min().longValue() - 1), "expected >= " + s.min());
      }
    }
  }

  @Test
  void everyDeclaredChoiceIsEnforced() {
    for (Setting<?> s : Settings.all()) {
      if (s.kind() == Kind.CHOICE) {
        for (String choice : s.choices()) {
          assertRefused(s, "no-such-choice", choice);
        }
        assertRefused(s, "no-such-choice", "is 'no-such-choice', expected one of ");
      }
    }
  }

  /** One bad value of each kind, refused with the key, the value and what is allowed. */
  @Test
  void aBadValueOfEachKindIsRefusedWithWhatIsAllowed() {
    Map<Setting<?>, List<String>> examples = new LinkedHashMap<>();
    examples.put(Settings.STUDY_NAME, List.of("[a]", "is [\"a\"], expected a string"));
    examples.put(
        Settings.SAMPLER_TYPE,
        List.of("tp", "is 'tp', expected one of tpe, random, grid, nsga2 (did you mean 'tpe'?)"));
    examples.put(
        Settings.DATASET,
        List.of(
            "mnsit",
            "is 'mnsit', expected one of [mnist, fashion-mnist, digits] or \"\" for your own"
                + " files (did you mean 'mnist'?)"));
    examples.put(
        Settings.TPE_CANDIDATES, List.of("0", "is 0, expected a whole number in [1, 100000]"));
    examples.put(Settings.SEED, List.of("2.5", "is 2.5, expected a whole number"));
    examples.put(Settings.BUDGET_EPOCHS, List.of("-1", "is -1, expected >= 0 (0 = no limit)"));
    examples.put(
        Settings.TPE_LIAR_WEIGHT, List.of("1.5", "is 1.5, expected a number in [0.0, 1.0]"));
    examples.put(Settings.LOWER, List.of("low", "is \"low\", expected a number or none"));
    examples.put(
        Settings.TPE_RANDOM_FRACTION,
        List.of("most", "is \"most\", expected auto or a number in [0.0, 1.0]"));
    examples.put(
        Settings.TPE_RANDOM_CANDIDATES,
        List.of("2.5", "is 2.5, expected a whole number in [1, 1000000] or auto"));
    examples.put(Settings.ONEDNN, List.of("maybe", "is \"maybe\", expected true or false"));
    examples.put(
        Settings.BUDGET_TIME,
        List.of("soon", "is \"soon\", expected a duration such as 30m, 2h or 0 for none"));
    examples.put(
        Settings.LOCK_TIMEOUT, List.of("1s", "is 1000 ms, expected at least 2s (e.g. 2m)"));
    examples.put(
        Settings.METRICS, List.of("{ a = 1 }", "is {\"a\":1}, expected a list of strings"));
    examples.put(Settings.EXPORT_WEIGHTS, List.of("[a]", "is [\"a\"], expected a list of numbers"));
    examples.put(
        Settings.IMAGE_SHAPE, List.of("[1.5]", "element 1 is 1.5, expected a whole number"));
    Set<Kind> kinds = EnumSet.noneOf(Kind.class);
    examples.forEach(
        (setting, example) -> {
          assertRefused(setting, example.get(0), example.get(1));
          kinds.add(setting.kind());
        });
    assertEquals(EnumSet.allOf(Kind.class), kinds, "an example of each kind");
  }
}
