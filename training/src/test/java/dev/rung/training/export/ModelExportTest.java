package dev.rung.training.export;

import static org.junit.jupiter.api.Assertions.*;

import dev.rung.training.TestData;
import dev.rung.training.data.PreparedData;
import dev.rung.training.model.MlpSpec;
import dev.rung.training.model.NetworkFactory;
import dev.rung.training.model.OptimizerSpec;
import dev.rung.training.model.TrainingSpec;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;

class ModelExportTest {
  @TempDir Path dir;

  private static MultiLayerNetwork mlp(PreparedData d) {
    return NetworkFactory.build(
        TrainingSpec.of(MlpSpec.of(32, 16), OptimizerSpec.adam(1e-3), 32),
        d.shape(),
        d.classes(),
        9);
  }

  @Test
  void exportIsAPlainDl4jModelWithJsonBesideIt() throws Exception {
    PreparedData d = TestData.digits();
    MultiLayerNetwork net = mlp(d);
    Map<String, Object> params = new LinkedHashMap<>();
    params.put("lr", 0.001);
    params.put("optimizer", "adam \"quoted\"");
    ModelExport.write(net, dir.resolve("best").toString(), params, Map.of("val_accuracy", 0.97));
    MultiLayerNetwork restored =
        ModelSerializer.restoreMultiLayerNetwork(
            new File(dir.resolve("best/model.zip").toString()));
    INDArray x = d.validation().features();
    assertEquals(net.output(x), restored.output(x));
    String json = Files.readString(dir.resolve("best/model.json"));
    assertTrue(json.contains("\"lr\": 0.001"), json);
    assertTrue(json.contains("\"optimizer\": \"adam \\\"quoted\\\"\""), json);
    assertTrue(json.contains("\"val_accuracy\": 0.97"), json);
    assertTrue(json.contains("\"num_params\": " + net.numParams()), json);
  }

  @Test
  void parameterCountAndLatency() {
    PreparedData d = TestData.digits();
    MultiLayerNetwork net = mlp(d);
    assertEquals((64 * 32 + 32) + (32 * 16 + 16) + (16 * 10 + 10), Latency.parameterCount(net));
    double s = Latency.perExampleSeconds(net, d.validation().features(), 2, 5);
    assertTrue(s > 0 && s < 0.1, "seconds per example " + s);
    assertThrows(
        IllegalArgumentException.class,
        () -> Latency.perExampleSeconds(net, d.validation().features(), 0, 0));
  }
}
