package dev.rung.training.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rung.training.TestData;
import dev.rung.training.api.TrialContext;
import dev.rung.training.checkpoint.Checkpoint;
import dev.rung.training.checkpoint.CheckpointException;
import dev.rung.training.loop.EpochMetrics;
import dev.rung.training.trainer.TrainerTask;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The built-in networks through the one segment path ({@link TrainerTask}): segments continue from
 * their checkpoints exactly, checkpoints of another trial are refused, the family comes from the
 * options unless a {@code model} parameter chooses it, and the metrics that do not change with
 * training are reported once, on a trial's last epoch, when the study asks for them.
 */
class NetworkTrainerTest {
  @TempDir Path dir;
  private static final Map<String, Object> PARAMS =
      Map.of("mlp_layers", 1, "mlp_width", 16, "lr", 0.01, "batch_size", 128);

  private static TrialContext context(
      long seed, Map<String, Object> params, Map<String, Object> options, List<String> metrics) {
    return new TrialContext(0, params, options, seed, 3, null, TestData::digits, metrics, 1);
  }

  private static TrialContext context(long seed) {
    return context(seed, PARAMS, Map.of(), List.of("val_accuracy"));
  }

  private static List<EpochMetrics> run(TrainerTask task) throws Exception {
    List<EpochMetrics> seen = new ArrayList<>();
    task.run(TestData.recorder(seen, s -> false));
    return seen;
  }

  /**
   * A task given two GPUs trains two replicas (on the CPU backend, two threads standing for the
   * GPUs), and its segments continue from their checkpoints as exactly as a single device's.
   */
  @Test
  void aTaskWithTwoGpusTrainsTwoReplicasAndContinuesExactly() throws Exception {
    TrialContext two =
        new TrialContext(0, PARAMS, Map.of(), 4, 3, "0,1", TestData::digits, List.of(), 1);
    NetworkTrainer probe = new NetworkTrainer();
    probe.init(two);
    assertEquals(2, probe.replicas());
    String first = dir.resolve("g-1.ckpt").toString();
    String second = dir.resolve("g-3.ckpt").toString();
    List<EpochMetrics> pieces = new ArrayList<>();
    pieces.addAll(run(new TrainerTask(NetworkTrainer.class, two, 0, 1, null, first)));
    pieces.addAll(run(new TrainerTask(NetworkTrainer.class, two, 1, 3, first, second)));
    String straight = dir.resolve("gs-3.ckpt").toString();
    List<EpochMetrics> whole =
        run(new TrainerTask(NetworkTrainer.class, two, 0, 3, null, straight));
    for (int i = 0; i < 3; i++) {
      assertEquals(whole.get(i).validationLoss(), pieces.get(i).validationLoss(), 1e-6);
    }
    assertTrue(whole.get(2).validationAccuracy() > 0.5, "it learns: " + whole.get(2));
  }

