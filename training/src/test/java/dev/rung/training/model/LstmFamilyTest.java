package dev.rung.training.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rung.training.TestData;
import dev.rung.training.checkpoint.Checkpoint;
import dev.rung.training.data.InputShape;
import dev.rung.training.data.PreparedData;
import dev.rung.training.loop.EpochReporter;
import dev.rung.training.loop.EpochTrainer;
import dev.rung.training.loop.TrainingOutcome;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The third built-in family, added as one class: an LSTM reading the digits' 8 rows as 8 steps of 8
 * pixels learns them, checkpoints and continues like the other families, is chosen by name, and
 * refuses data it cannot read as sequences.
 */
class LstmFamilyTest {
  @TempDir Path dir;

  private static TrainingSpec spec(Map<String, Object> params) {
    return TrainingSpecs.fromParams(params);
  }

  @Test
  void theParametersDescribeStackedLstmLayers() {
    TrainingSpec s =
        spec(Map.of("model", "lstm", "lstm_layers", 2, "lstm_width", 24, "lstm_1_width", 12));
    assertEquals(new LstmFamily.Spec(java.util.List.of(24, 12), 0), s.network());
    assertEquals("lstm", NetworkFamilies.of(s.network()).name());
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class, () -> spec(Map.of("model", "lstm", "lstm_layers", 0)));
    assertTrue(e.getMessage().contains("lstm_layers 0"), e.getMessage());
  }

  @Test
  void anLstmOverTheRowsLearnsTheDigitsAndContinuesFromItsCheckpoint() {
    PreparedData digits = TestData.digits();
    TrainingSpec s = spec(Map.of("model", "lstm", "lstm_width", 32, "lr", 0.01, "batch_size", 32));
    EpochTrainer straight = new EpochTrainer(s, digits, 11);
    TrainingOutcome o = straight.train(4, EpochReporter.none());
    // Ten classes: guessing is right 10 % of the time.
    assertTrue(o.last().validationAccuracy() > 0.5, "validation accuracy " + o.last());

    EpochTrainer first = new EpochTrainer(s, digits, 11);
    first.train(2, EpochReporter.none());
    String where = dir.resolve("lstm.ckpt").toString();
    Checkpoint.save(first, where);
    EpochTrainer resumed = Checkpoint.resume(where, s, digits);
    resumed.train(4, EpochReporter.none());
    INDArray x = digits.validation().range(0, 16).getFeatures();
    double diff =
        straight
            .network()
            .output(x, false)
            .sub(resumed.network().output(x, false))
            .amaxNumber()
            .doubleValue();
    assertTrue(diff <= 1e-5, "outputs differ by " + diff);
    assertArrayEquals(new long[] {16, 10}, resumed.network().output(x, false).shape());
  }

  @Test
  void dataThatIsNotOneChannelSequencesIsRefusedNamingTheShape() {
    TrainingSpec s = spec(Map.of("model", "lstm"));
    IllegalArgumentException vectors =
        assertThrows(
            IllegalArgumentException.class,
            () -> NetworkFactory.configuration(s, InputShape.vector(64), 10, 1));
    assertTrue(vectors.getMessage().contains("plain vectors of 64 features"), vectors.getMessage());
    IllegalArgumentException color =
        assertThrows(
            IllegalArgumentException.class,
            () -> NetworkFactory.configuration(s, InputShape.image(3, 32, 32), 10, 1));
    assertTrue(color.getMessage().contains("3-channel images"), color.getMessage());
  }

  @Test
  void anUnknownFamilyNamesTheFamiliesThereAre() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> spec(Map.of("model", "transformer")));
    assertTrue(e.getMessage().contains("[mlp, cnn, lstm]"), e.getMessage());
  }
}
