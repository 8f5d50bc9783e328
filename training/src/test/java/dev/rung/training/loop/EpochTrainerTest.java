package dev.rung.training.loop;

import static org.junit.jupiter.api.Assertions.*;

import dev.rung.training.TestData;
import dev.rung.training.augment.Augmentation;
import dev.rung.training.checkpoint.Checkpoint;
import dev.rung.training.data.DataSpec;
import dev.rung.training.data.Datasets;
import dev.rung.training.data.Normalization;
import dev.rung.training.data.PreparedData;
import dev.rung.training.model.ActivationKind;
import dev.rung.training.model.CnnSpec;
import dev.rung.training.model.ConvLayerSpec;
import dev.rung.training.model.LrSchedule;
import dev.rung.training.model.MlpSpec;
import dev.rung.training.model.OptimizerKind;
import dev.rung.training.model.OptimizerSpec;
import dev.rung.training.model.TrainingSpec;
import dev.rung.training.model.WeightInitKind;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;

class EpochTrainerTest {
  @TempDir Path dir;

  /** Dropout, batch norm, Adam moments, a schedule and augmentation: every piece of state. */
  private static final TrainingSpec STATEFUL =
      new TrainingSpec(
          new CnnSpec(
              List.of(new ConvLayerSpec(4, 3, true)), ActivationKind.RELU, true, false, 16, 0.3),
          new OptimizerSpec(
              OptimizerKind.ADAMW,
              5e-3,
              1e-3,
              0,
              new LrSchedule(LrSchedule.Kind.EXPONENTIAL, 0.8, 1)),
          64,
          WeightInitKind.HE,
          new Augmentation(10, 0.2, 1));

  private static final TrainingSpec MLP =
      TrainingSpec.of(
          new MlpSpec(List.of(32), ActivationKind.RELU, 0.2, false), OptimizerSpec.adam(5e-3), 32);

  @Test
  void sameSeedSameParametersOtherSeedOthers() {
    PreparedData d = TestData.digits();
    INDArray a = run(STATEFUL, d, 17, 2);
    INDArray b = run(STATEFUL, d, 17, 2);
    INDArray c = run(STATEFUL, d, 18, 2);
    assertEquals(a, b);
    assertNotEquals(a, c);
  }

  private static INDArray run(TrainingSpec spec, PreparedData d, long seed, int epochs) {
    EpochTrainer t = new EpochTrainer(spec, d, seed);
    t.train(epochs, EpochReporter.none());
    return t.network().params().dup();
  }

  @Test
  void twoEpochsCheckpointTwoMoreEqualsFourStraight() {
    PreparedData d = TestData.digits();
    EpochTrainer straight = new EpochTrainer(STATEFUL, d, 23);
    straight.train(4, EpochReporter.none());

    EpochTrainer first = new EpochTrainer(STATEFUL, d, 23);
    first.train(2, EpochReporter.none());
    String where = dir.resolve("trial-23.ckpt").toString();
    Checkpoint.save(first, where);
    EpochTrainer resumed = Checkpoint.resume(where, STATEFUL, d);
    assertEquals(2, resumed.nextEpoch());
    TrainingOutcome o = resumed.train(4, EpochReporter.none());

    INDArray p4 = straight.network().params();
    INDArray p22 = resumed.network().params();
    double maxDiff = p4.sub(p22).amaxNumber().doubleValue();
    assertTrue(maxDiff <= 1e-6, "max parameter difference " + maxDiff);
    assertEquals(straight.history().get(3).validationLoss(), o.last().validationLoss(), 1e-6);
    assertEquals(4, straight.network().getEpochCount());
    assertEquals(4, resumed.network().getEpochCount());
  }

