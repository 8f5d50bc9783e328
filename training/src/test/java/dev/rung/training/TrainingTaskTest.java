package dev.rung.training;

import static org.junit.jupiter.api.Assertions.*;

import dev.rung.training.checkpoint.CheckpointException;
import dev.rung.training.data.DataSpec;
import dev.rung.training.loop.EpochReporter;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrainingTaskTest {
  @TempDir Path dir;
  private final Map<String, Object> params =
      Map.of("mlp_layers", 1, "mlp_width", 16, "lr", 0.01, "batch_size", 128);

  @Test
  void rungsContinueFromTheCheckpoint() {
    String ckpt = dir.resolve("t.ckpt").toString();
    var first =
        new TrainingTask(DataSpec.digits(), params, 4, 0, 1, null, ckpt).run(EpochReporter.none());
    assertEquals(1, first.outcome().nextEpoch());
    assertTrue(TrainingTask.checkpointExists(ckpt));
    var second =
        new TrainingTask(DataSpec.digits(), params, 4, 1, 2, ckpt, null).run(EpochReporter.none());
    assertEquals(2, second.outcome().nextEpoch());
    assertEquals(2, second.outcome().epochs().size());
    var straight =
        new TrainingTask(DataSpec.digits(), params, 4, 0, 2, null, null).run(EpochReporter.none());
    double diff =
        straight
            .trainer()
            .network()
            .params()
            .sub(second.trainer().network().params())
            .amaxNumber()
            .doubleValue();
    assertTrue(diff <= 1e-6, "difference " + diff);
  }

  @Test
  void mismatchedOrMissingCheckpointIsReported() {
    String ckpt = dir.resolve("u.ckpt").toString();
    assertThrows(
        CheckpointException.class,
        () ->
            new TrainingTask(DataSpec.digits(), params, 4, 1, 2, ckpt, null)
                .run(EpochReporter.none()));
    new TrainingTask(DataSpec.digits(), params, 4, 0, 1, null, ckpt).run(EpochReporter.none());
    IllegalStateException e =
        assertThrows(
            IllegalStateException.class,
            () ->
                new TrainingTask(DataSpec.digits(), params, 5, 1, 2, ckpt, null)
                    .run(EpochReporter.none()));
    assertTrue(e.getMessage().contains(ckpt) && e.getMessage().contains("seed 5"), e.getMessage());
  }
}
