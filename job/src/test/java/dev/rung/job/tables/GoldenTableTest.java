package dev.rung.job.tables;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rung.study.TrialState;
import java.io.IOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.junit.jupiter.api.Test;

/**
 * Reads the tables committed under {@code golden/v1}, written by schema version 1 (see {@link
 * GoldenTableGenerator}). Every later version must keep passing this test unchanged in its
 * literals.
 */
class GoldenTableTest {

  static Path goldenOutput() {
    URL url = GoldenTableTest.class.getResource("/golden/v1/trials");
    if (url == null) {
      throw new IllegalStateException("golden/v1 is missing from the test resources");
    }
    try {
      return new Path(url.toURI()).getParent();
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  @Test
  void v1FilesDeclareTheirVersion() throws IOException {
    FileSystem fs = Fixtures.localFs();
    for (String table : TableCatalog.TABLES) {
      List<TableFiles.DataFile> files =
          TableFiles.dataFiles(fs, Tables.path(goldenOutput(), table));
      assertEquals(1, files.size(), table);
      try (var reader =
          org.apache.parquet.hadoop.ParquetFileReader.open(
              org.apache.parquet.hadoop.util.HadoopInputFile.fromPath(
                  files.get(0).path(), fs.getConf()))) {
        Map<String, String> meta = reader.getFooter().getFileMetaData().getKeyValueMetaData();
        assertEquals("1", meta.get(TableSchemas.VERSION_KEY));
        assertEquals(table, meta.get(TableSchemas.TABLE_KEY));
      }
    }
  }

  @Test
  void v1TrialsReadWithTheirValues() throws IOException {
    List<TrialRow> trials =
        Tables.readTrials(Fixtures.localFs(), goldenOutput(), GoldenTableGenerator.v1Params());
    assertEquals(4, trials.size());
    TrialRow best = trials.get(0);
    assertEquals("golden", best.study());
    assertEquals(TrialState.COMPLETE, best.state());
    assertEquals(0.91, best.value());
    assertEquals(0.01, best.params().get("lr"));
    assertEquals(2, best.params().get("layers"));
    assertEquals("sgd", best.params().get("optimizer"));
    assertEquals(true, best.params().get("nesterov"));
    assertEquals(32, best.params().get("batch"), "mixed categorical mapped back to its choice");
    assertEquals(0, best.bracket());
    assertEquals(2, best.rung());
    assertEquals(9, best.epochsTrained());
    assertEquals(Instant.parse("2024-05-01T10:00:00Z"), best.start());
    assertEquals(Instant.parse("2024-05-01T10:01:30Z"), best.end());
    assertEquals(90_000L, best.durationMs());
    assertEquals(42L, best.seed());
    assertEquals(Map.of("note", "best"), best.userAttrs());
    assertEquals("cfg-golden", best.provenance().configHash());
    assertEquals("3.5.3", best.provenance().sparkVersion());

    TrialRow adam = trials.get(1);
    assertFalse(adam.params().containsKey("nesterov"));
    assertEquals("auto", adam.params().get("batch"));
    TrialRow failed = trials.get(2);
    assertEquals(TrialState.FAIL, failed.state());
    assertNull(failed.value());
    assertNull(failed.bracket());
    assertEquals("NaN loss at epoch 1", failed.failReason());
    assertNull(trials.get(3).end());
    assertNull(trials.get(3).durationMs());

    assertEquals(GoldenTableGenerator.v1Trials(), trials);
  }

  @Test
  void v1AppendTablesReadWithTheirValues() throws IOException {
    List<IntermediateValueRow> values =
        Tables.readIntermediateValues(Fixtures.localFs(), goldenOutput());
    assertEquals(4, values.size());
    assertEquals(0.86, values.get(1).value());
    assertEquals(0.45, values.get(1).valLoss());
    assertEquals("0-0", values.get(1).segmentId());
    assertTrue(Double.isNaN(values.get(3).value()));
    assertNull(values.get(3).valLoss());
    assertEquals(GoldenTableGenerator.v1IntermediateValues(), values);

    List<SegmentRow> segments = Tables.readSegments(Fixtures.localFs(), goldenOutput());
    assertEquals(2, segments.size());
    assertEquals(SegmentOutcome.PROMOTED, segments.get(0).outcome());
    assertEquals(3, segments.get(0).epochTo());
    assertEquals("ckpt/0/3.zip", segments.get(0).outputCheckpoint());
    assertEquals(SegmentOutcome.FAILED, segments.get(1).outcome());
    assertEquals(1, segments.get(1).attempt());
    assertNull(segments.get(1).gpuAddress());
    assertEquals(GoldenTableGenerator.v1Segments(), segments);
  }
}
