package dev.rung.training.loop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rung.training.TestData;
import dev.rung.training.checkpoint.Checkpoint;
import dev.rung.training.data.PreparedData;
import dev.rung.training.model.ActivationKind;
import dev.rung.training.model.MlpSpec;
import dev.rung.training.model.OptimizerKind;
import dev.rung.training.model.OptimizerSpec;
import dev.rung.training.model.TrainingSpec;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A trial trained data-parallel on several replicas (the CPU backend runs them on threads, as it
 * would run them on the GPUs of a task): it learns, continues from a checkpoint as if never
 * stopped, keeps Adam's iteration count, and stops when its thread is interrupted.
 */
class DataParallelTest {
  @TempDir Path dir;

  private static final TrainingSpec MLP =
      TrainingSpec.of(
          new MlpSpec(List.of(64), ActivationKind.RELU, 0, false), OptimizerSpec.adam(1e-2), 32);

  /**
   * Two replicas, 10 epochs on the UCI digits. One device reaches 90 % validation accuracy in
   * {@code EpochTrainerTest.learnsTheDigits}; two replicas take one step on twice the batch, half
   * as many steps, so the bound is 85 % (chance is 10 %). The seed is fixed.
   */
  @Test
  void twoReplicasLearnTheDigits() {
    PreparedData d = TestData.digits();
    EpochTrainer t = new EpochTrainer(MLP, d, 2024).dataParallel(2);
    TrainingOutcome o = t.train(10, EpochReporter.none());
    assertEquals(2, t.workers());
    assertEquals(10, o.epochs().size());
    assertTrue(o.last().validationAccuracy() >= 0.85, "validation accuracy " + o.last());
    assertTrue(o.last().trainLoss() < o.epochs().get(0).trainLoss(), "training loss fell");
    assertTrue(Double.isFinite(o.last().trainLoss()), "a training loss per example");
    int batches = (d.train().size() + 31) / 32;
    assertEquals(
        10 * ((batches + 1) / 2),
        t.network().getIterationCount(),
        "one iteration per round of two mini-batches, as Adam's bias correction counts them");
    assertEquals(10, t.network().getEpochCount());
  }

  @Test
  void twoEpochsCheckpointTwoMoreEqualsFourStraight() {
    PreparedData d = TestData.digits();
    EpochTrainer straight = new EpochTrainer(MLP, d, 31).dataParallel(2);
    straight.train(4, EpochReporter.none());

    EpochTrainer first = new EpochTrainer(MLP, d, 31).dataParallel(2);
    first.train(2, EpochReporter.none());
    String where = dir.resolve("trial-31.ckpt").toString();
    Checkpoint.save(first, where);
    EpochTrainer resumed = Checkpoint.resume(where, MLP, d).dataParallel(2);
    TrainingOutcome o = resumed.train(4, EpochReporter.none());

    INDArray a = straight.network().params();
    INDArray b = resumed.network().params();
    double maxDiff = a.sub(b).amaxNumber().doubleValue();
    assertTrue(maxDiff <= 1e-6, "max parameter difference " + maxDiff);
    assertEquals(straight.history().get(3).validationLoss(), o.last().validationLoss(), 1e-6);
  }

  /**
   * Two replicas of mini-batches of 32 take, round by round, the step one device takes on the same
   * 64 examples: the same parameters after 3 epochs, to float rounding (the gradients are summed in
   * another order), and the same iteration count. Without batch norm, whose statistics are per
   * mini-batch, and without dropout, whose masks differ.
   */
  @Test
  void twoReplicasTrainAsOneDeviceOnTwiceTheBatch() {
    PreparedData d = TestData.digits();
    TrainingSpec big =
        TrainingSpec.of(
            new MlpSpec(List.of(64), ActivationKind.RELU, 0, false), OptimizerSpec.adam(1e-2), 64);
    EpochTrainer one = new EpochTrainer(big, d, 5);
    one.train(3, EpochReporter.none());
    EpochTrainer two = new EpochTrainer(MLP, d, 5).dataParallel(2);
    // The same initial network: the spec's batch size does not enter the initialization.
    two.network().setParams(new EpochTrainer(big, d, 5).network().params().dup());
    two.train(3, EpochReporter.none());
    double maxDiff = one.network().params().sub(two.network().params()).amaxNumber().doubleValue();
    assertTrue(maxDiff <= 1e-4, "max parameter difference " + maxDiff);
    assertEquals(one.network().getIterationCount(), two.network().getIterationCount());
    assertEquals(
        one.history().get(2).trainLoss(), two.history().get(2).trainLoss(), 1e-4, "train loss");
  }

  /** With dropout, every replica's masks come from the seed: two runs agree exactly. */
  @Test
  void dropoutMasksComeFromTheSeed() {
    TrainingSpec dropout =
        TrainingSpec.of(
            new MlpSpec(List.of(64), ActivationKind.RELU, 0.3, false),
            OptimizerSpec.adam(1e-2),
            32);
    PreparedData d = TestData.digits();
    EpochTrainer a = new EpochTrainer(dropout, d, 11).dataParallel(3);
    a.train(2, EpochReporter.none());
    EpochTrainer b = new EpochTrainer(dropout, d, 11).dataParallel(3);
    b.train(2, EpochReporter.none());
    EpochTrainer other = new EpochTrainer(dropout, d, 12).dataParallel(3);
    other.train(2, EpochReporter.none());
    // The same seed gives the same masks, bit for bit (on the CPU the replicas take turns; when
    // they computed at once, runs under load sometimes ended elsewhere). Another seed's masks move
    // the parameters far.
    assertEquals(a.network().params(), b.network().params());
    double seedApart = maxDifference(a.network().params(), other.network().params());
    assertTrue(seedApart > 0.3, "another seed: " + seedApart);
  }

  private static double maxDifference(INDArray x, INDArray y) {
    return x.sub(y).amaxNumber().doubleValue();
  }

  @Test
  void anInterruptStopsTheEpochWithoutReportingIt() {
    EpochTrainer t = new EpochTrainer(MLP, TestData.digits(), 7).dataParallel(2);
    List<EpochMetrics> seen = new ArrayList<>();
    Thread.currentThread().interrupt();
    try {
      CancellationException e =
          assertThrows(
              CancellationException.class, () -> t.train(2, TestData.recorder(seen, s -> false)));
      assertTrue(e.getMessage().contains("epoch 0"), e.getMessage());
    } finally {
      Thread.interrupted();
    }
    assertTrue(seen.isEmpty());
    assertEquals(0, t.nextEpoch());
  }

  @Test
  void aReplicaThatDivergesFailsTheEpoch() {
    TrainingSpec wild =
        TrainingSpec.of(
            new MlpSpec(List.of(64), ActivationKind.RELU, 0, false),
            new OptimizerSpec(OptimizerKind.SGD, 1e12, 0, 0, null),
            32);
    EpochTrainer t = new EpochTrainer(wild, TestData.digits(), 3).dataParallel(2);
    TrainingDivergedException e =
        assertThrows(TrainingDivergedException.class, () -> t.train(3, EpochReporter.none()));
    assertTrue(e.getMessage().contains("on replica"), e.getMessage());
  }

  @Test
  void fewerThanOneWorkerIsRefused() {
    EpochTrainer t = new EpochTrainer(MLP, TestData.digits(), 7);
    assertThrows(IllegalArgumentException.class, () -> t.dataParallel(0));
    assertEquals(1, t.workers());
  }
}
