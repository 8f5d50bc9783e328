package dev.rung.space;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rung.distributions.CategoricalDistribution;
import dev.rung.distributions.FloatDistribution;
import dev.rung.distributions.IntDistribution;
import dev.rung.samplers.RandomSampler;
import dev.rung.study.FrozenTrial;
import dev.rung.study.Study;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SearchSpaceTest {

  private static SearchSpace mlpSpace() {
    // Given out of dependency order on purpose: momentum and width come before what they need.
    return new SearchSpace(
        List.of(
            ParamSpec.of("momentum", FloatDistribution.uniform(0, 0.99)).when("optimizer", "sgd"),
            ParamSpec.of("width", IntDistribution.logScale(16, 512)).per("layers"),
            ParamSpec.of("optimizer", CategoricalDistribution.of("adam", "sgd", "rmsprop")),
            ParamSpec.of("layers", IntDistribution.of(1, 3)),
            ParamSpec.of("lr", FloatDistribution.logUniform(1e-4, 1e-1))));
  }

  @Test
  void conditionalAndRepeatedParametersAreSuggestedOnlyWhenActive() {
    SearchSpace space = mlpSpace();
    Study study = Study.builder().sampler(new RandomSampler(3)).build();
    study.optimize(
        t -> {
          Map<String, Object> v = space.suggest(t);
          assertEquals(v, t.params());
          return 0;
        },
        60);
    int sgd = 0;
    for (FrozenTrial t : study.trials()) {
      boolean isSgd = t.params().get("optimizer").equals("sgd");
      sgd += isSgd ? 1 : 0;
      assertEquals(isSgd, t.hasParam("momentum"));
      int layers = (Integer) t.params().get("layers");
      for (int i = 0; i < 3; i++) {
        assertEquals(i < layers, t.hasParam("width_" + i), "width_" + i + " with " + layers);
      }
    }
    assertTrue(sgd > 5 && sgd < 40, "sgd chosen about a third of the time: " + sgd);
  }

  @Test
  void repeatedNamesFollowTheirTemplate() {
    SearchSpace space =
        new SearchSpace(
            List.of(
                ParamSpec.of("cnn_layers", IntDistribution.of(2, 2)),
                ParamSpec.of("conv_{i}_channels", IntDistribution.of(8, 64)).per("cnn_layers")));
    Study study = Study.builder().sampler(new RandomSampler(1)).build();
    assertEquals(
        List.of("cnn_layers", "conv_0_channels", "conv_1_channels"),
        List.copyOf(space.suggest(study.ask()).keySet()));
    var untemplated =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                new SearchSpace(
                    List.of(ParamSpec.of("conv_{i}_channels", IntDistribution.of(8, 64)))));
    assertTrue(untemplated.getMessage().contains("has {i} but the parameter is not repeated"));
  }

  @Test
  void dependenciesComeFirst() {
    List<String> order = mlpSpace().params().stream().map(ParamSpec::name).toList();
    assertTrue(order.indexOf("optimizer") < order.indexOf("momentum"));
    assertTrue(order.indexOf("layers") < order.indexOf("width"));
  }

  @Test
  void allNamesExpandsRepeatedParametersToTheCountsHigh() {
    assertEquals(
        List.of("optimizer", "momentum", "layers", "width_0", "width_1", "width_2", "lr"),
        List.copyOf(mlpSpace().allNames().keySet()));
  }

  @Test
  void badReferencesAreReportedWithNames() {
    var unknown =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                new SearchSpace(
                    List.of(
                        ParamSpec.of("momentum", FloatDistribution.uniform(0, 1))
                            .when("optimiser", "sgd"))));
    assertEquals(
        "parameter 'momentum' depends on 'optimiser', which is not in the search space"
            + " [momentum]",
        unknown.getMessage());
    var never =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                new SearchSpace(
                    List.of(
                        ParamSpec.of("opt", CategoricalDistribution.of("adam", "sgd")),
                        ParamSpec.of("momentum", FloatDistribution.uniform(0, 1))
                            .when("opt", "sdg"))));
    assertTrue(
        never.getMessage().contains("'opt' = sdg, which 'opt' can never take"), never.getMessage());
    var count =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                new SearchSpace(
                    List.of(
                        ParamSpec.of("layers", FloatDistribution.uniform(1, 3)),
                        ParamSpec.of("width", IntDistribution.of(8, 64)).per("layers"))));
    assertTrue(count.getMessage().contains("must be an int parameter"), count.getMessage());
    var cycle =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                new SearchSpace(
                    List.of(
                        ParamSpec.of("a", CategoricalDistribution.of("x", "y")).when("b", "x"),
                        ParamSpec.of("b", CategoricalDistribution.of("x", "y")).when("a", "x"))));
    assertTrue(cycle.getMessage().contains("depends on itself"), cycle.getMessage());
    var twice =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                new SearchSpace(
                    List.of(
                        ParamSpec.of("a", IntDistribution.of(0, 1)),
                        ParamSpec.of("a", IntDistribution.of(0, 2)))));
    assertEquals("parameter 'a' is defined twice", twice.getMessage());
  }
}
