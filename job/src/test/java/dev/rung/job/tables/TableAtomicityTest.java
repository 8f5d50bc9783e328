package dev.rung.job.tables;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.util.List;
import java.util.stream.Stream;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.FilterFileSystem;
import org.apache.hadoop.fs.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What readers see around writes, crashes and failed renames. */
class TableAtomicityTest {

  @TempDir java.nio.file.Path tmp;

  private Path output() {
    return new Path(tmp.toUri());
  }

  private List<String> names(String table) throws IOException {
    try (Stream<java.nio.file.Path> files = Files.list(tmp.resolve(table))) {
      return files.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }

  @Test
  void snapshotRewritesLeaveExactlyOneFile() throws IOException {
    FileSystem fs = Fixtures.localFs();
    Tables tables = Tables.openForWriting(fs, output(), Fixtures.params());
    for (int n = 1; n <= 5; n++) {
      tables.trials().write(Fixtures.trials(n));
      List<String> names = names(TableSchemas.TRIALS);
      assertEquals(1, names.size(), names.toString());
      assertTrue(names.get(0).matches("part-0000000" + n + "-[0-9a-f-]+\\.parquet"), names.get(0));
    }
    assertEquals(Fixtures.trials(5), tables.trials().read());
  }

  @Test
  void crashLeftoversAreIgnoredByReadersAndRemovedByTheNextWriter() throws IOException {
    FileSystem fs = Fixtures.localFs();
    Tables tables = Tables.openForWriting(fs, output(), Fixtures.params());
    tables.trials().write(Fixtures.trials(3));
    tables.segments().append(List.of(Fixtures.segment(0, 0, SegmentOutcome.PROMOTED)));
    for (String table : TableCatalog.TABLES) {
      Files.writeString(
          tmp.resolve(table).resolve(".part-00000007-crashed.inprogress"), "PAR1 truncated");
    }
    assertEquals(Fixtures.trials(3), Tables.readTrials(fs, output(), Fixtures.params()));
    assertEquals(1, Tables.readSegments(fs, output()).size());
    assertEquals(List.of(), Tables.readIntermediateValues(fs, output()));

    Tables.openForWriting(fs, output(), Fixtures.params());
    for (String table : TableCatalog.TABLES) {
      assertTrue(
          names(table).stream().noneMatch(TableFiles::isTemporary), table + ": " + names(table));
    }
  }

  /** A crash between publishing a snapshot and deleting the previous one leaves two snapshots. */
  @Test
  void newestOfSeveralSnapshotsWinsAndTheOthersAreRemovedOnOpen() throws IOException {
    FileSystem fs = Fixtures.localFs();
    Path dir = Tables.path(output(), TableSchemas.TRIALS);
    fs.mkdirs(dir);
    FileSystem raw = TableFiles.raw(fs);
    TrialCodec codec = new TrialCodec(Fixtures.params());
    TableFiles.publish(raw, dir, 3, codec, Fixtures.trials(2), WriteGuard.NONE);
    TableFiles.publish(raw, dir, 4, codec, Fixtures.trials(6), WriteGuard.NONE);
    assertEquals(2, names(TableSchemas.TRIALS).size());

    assertEquals(Fixtures.trials(6), Tables.readTrials(fs, output(), Fixtures.params()));
    Tables tables = Tables.openForWriting(fs, output(), Fixtures.params());
    List<String> names = names(TableSchemas.TRIALS);
    assertEquals(1, names.size(), names.toString());
    assertTrue(names.get(0).startsWith("part-00000004-"), names.get(0));
    tables.trials().write(Fixtures.trials(7));
    assertTrue(names(TableSchemas.TRIALS).get(0).startsWith("part-00000005-"));
  }

  @Test
  void failedRenamePublishesNothingAndLeavesNoTemporaryFile() throws IOException {
    FileSystem fs = Fixtures.localFs();
    Tables.openForWriting(fs, output(), Fixtures.params()).intermediateValues();
    FileSystem failing =
        new FilterFileSystem(TableFiles.raw(fs)) {
          @Override
          public boolean rename(Path src, Path dst) {
            return false;
          }
        };
    Path dir = Tables.path(output(), TableSchemas.INTERMEDIATE_VALUES);
    List<String> before = names(TableSchemas.INTERMEDIATE_VALUES);
    IOException e =
        assertThrows(
            IOException.class,
            () ->
                TableFiles.publish(
                    failing,
                    dir,
                    9,
                    IntermediateValueCodec.CODEC,
                    Fixtures.intermediates(0, 0, 2),
                    WriteGuard.NONE));
    assertTrue(e.getMessage().contains("rename"), e.getMessage());
    assertEquals(before, names(TableSchemas.INTERMEDIATE_VALUES));
    assertFalse(before.stream().anyMatch(TableFiles::isTemporary));
  }

  @Test
  void filesOfANewerSchemaVersionAreRefusedWithTheFileNamed() {
    IOException e =
        assertThrows(
            IOException.class,
            () ->
                ParquetFiles.schemaVersion(
                    java.util.Map.of(TableSchemas.VERSION_KEY, "99"),
                    new Path("/x/part-1.parquet")));
    assertTrue(e.getMessage().contains("/x/part-1.parquet"), e.getMessage());
    assertTrue(e.getMessage().contains("99"), e.getMessage());
  }
}
