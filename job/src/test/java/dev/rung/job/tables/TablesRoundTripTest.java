package dev.rung.job.tables;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rung.distributions.CategoricalDistribution;
import dev.rung.job.driver.ResumeLoader;
import dev.rung.pruners.RungAttrs;
import dev.rung.study.FrozenTrial;
import dev.rung.study.TrialState;
import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TablesRoundTripTest {

  @TempDir java.nio.file.Path tmp;

  private Path output() {
    return new Path(tmp.toUri());
  }

  @Test
  void trialsRoundTripWithTypedParamsAndConditionalNulls() throws IOException {
    FileSystem fs = Fixtures.localFs();
    Tables tables = Tables.openForWriting(fs, output(), Fixtures.params());
    List<TrialRow> rows = Fixtures.trials(12);
    tables.trials().write(rows);

    List<TrialRow> back = Tables.readTrials(fs, output(), Fixtures.params());
    assertEquals(rows, back);
    TrialRow adam = back.get(0);
    assertInstanceOf(Double.class, adam.params().get("lr"));
    assertInstanceOf(Integer.class, adam.params().get("layers"));
    assertInstanceOf(String.class, adam.params().get("optimizer"));
    assertFalse(adam.params().containsKey("nesterov"), "conditional parameter unset in adam trial");
    assertInstanceOf(Boolean.class, back.get(3).params().get("nesterov"));
    assertEquals(Fixtures.T0, adam.start(), "microsecond timestamps survive");
    assertNull(back.get(3).end());
    assertEquals("NaN loss at epoch 2", back.get(4).failReason());
  }

  @Test
  void rankedRungsRoundTripAndComeBackAsTheSchedulersAttribute() throws IOException {
    FileSystem fs = Fixtures.localFs();
    Tables tables = Tables.openForWriting(fs, output(), Fixtures.params());
    List<TrialRow> rows = new ArrayList<>(Fixtures.trials(3));
    rows.set(0, ranked(rows.get(0), "1,3"));
    tables.trials().write(rows);

    List<TrialRow> back = Tables.readTrials(fs, output(), Fixtures.params());
    assertEquals("1,3", back.get(0).rankedRungs());
    assertNull(back.get(1).rankedRungs());
    List<FrozenTrial> resumed = ResumeLoader.trials(back, List.of(), Fixtures.searchSpace());
    assertTrue(RungAttrs.rankedAt(resumed.get(0), 3));
    assertFalse(RungAttrs.rankedAt(resumed.get(0), 9));
    assertFalse(RungAttrs.rankedAt(resumed.get(1), 1));

    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> ranked(rows.get(1), "3;9"));
    assertTrue(e.getMessage().contains("ranked_rungs '3;9'"), e.getMessage());
  }

  @Test
  void rungObjectivesAndConstraintsRoundTripAndComeBackOnTheTrials() throws IOException {
    FileSystem fs = Fixtures.localFs();
    Tables tables = Tables.openForWriting(fs, output(), Fixtures.params());
    List<TrialRow> rows = new ArrayList<>(Fixtures.trials(2));
    TrialRow r = rows.get(0);
    rows.set(
        0,
        new TrialRow(
            r.study(),
            r.number(),
            r.state(),
            r.values(),
            r.params(),
            r.bracket(),
            r.rung(),
            r.epochsTrained(),
            r.start(),
            r.end(),
            r.durationMs(),
            r.seed(),
            r.userAttrs(),
            r.failReason(),
            r.provenance(),
            "1",
            "1:0.5,1210.0;3:0.75,1210.0",
            List.of(-1790.0, 0.25)));
    tables.trials().write(rows);

    List<TrialRow> back = Tables.readTrials(fs, output(), Fixtures.params());
    assertEquals("1:0.5,1210.0;3:0.75,1210.0", back.get(0).rungObjectives());
    assertEquals(List.of(-1790.0, 0.25), back.get(0).constraints());
    assertFalse(back.get(0).feasible(), "the second constraint is violated");
    assertNull(back.get(1).rungObjectives());
    assertEquals(List.of(), back.get(1).constraints());
    assertTrue(back.get(1).feasible());
    FrozenTrial resumed = ResumeLoader.trials(back, List.of(), Fixtures.searchSpace()).get(0);
    assertEquals(List.of(-1790.0, 0.25), resumed.constraints());
    assertArrayEquals(new double[] {0.75, 1210.0}, RungAttrs.objectivesAt(resumed, 3, 2), 0.0);
  }

  private static TrialRow ranked(TrialRow r, String steps) {
    return new TrialRow(
        r.study(),
        r.number(),
        r.state(),
        r.values(),
        r.params(),
        r.bracket(),
        r.rung(),
        r.epochsTrained(),
        r.start(),
        r.end(),
        r.durationMs(),
        r.seed(),
        r.userAttrs(),
        r.failReason(),
        r.provenance(),
        steps,
        null,
        List.of());
  }

  @Test
  void appendTablesRoundTripInAppendOrder() throws IOException {
    FileSystem fs = Fixtures.localFs();
    Tables tables = Tables.openForWriting(fs, output(), Fixtures.params());
    tables.intermediateValues().append(Fixtures.intermediates(0, 0, 3));
    tables.intermediateValues().append(Fixtures.intermediates(1, 0, 3));
    tables.intermediateValues().append(Fixtures.intermediates(0, 3, 6));
    List<SegmentRow> segments =
        List.of(
            Fixtures.segment(0, 0, SegmentOutcome.PROMOTED),
            Fixtures.segment(1, 0, SegmentOutcome.FAILED),
            Fixtures.segment(0, 1, SegmentOutcome.COMPLETED));
    tables.segments().append(segments.subList(0, 2));
    tables.segments().append(segments.subList(2, 3));

    List<IntermediateValueRow> expected = new java.util.ArrayList<>();
    expected.addAll(Fixtures.intermediates(0, 0, 3));
    expected.addAll(Fixtures.intermediates(1, 0, 3));
    expected.addAll(Fixtures.intermediates(0, 3, 6));
    assertEquals(expected, Tables.readIntermediateValues(fs, output()));
    assertEquals(segments, Tables.readSegments(fs, output()));
  }

  @Test
  void reopeningContinuesTheSequenceAndKeepsRows() throws IOException {
    FileSystem fs = Fixtures.localFs();
    Tables first = Tables.openForWriting(fs, output(), Fixtures.params());
    first.intermediateValues().append(Fixtures.intermediates(0, 0, 2));
    Tables second = Tables.openForWriting(fs, output(), Fixtures.params());
    second.intermediateValues().append(Fixtures.intermediates(0, 2, 4));
    assertEquals(Fixtures.intermediates(0, 0, 4), Tables.readIntermediateValues(fs, output()));
    // One empty file from the first open plus the two batches, with distinct sequence numbers.
    List<TableFiles.DataFile> files =
        TableFiles.dataFiles(fs, Tables.path(output(), TableSchemas.INTERMEDIATE_VALUES));
    assertEquals(List.of(0L, 1L, 2L), files.stream().map(TableFiles.DataFile::seq).toList());
  }

  @Test
  void freshTablesAreReadableAndEmpty() throws IOException {
    FileSystem fs = Fixtures.localFs();
    Tables.openForWriting(fs, output(), Fixtures.params());
    assertEquals(List.of(), Tables.readTrials(fs, output(), Fixtures.params()));
    assertEquals(List.of(), Tables.readIntermediateValues(fs, output()));
    assertEquals(List.of(), Tables.readSegments(fs, output()));
  }

  @Test
  void writesLeaveNoChecksumFilesOnTheLocalFileSystem() throws IOException {
    FileSystem fs = Fixtures.localFs();
    Tables tables = Tables.openForWriting(fs, output(), Fixtures.params());
    tables.trials().write(Fixtures.trials(3));
    try (var files = Files.walk(tmp)) {
      assertTrue(files.noneMatch(p -> p.getFileName().toString().endsWith(".crc")));
    }
  }

  @Test
  void multiObjectiveValuesRoundTripAndHaveNoSingleValue() throws IOException {
    FileSystem fs = Fixtures.localFs();
    Tables tables = Tables.openForWriting(fs, output(), Fixtures.params());
    TrialRow base = Fixtures.trial(0);
    TrialRow multi =
        new TrialRow(
            base.study(),
            0,
            TrialState.COMPLETE,
            List.of(0.9, 12.5),
            base.params(),
            null,
            0,
            9,
            base.start(),
            base.end(),
            base.durationMs(),
            7L,
            Map.of(),
            null,
            Provenance.UNKNOWN);
    tables.trials().write(List.of(multi));
    TrialRow back = Tables.readTrials(fs, output(), Fixtures.params()).get(0);
    assertEquals(List.of(0.9, 12.5), back.values());
    assertNull(back.value());
    assertEquals(Provenance.UNKNOWN, back.provenance());
  }

  @Test
  void mixedCategoricalChoicesAreStoredAsTextAndMappedBack() throws IOException {
    FileSystem fs = Fixtures.localFs();
    ParamSchema params =
        ParamSchema.fromSearchSpace(Map.of("batch", CategoricalDistribution.of(32, "auto", 64L)));
    assertEquals(ParamType.STRING, params.columns().get(0).type());
    Tables tables = Tables.openForWriting(fs, output(), params);
    TrialRow base = Fixtures.trial(0);
    List<TrialRow> rows = new java.util.ArrayList<>();
    Object[] choices = {32, "auto"};
    for (int n = 0; n < 2; n++) {
      rows.add(
          new TrialRow(
              base.study(),
              n,
              TrialState.RUNNING,
              List.of(),
              Map.of("batch", choices[n]),
              null,
              0,
              0,
              base.start(),
              null,
              null,
              n,
              Map.of(),
              null,
              Provenance.UNKNOWN));
    }
    tables.trials().write(rows);
    List<TrialRow> back = Tables.readTrials(fs, output(), params);
    assertEquals(32, back.get(0).params().get("batch"));
    assertEquals("auto", back.get(1).params().get("batch"));
  }

  @Test
  void naturalTypesOfCategoricals() {
    assertEquals(
        ParamType.INT, ParamColumn.forDistribution("a", CategoricalDistribution.of(16, 32)).type());
    assertEquals(
        ParamType.LONG,
        ParamColumn.forDistribution("a", CategoricalDistribution.of(16, 32L)).type());
    assertEquals(
        ParamType.DOUBLE,
        ParamColumn.forDistribution("a", CategoricalDistribution.of(0.1, 1)).type());
    assertEquals(
        ParamType.BOOLEAN,
        ParamColumn.forDistribution("a", CategoricalDistribution.of(true, false)).type());
  }

  @Test
  void badRowsAreRejectedWithTheParameterNamedAndNothingPublished() throws IOException {
    FileSystem fs = Fixtures.localFs();
    Tables tables = Tables.openForWriting(fs, output(), Fixtures.params());
    tables.trials().write(Fixtures.trials(2));
    TrialRow base = Fixtures.trial(0);
    TrialRow unknown =
        new TrialRow(
            base.study(),
            5,
            TrialState.RUNNING,
            List.of(),
            Map.of("momentum", 0.9),
            null,
            0,
            0,
            null,
            null,
            null,
            5,
            Map.of(),
            null,
            Provenance.UNKNOWN);
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> tables.trials().write(List.of(unknown)));
    assertTrue(e.getMessage().contains("momentum"), e.getMessage());
    TrialRow wrongType =
        new TrialRow(
            base.study(),
            5,
            TrialState.RUNNING,
            List.of(),
            Map.of("layers", 2.5),
            null,
            0,
            0,
            null,
            null,
            null,
            5,
            Map.of(),
            null,
            Provenance.UNKNOWN);
    e =
        assertThrows(
            IllegalArgumentException.class, () -> tables.trials().write(List.of(wrongType)));
    assertTrue(e.getMessage().contains("layers") && e.getMessage().contains("2.5"), e.getMessage());
    assertEquals(Fixtures.trials(2), Tables.readTrials(fs, output(), Fixtures.params()));
    assertThrows(
        IllegalArgumentException.class,
        () -> tables.trials().write(List.of(Fixtures.trial(1), Fixtures.trial(1))));
  }

  @Test
  void rowsValidateTheirFields() {
    assertThrows(IllegalArgumentException.class, () -> Fixtures.segmentWithEpochs(3, 3));
    assertThrows(
        IllegalArgumentException.class,
        () -> new IntermediateValueRow("s", -1, 0, 0.1, null, null, null, null, null, null));
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                new TrialRow(
                    "s",
                    0,
                    TrialState.COMPLETE,
                    List.of(),
                    Map.of(),
                    null,
                    0,
                    0,
                    null,
                    null,
                    null,
                    0,
                    Map.of(),
                    null,
                    Provenance.UNKNOWN));
    assertTrue(e.getMessage().contains("COMPLETE"), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> SegmentOutcome.parse("exploded"));
    assertEquals(SegmentOutcome.TIMEOUT, SegmentOutcome.parse("timeout"));
  }
}