  /** An interrupted thread stops training at the next minibatch, without reporting the epoch. */
  @Test
  void anInterruptStopsTheEpochInProgress() {
    PreparedData d = TestData.digits();
    EpochTrainer t = new EpochTrainer(STATEFUL, d, 29);
    List<EpochMetrics> seen = new ArrayList<>();
    EpochReporter record = TestData.recorder(seen, s -> false);
    Thread.currentThread().interrupt();
    try {
      java.util.concurrent.CancellationException e =
          assertThrows(java.util.concurrent.CancellationException.class, () -> t.train(2, record));
      assertTrue(e.getMessage().contains("epoch 0"), e.getMessage());
    } finally {
      Thread.interrupted();
    }
    assertTrue(seen.isEmpty());
    assertEquals(0, t.nextEpoch());
  }

  @Test
  void stopsWhenTheReporterSaysPrune() {
    List<EpochMetrics> seen = new ArrayList<>();
    EpochReporter pruneAfterTwo = TestData.recorder(seen, s -> s.size() >= 2);
    TrainingOutcome o = new EpochTrainer(MLP, TestData.digits(), 1).train(10, pruneAfterTwo);
    assertTrue(o.pruned());
    assertEquals(2, o.nextEpoch());
    assertEquals(List.of(0, 1), seen.stream().map(EpochMetrics::epoch).toList());
    assertThrows(dev.rung.study.TrialPrunedException.class, o::throwIfPruned);
  }

  /**
   * A real run: a 64-unit MLP on the UCI digits for 10 epochs. Linear models and small MLPs reach
   * about 95-98% on this data; chance is 10%. The bound of 90% leaves room for float differences
   * between machines while still failing for any real defect in the loop (wrong labels, no
   * shuffling of classes, a broken updater). The seed is fixed, so the run is deterministic.
   */
  @Test
  void learnsTheDigits() {
    TrainingSpec spec =
        TrainingSpec.of(
            new MlpSpec(List.of(64), ActivationKind.RELU, 0, false), OptimizerSpec.adam(1e-2), 32);
    EpochTrainer t = new EpochTrainer(spec, TestData.digits(), 2024);
    TrainingOutcome o = t.train(10, EpochReporter.none());
    assertFalse(o.pruned());
    assertEquals(10, o.epochs().size());
    assertTrue(o.last().validationAccuracy() >= 0.90, "validation accuracy " + o.last());
    assertTrue(o.last().validationMacroF1() >= 0.88, "macro F1 " + o.last());
    assertTrue(o.last().trainLoss() < o.epochs().get(0).trainLoss(), "training loss fell");
    Evaluation test = t.evaluateTest();
    assertEquals(TestData.digits().test().size(), sum(test.confusion()));
    assertTrue(test.accuracy() >= 0.88, "test accuracy " + test.accuracy());
  }

  @Test
  void divergenceFailsTheTrialWithAClearMessage() throws java.io.IOException {
    // Rows with a NaN feature make the loss NaN at once, as a diverging run would.
    StringBuilder csv = new StringBuilder();
    for (int i = 0; i < 40; i++) {
      csv.append(i % 7 == 3 ? "NaN" : Integer.toString(i)).append(',').append(i % 2).append('\n');
    }
    Path f = dir.resolve("nan.csv");
    java.nio.file.Files.writeString(f, csv);
    DataSpec spec =
        new DataSpec(
            DataSpec.Format.CSV,
            f.toString(),
            null,
            null,
            null,
            null,
            null,
            null,
            0.25,
            0.25,
            1,
            Normalization.NONE);
    TrainingDivergedException e =
        assertThrows(
            TrainingDivergedException.class,
            () -> new EpochTrainer(MLP, Datasets.prepare(spec), 1).train(3, EpochReporter.none()));
    assertTrue(
        e.getMessage().contains("NaN") && e.getMessage().contains("epoch 0"), e.getMessage());
  }

  private static long sum(long[][] c) {
    long s = 0;
    for (long[] row : c) {
      for (long v : row) {
        s += v;
      }
    }
    return s;
  }
}
