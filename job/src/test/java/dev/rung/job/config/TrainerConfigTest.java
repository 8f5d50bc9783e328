package dev.rung.job.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.ConfigFactory;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The {@code rung.model.trainer} setting: a user's trainer class, checked before any work. */
class TrainerConfigTest {
  private static final String CURVE = "dev.rung.job.trainers.CurveTrainer";
  private static final String BASE =
      """
      rung.space { lr { type = float, low = 1e-4, high = 1e-1, log = true } }
      """;

  private static SweepConfig load(String hocon) {
    return SweepConfigLoader.load(ConfigFactory.parseString(BASE + hocon), List.of());
  }

  private static List<String> errors(String hocon) {
    InvalidConfigException e = assertThrows(InvalidConfigException.class, () -> load(hocon));
    return e.errors().stream().map(ConfigError::toString).toList();
  }

  @Test
  void withoutATrainerTheFamilyTrains() {
    SweepConfig c = load("");
    assertFalse(c.model().hasTrainer());
    assertEquals("mlp", c.model().family());
  }

  @Test
  void aTrainerClassMayOptimizeAMetricOfItsOwnWithoutData() {
    SweepConfig c =
        load(
            "rung.model.trainer = "
                + CURVE
                + "\nrung.study.metrics = [skill_squared]\nrung.data.format = none\n");
    assertTrue(c.model().hasTrainer());
    assertEquals(CURVE, c.model().trainer());
    assertEquals(List.of("skill_squared"), c.metrics());
    assertEquals("none", c.data().format());
  }

  @Test
  void aBuiltInFamilyStillAllowsOnlyTheMetricsItMeasures() {
    List<String> e = errors("rung.study.metrics = [skill_squared]\n");
    assertEquals(1, e.size(), e.toString());
    assertTrue(e.get(0).startsWith("rung.study.metrics"), e.toString());
  }

  @Test
  void aMissingClassNamesTheKeyTheClassAndHowToShipTheJar() {
    List<String> e = errors("rung.model.trainer = com.acme.MissingTrainer\n");
    assertEquals(1, e.size(), e.toString());
    assertTrue(e.get(0).startsWith("rung.model.trainer"), e.get(0));
    assertTrue(e.get(0).contains("com.acme.MissingTrainer"), e.get(0));
    assertTrue(e.get(0).contains("--jars"), e.get(0));
  }

  @Test
  void eachUnusableClassIsRefusedWithItsReason() {
    assertTrue(errors("rung.model.trainer = java.lang.String\n").get(0).contains("implement"));
    assertTrue(
        errors("rung.model.trainer = dev.rung.job.trainers.AbstractTrainer\n")
            .get(0)
            .contains("abstract"));
    assertTrue(
        errors("rung.model.trainer = dev.rung.training.api.Trainer\n")
            .get(0)
            .contains("interface"));
    assertTrue(
        errors("rung.model.trainer = dev.rung.job.trainers.NoDefaultConstructorTrainer\n")
            .get(0)
            .contains("no public no-argument constructor"));
    assertTrue(errors("rung.model.trainer = \"not a class\"\n").get(0).contains("class name"));
  }

  @Test
  void aTrainerAndANonDefaultFamilyAreMutuallyExclusive() {
    List<String> e = errors("rung.model { family = cnn, trainer = " + CURVE + " }\n");
    assertEquals(1, e.size(), e.toString());
    assertTrue(e.get(0).contains("rung.model.family") && e.get(0).contains("not both"), e.get(0));
  }

  @Test
  void noDataIsOnlyForATrainer() {
    List<String> e = errors("rung.data.format = none\n");
    assertEquals(1, e.size(), e.toString());
    assertTrue(e.get(0).startsWith("rung.data.format"), e.get(0));
    assertTrue(e.get(0).contains("rung.model.trainer"), e.get(0));
  }

  @Test
  void allErrorsAreListedTogether() {
    List<String> e = errors("rung.model.trainer = com.acme.Missing\nrung.budget.trials = lots\n");
    assertEquals(2, e.size(), e.toString());
  }

  private static final String DECLARED =
      "rung.model.trainer = dev.rung.job.trainers.DeclaredCurveTrainer\n"
          + "rung.data.format = none\n";