  @Test
  void aGpuAddressGivenTwiceIsRefused() {
    TrialContext twice =
        new TrialContext(0, PARAMS, Map.of(), 4, 3, "1,1", TestData::digits, List.of(), 1);
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> new NetworkTrainer().init(twice));
    assertTrue(e.getMessage().contains("appears twice"), e.getMessage());
  }

  @Test
  void segmentsContinueFromTheCheckpointExactly() throws Exception {
    String first = dir.resolve("t-1.ckpt").toString();
    String second = dir.resolve("t-3.ckpt").toString();
    List<EpochMetrics> pieces = new ArrayList<>();
    pieces.addAll(run(new TrainerTask(NetworkTrainer.class, context(4), 0, 1, null, first)));
    pieces.addAll(run(new TrainerTask(NetworkTrainer.class, context(4), 1, 3, first, second)));
    String straight = dir.resolve("s-3.ckpt").toString();
    List<EpochMetrics> whole =
        run(new TrainerTask(NetworkTrainer.class, context(4), 0, 3, null, straight));
    assertEquals(3, pieces.size());
    for (int i = 0; i < 3; i++) {
      assertEquals(i, pieces.get(i).epoch());
      assertEquals(whole.get(i).validationLoss(), pieces.get(i).validationLoss(), 1e-6);
    }
    double diff =
        Checkpoint.network(straight)
            .params()
            .sub(Checkpoint.network(second).params())
            .amaxNumber()
            .doubleValue();
    assertTrue(diff <= 1e-6, "difference " + diff);
  }

  @Test
  void aMissingOrForeignCheckpointIsRefused() throws Exception {
    String ckpt = dir.resolve("u.ckpt").toString();
    assertThrows(
        CheckpointException.class,
        () -> run(new TrainerTask(NetworkTrainer.class, context(4), 1, 2, ckpt, null)));
    run(new TrainerTask(NetworkTrainer.class, context(4), 0, 1, null, ckpt));
    CheckpointException e =
        assertThrows(
            CheckpointException.class,
            () -> run(new TrainerTask(NetworkTrainer.class, context(5), 1, 2, ckpt, null)));
    assertTrue(e.getMessage().contains(ckpt) && e.getMessage().contains("seed 4"), e.getMessage());
  }

  @Test
  void theFamilyComesFromTheOptionsUnlessAParameterChoosesIt() throws Exception {
    Map<String, Object> cnn = Map.of("family", "cnn");
    String a = dir.resolve("cnn.ckpt").toString();
    run(new TrainerTask(NetworkTrainer.class, context(1, Map.of(), cnn, List.of()), 0, 1, null, a));
    assertTrue(Checkpoint.network(a).getLayerWiseConfigurations().toJson().contains("Convolution"));
    String b = dir.resolve("mlp.ckpt").toString();
    run(
        new TrainerTask(
            NetworkTrainer.class,
            context(1, Map.of("model", "mlp"), cnn, List.of()),
            0,
            1,
            null,
            b));
    assertFalse(
        Checkpoint.network(b).getLayerWiseConfigurations().toJson().contains("Convolution"));
  }

  @Test
  void architectureMetricsAreMeasuredOncePerSegmentWhenAsked() throws Exception {
    List<EpochMetrics> asked =
        run(
            new TrainerTask(
                NetworkTrainer.class,
                context(2, PARAMS, Map.of(), List.of("val_accuracy", "param_count", "latency_ms")),
                0,
                3,
                null,
                null));
    // Measured once, on the segment's first epoch, and reported with every epoch.
    for (int i = 0; i < 3; i++) {
      // 64 inputs -> 16 -> 10: (64 * 16 + 16) + (16 * 10 + 10) parameters.
      assertEquals(64 * 16 + 16 + 16 * 10 + 10, asked.get(i).value("param_count"));
      assertEquals(asked.get(0).value("latency_ms"), asked.get(i).value("latency_ms"));
    }
    assertTrue(asked.get(0).value("latency_ms") > 0, asked.get(0).toString());
    List<EpochMetrics> notAsked =
        run(new TrainerTask(NetworkTrainer.class, context(2), 0, 3, null, null));
    assertFalse(notAsked.get(2).values().containsKey("latency_ms"), notAsked.get(2).toString());
  }

  @Test
  void theBestTrialIsTestedAndExportedWithItsDescription() throws Exception {
    String ckpt = dir.resolve("b.ckpt").toString();
    run(new TrainerTask(NetworkTrainer.class, context(3), 0, 3, null, ckpt));
    Map<String, Double> out =
        TrainerTask.testAndExport(
            NetworkTrainer.class,
            context(3),
            3,
            ckpt,
            dir.resolve("best").toString(),
            Map.of("val_accuracy", 0.9));
    assertEquals(0.9, out.get("val_accuracy"));
    assertTrue(out.get("test_accuracy") > 0.5, out.toString());
    assertTrue(Files.size(dir.resolve("best/model.zip")) > 0);
    String meta = Files.readString(dir.resolve("best/model.json"));
    assertTrue(meta.contains("\"model_file\": \"model.zip\""), meta);
    assertTrue(meta.contains("\"num_params\": " + (64 * 16 + 16 + 16 * 10 + 10)), meta);
  }
}
