package dev.rung.bench.fidelity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rung.bench.fidelity.CurveRecorder.Space;
import dev.rung.study.Seeds;
import dev.rung.training.model.CnnSpec;
import dev.rung.training.model.ConvLayerSpec;
import dev.rung.training.model.MlpSpec;
import dev.rung.training.model.ModelSearch;
import dev.rung.training.model.TrainingSpec;
import dev.rung.training.params.FixedParams;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CurveRecorderTest {

  @Test
  void everyConfigurationHasTheSameColumnsAndBuildsTheNetworkItDescribes() {
    Space mlpSpace = Space.MLP;
    ModelSearch search = mlpSpace.search();
    for (long c = 0; c < 200; c++) {
      Map<String, Object> row = mlpSpace.sample(Seeds.rng(1, c));
      assertEquals(
          List.of("layers", "width", "dropout", "optimizer", "lr", "weight_decay", "batch_size"),
          List.copyOf(row.keySet()));
      TrainingSpec spec = search.sample(new FixedParams(mlpSpace.toModelParams(row)));
      MlpSpec mlp = (MlpSpec) spec.network();
      assertEquals(row.get("layers"), mlp.widths().size());
      int width = (Integer) row.get("width");
      assertTrue(width >= 16 && width <= 256, "width " + width);
      assertTrue(mlp.widths().stream().allMatch(w -> w == width));
      assertEquals(row.get("batch_size"), spec.batchSize());
      double lr = (Double) row.get("lr");
      assertTrue(lr >= 1e-4 && lr <= 0.3, "lr " + lr);
      assertEquals(lr, spec.optimizer().learningRate(), 0);
    }
  }

  @Test
  void aCnnRowBuildsTheConvolutionsItDescribes() {
    Space cnnSpace = Space.CNN;
    ModelSearch search = cnnSpace.search();
    for (long c = 0; c < 200; c++) {
      Map<String, Object> row = cnnSpace.sample(Seeds.rng(1, c));
      assertEquals(cnnSpace.columns(), List.copyOf(row.keySet()));
      TrainingSpec spec = search.sample(new FixedParams(cnnSpace.toModelParams(row)));
      CnnSpec cnn = (CnnSpec) spec.network();
      assertEquals(row.get("layers"), cnn.convs().size());
      int channels = (Integer) row.get("channels");
      assertTrue(channels >= 8 && channels <= 32, "channels " + channels);
      for (ConvLayerSpec conv : cnn.convs()) {
        assertEquals(channels, conv.channels());
        assertEquals(3, conv.kernel());
        assertTrue(conv.pool());
      }
      assertEquals(row.get("fc_width"), cnn.fcWidth());
      assertEquals(row.get("batch_size"), spec.batchSize());
      assertEquals((Double) row.get("lr"), spec.optimizer().learningRate(), 0);
    }
  }

  @Test
  void aGzippedTableReadsLikeThePlainOne(@TempDir Path dir) throws IOException {
    String text = "# comment\nconfig_id,lr,epoch,value\nc0,0.1,1,0.5\nc0,0.1,2,0.25\n";
    Path plain = dir.resolve("t.csv");
    Files.writeString(plain, text);
    Path gz = dir.resolve("t.csv.gz");
    try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(gz));
        PrintWriter w = new PrintWriter(out, false, StandardCharsets.UTF_8)) {
      w.print(text);
    }
    CurveTable a = CurveTable.read(plain);
    CurveTable b = CurveTable.read(gz);
    assertEquals(a.configs(), b.configs());
    assertEquals(a.values(), b.values());
    assertEquals(0.25, b.curves().get(0)[1], 0);
  }
}