  @Test
  void aTrainerThatDeclaresItsNamesRefusesAnyOtherWithTheClosest() {
    List<String> e = errors(DECLARED + "rung.space.widht { type = int, low = 4, high = 64 }\n");
    assertEquals(1, e.size(), e.toString());
    assertTrue(e.get(0).startsWith("rung.space.widht (String: "), e.get(0));
    assertTrue(e.get(0).contains("'widht' is not a parameter"), e.get(0));
    assertTrue(e.get(0).contains("dev.rung.job.trainers.DeclaredCurveTrainer"), e.get(0));
    assertTrue(e.get(0).contains("(did you mean 'width'?)"), e.get(0));
    assertTrue(e.get(0).contains("[gain_{i}, lr, width]"), e.get(0));
  }

  /** The count of per-layer copies is used by the space itself, read or not. */
  @Test
  void aTrainerThatDeclaresItsNamesAcceptsThemAndTheirLayers() {
    SweepConfig c =
        load(
            DECLARED
                + """
                rung.space {
                  width { type = int, low = 4, high = 64 }
                  layers { type = int, low = 1, high = 3 }
                  gain { type = float, low = 0.5, high = 2, per = layers }
                }
                """);
    assertEquals(4, c.space().params().size());
    assertTrue(
        errors(DECLARED + "rung.space.layers { type = int, low = 1, high = 3 }\n")
            .get(0)
            .contains("'layers' is not a parameter"),
        "alone, the count is just a name the trainer does not read");
  }

  @Test
  void aTrainerThatDeclaresNothingAcceptsAnyName() {
    SweepConfig c =
        load(
            "rung.model.trainer = "
                + CURVE
                + "\nrung.data.format = none\n"
                + "rung.space.anything_at_all { type = int, low = 4, high = 64 }\n");
    assertEquals(2, c.space().params().size());
  }

  @Test
  void aTrainerThatFailsToTellItsNamesIsAnErrorOfTheClass() {
    List<String> e =
        errors(
            "rung.model.trainer = dev.rung.job.trainers.UndecidedCurveTrainer\n"
                + "rung.data.format = none\n");
    assertEquals(1, e.size(), e.toString());
    assertTrue(e.get(0).startsWith("rung.model.trainer"), e.get(0));
    assertTrue(e.get(0).contains("UndecidedCurveTrainer' could not tell"), e.get(0));
    assertTrue(e.get(0).contains("the names are not known before init"), e.get(0));
  }

  @Test
  void aTrainersOptionsArriveAsPlainValuesWithSortedKeysAndCountInTheHash() {
    String trainer = "rung.model.trainer = " + CURVE + "\nrung.data.format = none\n";
    SweepConfig c =
        load(
            trainer
                + "rung.model.options { mode = fast, n = 3, rate = 0.5, on = true,"
                + " ids = [1, 2], nested { z = 1, a = \"x\" } }\n");
    var o = c.model().options();
    assertEquals(List.of("ids", "mode", "n", "nested", "on", "rate"), List.copyOf(o.keySet()));
    assertEquals("fast", o.get("mode"));
    assertEquals(3, o.get("n"));
    assertEquals(0.5, o.get("rate"));
    assertEquals(true, o.get("on"));
    assertEquals(List.of(1, 2), o.get("ids"));
    assertEquals(List.of("a", "z"), List.copyOf(((java.util.Map<?, ?>) o.get("nested")).keySet()));
    String other = load(trainer + "rung.model.options { mode = slow, n = 3 }\n").hash();
    assertFalse(c.hash().equals(other), "the options are part of the config hash");
    assertTrue(load(trainer).model().options().isEmpty());
  }

  @Test
  void optionsNeedATrainerAndABlock() {
    List<String> e = errors("rung.model.options { mode = fast }\n");
    assertEquals(1, e.size(), e.toString());
    assertTrue(e.get(0).startsWith("rung.model.options"), e.toString());
    assertTrue(e.get(0).contains("only a trainer class"), e.toString());

    List<String> notBlock =
        errors(
            "rung.model.trainer = "
                + CURVE
                + "\nrung.data.format = none\nrung.model.options = 3\n");
    assertEquals(1, notBlock.size(), notBlock.toString());
    assertTrue(notBlock.get(0).contains("expected a block"), notBlock.toString());
  }
}
