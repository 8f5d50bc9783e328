package dev.rung.training.loop;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rung.training.TestData;
import dev.rung.training.data.PreparedData;
import dev.rung.training.model.ActivationKind;
import dev.rung.training.model.MlpSpec;
import dev.rung.training.model.OptimizerSpec;
import dev.rung.training.model.TrainingSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntFunction;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.dataset.DataSet;

/**
 * An epoch fitted elsewhere ({@link EpochTrainer#fitWith}, as a trial across executors is): the fit
 * gets the same mini-batches, in the same order, as the calling thread would train, and the trainer
 * still evaluates, counts the epoch and keeps the fit's loss.
 */
class EpochFitTest {
  private static final TrainingSpec MLP =
      TrainingSpec.of(
          new MlpSpec(List.of(32), ActivationKind.RELU, 0, false), OptimizerSpec.adam(1e-2), 32);

  /** Fits on the calling thread as the trainer would, recording the batches it was given. */
  private static final class Recording implements EpochFit {
    final List<float[]> firstRows = new ArrayList<>();
    int epochs;

    @Override
    public double fitEpoch(
        MultiLayerNetwork net, int count, IntFunction<DataSet> batches, long seed, int epoch) {
      epochs++;
      double sum = 0;
      int examples = 0;
      for (int k = 0; k < count; k++) {
        DataSet ds = batches.apply(k);
        firstRows.add(ds.getFeatures().getRow(0).toFloatVector());
        net.fit(ds);
        sum += net.score() * ds.numExamples();
        examples += ds.numExamples();
      }
      return sum / examples;
    }

    @Override
    public String describe() {
      return "recording";
    }
  }

  @Test
  void aFitElsewhereTrainsTheSameEpochAsThisThread() {
    PreparedData d = TestData.digits();
    Recording fit = new Recording();
    EpochTrainer elsewhere = new EpochTrainer(MLP, d, 11).fitWith(fit);
    EpochTrainer here = new EpochTrainer(MLP, d, 11);
    TrainingOutcome a = elsewhere.train(2, EpochReporter.none());
    TrainingOutcome b = here.train(2, EpochReporter.none());
    assertEquals(2, fit.epochs);
    assertEquals(2 * ((d.train().size() + 31) / 32), fit.firstRows.size());
    // The same batches in the same order, fitted the same way: the same network and metrics.
    assertArrayEquals(
        here.network().params().toFloatVector(), elsewhere.network().params().toFloatVector());
    assertEquals(b.last().validationAccuracy(), a.last().validationAccuracy());
    assertEquals(b.last().trainLoss(), a.last().trainLoss(), 1e-9);
    assertEquals(2, elsewhere.network().getEpochCount());
    assertTrue(a.last().validationAccuracy() > 0.5, "it learned: " + a.last());
  }

  @Test
  void aFitThatDivergesStopsTheTrial() {
    EpochFit nan =
        new EpochFit() {
          @Override
          public double fitEpoch(
              MultiLayerNetwork net, int count, IntFunction<DataSet> batches, long s, int e) {
            throw new TrainingDivergedException("training loss became NaN in epoch " + e);
          }

          @Override
          public String describe() {
            return "diverging";
          }
        };
    EpochTrainer t = new EpochTrainer(MLP, TestData.digits(), 11).fitWith(nan);
    assertThrows(TrainingDivergedException.class, () -> t.train(1, EpochReporter.none()));
    assertEquals(0, t.nextEpoch());
  }
}
