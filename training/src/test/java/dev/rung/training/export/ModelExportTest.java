package dev.rung.training.export;

import static org.junit.jupiter.api.Assertions.*;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
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
import java.util.List;
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

  /** Every C0 control, DEL, quotes, backslashes, U+2028/9, non-ASCII and a surrogate pair. */
  static String awkward() {
    StringBuilder sb = new StringBuilder("tab\tnl\ncr\r \"q\" \\ back\\slash ");
    for (char c = 0; c < 0x20; c++) {
      sb.append(c);
    }
    return sb.append("\u007f\u2028\u2029 \u001b[31mred é ü 漢字 \uD83D\uDE00 end").toString();
  }

  @Test
  void modelJsonIsValidForAnyStringAndWritesNonFiniteNumbersAsNull() throws Exception {
    PreparedData d = TestData.digits();
    MultiLayerNetwork net = mlp(d);
    Map<String, Object> params = new LinkedHashMap<>();
    params.put("tag", awkward());
    params.put(awkward(), "as a key too");
    params.put("lr", 0.001);
    params.put("layers", 3L);
    params.put("bn", true);
    params.put("nothing", null);
    Map<String, Double> metrics = new LinkedHashMap<>();
    metrics.put("val_accuracy", 0.97);
    metrics.put("test_loss", Double.NaN);
    metrics.put("latency", Double.POSITIVE_INFINITY);
    metrics.put("drift", Double.NEGATIVE_INFINITY);
    ModelExport.write(net, dir.resolve("best").toString(), params, metrics);

    JsonNode json = new ObjectMapper().readTree(dir.resolve("best/model.json").toFile());
    assertEquals(awkward(), json.get("params").get("tag").textValue());
    assertEquals("as a key too", json.get("params").get(awkward()).textValue());
    assertEquals(0.001, json.get("params").get("lr").doubleValue());
    assertEquals(3, json.get("params").get("layers").longValue());
    assertTrue(json.get("params").get("bn").booleanValue());
    assertTrue(json.get("params").get("nothing").isNull());
    assertEquals(0.97, json.get("metrics").get("val_accuracy").doubleValue());
    for (String nonFinite : List.of("test_loss", "latency", "drift")) {
      assertTrue(json.get("metrics").get(nonFinite).isNull(), nonFinite + ": " + json);
    }
    assertEquals(net.numParams(), json.get("num_params").longValue());

    ModelExport.writeMeta(
        dir.resolve("trainer").toString(), Map.of("trainer", awkward()), params, metrics);
    JsonNode meta = new ObjectMapper().readTree(dir.resolve("trainer/model.json").toFile());
    assertEquals(awkward(), meta.get("trainer").textValue());
    assertEquals(awkward(), meta.get("params").get("tag").textValue());
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
