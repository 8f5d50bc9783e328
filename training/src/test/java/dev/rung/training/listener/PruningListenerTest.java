package dev.rung.training.listener;

import static org.junit.jupiter.api.Assertions.*;

import dev.rung.pruners.Pruner;
import dev.rung.study.FrozenTrial;
import dev.rung.study.Study;
import dev.rung.study.TrialPrunedException;
import dev.rung.study.TrialState;
import dev.rung.training.TestData;
import dev.rung.training.data.PreparedData;
import dev.rung.training.loop.EpochMetrics;
import dev.rung.training.loop.EpochReporter;
import dev.rung.training.loop.Metric;
import dev.rung.training.loop.TrialReporter;
import dev.rung.training.model.MlpSpec;
import dev.rung.training.model.NetworkFactory;
import dev.rung.training.model.OptimizerSpec;
import dev.rung.training.model.TrainingSpec;
import java.util.ArrayList;
import java.util.List;
import org.deeplearning4j.datasets.iterator.utilty.ListDataSetIterator;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.dataset.DataSet;

/** A user's own DL4J loop ({@code net.fit(iterator, epochs)}), stopped by the listener. */
class PruningListenerTest {
  private static MultiLayerNetwork net(PreparedData d) {
    return NetworkFactory.build(
        TrainingSpec.of(MlpSpec.of(16), OptimizerSpec.adam(1e-2), 64), d.shape(), d.classes(), 5);
  }

  private static ListDataSetIterator<DataSet> iterator(PreparedData d) {
    return new ListDataSetIterator<>(
        new DataSet(d.train().features(), d.train().oneHotLabels()).asList(), 128);
  }

  @Test
  void stopsFitWhenTheReporterSaysPrune() {
    PreparedData d = TestData.digits();
    List<EpochMetrics> seen = new ArrayList<>();
    EpochReporter pruneAtThree = TestData.recorder(seen, s -> s.size() == 3);
    MultiLayerNetwork net = net(d);
    PruningListener listener = new PruningListener(d.validation(), pruneAtThree);
    net.setListeners(listener);
    assertThrows(TrialPrunedException.class, () -> net.fit(iterator(d), 20));
    assertTrue(listener.pruned());
    assertEquals(3, listener.epochs());
    assertEquals(3, seen.size());
    assertTrue(seen.get(2).validationAccuracy() > 0.1, "the network was evaluated: " + seen.get(2));
  }

  @Test
  void aStudysPrunerMarksTheTrialPruned() {
    PreparedData d = TestData.digits();
    Pruner afterTwoSteps =
        new Pruner() {
          @Override
          public boolean prune(dev.rung.study.History history, FrozenTrial trial) {
            return trial.lastStep().orElse(0) >= 2;
          }
        };
    Study study = Study.builder().pruner(afterTwoSteps).build();
    study.optimize(
        trial -> {
          MultiLayerNetwork net = net(d);
          net.setListeners(
              new PruningListener(d.validation(), new TrialReporter(trial, Metric.VAL_ACCURACY)));
          net.fit(iterator(d), 10);
          return 0.0;
        },
        1);
    FrozenTrial t = study.trials().get(0);
    assertEquals(TrialState.PRUNED, t.state());
    assertEquals(java.util.Set.of(1, 2), t.intermediateValues().keySet());
  }
}
