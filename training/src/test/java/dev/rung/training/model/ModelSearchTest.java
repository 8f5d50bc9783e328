package dev.rung.training.model;

import static org.junit.jupiter.api.Assertions.*;

import dev.rung.study.Study;
import dev.rung.study.Trial;
import dev.rung.training.TestData;
import dev.rung.training.params.FixedParams;
import dev.rung.training.params.TrialParams;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ModelSearchTest {
  private final ModelSearch search =
      new ModelSearch().models("mlp", "cnn").augmentation(10, 0.5, 1);

  @Test
  void conditionalParametersAreSuggestedOnlyWhenActive() {
    Study study = TestData.randomStudy(11);
    boolean sawSgd = false;
    boolean sawOther = false;
    for (int t = 0; t < 60; t++) {
      Trial trial = study.ask();
      TrainingSpec spec = search.sample(new TrialParams(trial));
      Map<String, Object> p = trial.params();
      boolean sgd = spec.optimizer().kind() == OptimizerKind.SGD;
      sawSgd |= sgd;
      sawOther |= !sgd;
      assertEquals(sgd, p.containsKey(ParamNames.MOMENTUM), p.toString());
      assertEquals(
          spec.optimizer().schedule().kind() != LrSchedule.Kind.NONE,
          p.containsKey(ParamNames.LR_GAMMA),
          p.toString());
      if (spec.network() instanceof MlpSpec mlp) {
        assertFalse(p.containsKey(ParamNames.CNN_LAYERS) || p.containsKey(ParamNames.FC_WIDTH));
        for (int i = 0; i < 4; i++) {
          assertEquals(
              i < mlp.widths().size(), p.containsKey(ParamNames.mlpWidth(i)), p.toString());
          assertFalse(p.containsKey(ParamNames.convChannels(i)));
        }
      } else {
        CnnSpec cnn = (CnnSpec) spec.network();
        assertFalse(p.containsKey(ParamNames.MLP_LAYERS));
        for (int i = 0; i < 4; i++) {
          boolean exists = i < cnn.convs().size();
          assertEquals(exists, p.containsKey(ParamNames.convChannels(i)), p.toString());
          assertEquals(exists, p.containsKey(ParamNames.convKernel(i)), p.toString());
          assertEquals(exists, p.containsKey(ParamNames.convPool(i)), p.toString());
        }
      }
      study.tell(trial, 0.0);
    }
    // 4 optimizers drawn uniformly 60 times: P(no sgd) = 0.75^60 < 1e-7.
    assertTrue(sawSgd && sawOther);
  }

  @Test
  void sharedWidthUsesOneParameter() {
    Study study = TestData.randomStudy(5);
    Trial trial = study.ask();
    MlpSpec mlp =
        (MlpSpec)
            new ModelSearch()
                .mlpLayers(3, 3)
                .perLayerWidth(false)
                .sampleNetwork(new TrialParams(trial));
    assertEquals(3, mlp.widths().size());
    assertEquals(1, mlp.widths().stream().distinct().count());
    assertTrue(trial.params().containsKey(ParamNames.MLP_WIDTH));
    assertFalse(trial.params().containsKey(ParamNames.mlpWidth(0)));
  }

  @Test
  void anExecutorRebuildsTheSameSpecFromTheTrialsParameters() {
    Study study = TestData.randomStudy(9);
    for (int t = 0; t < 10; t++) {
      Trial trial = study.ask();
      TrainingSpec sampled = search.sample(new TrialParams(trial));
      assertEquals(sampled, search.sample(new FixedParams(trial.params())));
      // The declarative reader understands the same names.
      assertEquals(sampled.network(), TrainingSpecs.fromParams(trial.params()).network());
      assertEquals(sampled.optimizer(), TrainingSpecs.fromParams(trial.params()).optimizer());
      study.tell(trial, 0.0);
    }
  }
}
