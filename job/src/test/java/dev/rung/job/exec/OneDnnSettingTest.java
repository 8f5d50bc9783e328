package dev.rung.job.exec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.ConfigFactory;
import dev.rung.job.config.SweepConfig;
import dev.rung.job.config.SweepConfigLoader;
import dev.rung.training.device.Backend;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code training.onednn}: on by default, and a sweep that turns it off trains its segments with
 * DL4J's own layers; both give the same trial to float32 precision.
 */
class OneDnnSettingTest {
  private static final String SWEEP =
      """
      rung {
        study.name = onednn
        model.family = cnn
        space { lr { type = float, low = 1e-3, high = 1e-2, log = true } }
        data { dataset = digits, image-shape = [1, 8, 8] }
        budget.trials = 1
      }
      """;

  @TempDir Path dir;

  @AfterEach
  void helpersBackOn() {
    System.setProperty(Backend.HELPERS_DISABLE, "false");
  }

  private SweepConfig config(String... overrides) {
    List<String> all = new ArrayList<>(List.of(overrides));
    all.add("output=" + dir.resolve("out"));
    return SweepConfigLoader.load(ConfigFactory.parseString(SWEEP), all);
  }

  private static SegmentResult segment(SweepConfig c) {
    Map<String, Object> params = new LinkedHashMap<>();
    params.put("model", "cnn");
    params.put("cnn_layers", 2);
    params.put("conv_0_channels", 6);
    params.put("conv_0_kernel", 3);
    params.put("conv_0_pool", true);
    params.put("conv_1_channels", 8);
    params.put("conv_1_kernel", 5);
    params.put("conv_1_pool", false);
    params.put("fc_width", 16);
    params.put("lr", 0.01);
    params.put("optimizer", "adam");
    params.put("batch_size", 32);
    SegmentTask task =
        new SegmentTask(
            c.studyName(),
            "t0",
            0,
            0,
            0,
            0,
            2,
            params,
            11,
            null,
            null,
            null,
            Map.of(),
            0,
            "val_accuracy");
    return TrainingSegmentRunner.of(c).run(task, new TaskPlacement("driver", "localhost", null, 0));
  }

  @Test
  void onByDefaultAndOffWhenTheSweepSaysSo() {
    SweepConfig on = config();
    assertTrue(on.oneDnn());
    SegmentResult a = segment(on);
    assertEquals("false", System.getProperty(Backend.HELPERS_DISABLE));

    SweepConfig off = config("training.onednn=false");
    assertFalse(off.oneDnn());
    SegmentResult b = segment(off);
    assertEquals("true", System.getProperty(Backend.HELPERS_DISABLE));

    assertEquals(ExecutorOutcome.FINISHED, a.outcome(), a.reason());
    assertEquals(ExecutorOutcome.FINISHED, b.outcome(), b.reason());
    assertEquals(a.epochs().size(), b.epochs().size());
    for (int i = 0; i < a.epochs().size(); i++) {
      assertEquals(
          a.epochs().get(i).validationLoss(),
          b.epochs().get(i).validationLoss(),
          1e-3,
          "epoch " + (i + 1) + " validation loss, oneDNN on and off");
    }
    // The setting is part of what identifies the sweep.
    assertFalse(on.hash().equals(off.hash()));
  }
}
