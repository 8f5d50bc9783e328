package dev.rung.training.checkpoint;

import static org.junit.jupiter.api.Assertions.*;

import dev.rung.training.TestData;
import dev.rung.training.hostile.Zips;
import dev.rung.training.loop.EpochReporter;
import dev.rung.training.loop.EpochTrainer;
import dev.rung.training.model.LrSchedule;
import dev.rung.training.model.MlpSpec;
import dev.rung.training.model.OptimizerKind;
import dev.rung.training.model.OptimizerSpec;
import dev.rung.training.model.TrainingSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;

class CheckpointTest {
  @TempDir Path dir;
  private final TrainingSpec spec = TrainingSpec.of(MlpSpec.of(16), OptimizerSpec.adam(1e-2), 64);
  private EpochTrainer trainer;

  @BeforeEach
  void trainOneEpoch() {
    trainer = new EpochTrainer(spec, TestData.digits(), 3);
    trainer.train(1, EpochReporter.none());
  }

  @Test
  void roundTripsStateAndLeavesNoTemporaryFiles() throws IOException {
    String where = dir.resolve("sub/c.ckpt").toString();
    Checkpoint.save(trainer, where);
    Checkpoint.save(trainer, where); // overwriting an existing checkpoint works too
    EpochTrainer c = Checkpoint.resume(where, spec, TestData.digits());
    assertEquals(1, c.nextEpoch());
    assertEquals(3, c.seed());
    assertEquals(trainer.network().params(), c.network().params());
    assertEquals(
        trainer.network().getUpdater().getStateViewArray(),
        c.network().getUpdater().getStateViewArray());
    try (Stream<Path> files = Files.list(dir.resolve("sub"))) {
      List<String> names = files.map(p -> p.getFileName().toString()).toList();
      assertTrue(names.stream().noneMatch(n -> n.contains(".tmp-")), names.toString());
    }
  }

  @Test
  void aNetworkWithoutUpdaterStateRoundTripsWithTheSameOutputs() throws IOException {
    // Plain SGD keeps no updater state, so DL4J writes no updaterState.bin.
    TrainingSpec sgd =
        TrainingSpec.of(
            MlpSpec.of(8), new OptimizerSpec(OptimizerKind.SGD, 0.1, 0, 0, LrSchedule.NONE), 32);
    EpochTrainer plain = new EpochTrainer(sgd, TestData.digits(), 5);
    plain.train(1, EpochReporter.none());
    String where = dir.resolve("sgd.ckpt").toString();
    Checkpoint.save(plain, where);
    List<Zips.Entry> network =
        Zips.entries(Zips.get(Zips.entries(Files.readAllBytes(Path.of(where))), "trainer.bin"));
    assertEquals(
        List.of("configuration.json", "coefficients.bin"),
        network.stream().map(Zips.Entry::name).toList());
    INDArray x = TestData.digits().validation().features();
    GoldenCheckpointTest.assertSame(
        plain.network().output(x, false), Checkpoint.network(where).output(x, false));
  }

  @Test
  void aCheckpointHoldsExactlyTheEntriesRungReadsBack() throws IOException {
    String where = dir.resolve("c.ckpt").toString();
    Checkpoint.save(trainer, where);
    List<Zips.Entry> outer = Zips.entries(Files.readAllBytes(Path.of(where)));
    assertEquals(
        List.of("state.properties", "trainer.bin"), outer.stream().map(Zips.Entry::name).toList());
    assertEquals(
        List.of("configuration.json", "coefficients.bin", "updaterState.bin"),
        Zips.entries(Zips.get(outer, "trainer.bin")).stream().map(Zips.Entry::name).toList());
    INDArray x = TestData.digits().validation().features();
    GoldenCheckpointTest.assertSame(
        trainer.network().output(x, false), Checkpoint.network(where).output(x, false));
  }

  @Test
  void missingCheckpointNamesThePath() {
    String where = dir.resolve("nowhere.ckpt").toString();
    CheckpointException e =
        assertThrows(CheckpointException.class, () -> Checkpoint.network(where));
    assertTrue(e.getMessage().contains(where), e.getMessage());
  }

  @Test
  void truncatedOrCorruptCheckpointNamesThePath() throws IOException {
    Path good = dir.resolve("good.ckpt");
    Checkpoint.save(trainer, good.toString());
    byte[] bytes = Files.readAllBytes(good);
    Path cut = dir.resolve("cut.ckpt");
    Files.write(cut, Arrays.copyOf(bytes, bytes.length / 2));
    assertBroken(cut.toString());
    Path junk = dir.resolve("junk.ckpt");
    Files.writeString(junk, "not a checkpoint");
    assertBroken(junk.toString());
    byte[] flipped = bytes.clone();
    for (int i = bytes.length / 2; i < bytes.length / 2 + 64; i++) {
      flipped[i] ^= 0x5a;
    }
    Path bad = dir.resolve("flipped.ckpt");
    Files.write(bad, flipped);
    assertBroken(bad.toString());
  }

  private static void assertBroken(String where) {
    CheckpointException e =
        assertThrows(CheckpointException.class, () -> Checkpoint.network(where));
    assertTrue(e.getMessage().startsWith("checkpoint " + where + ":"), e.getMessage());
  }
}
