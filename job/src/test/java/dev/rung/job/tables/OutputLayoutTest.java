package dev.rung.job.tables;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OutputLayoutTest {

  @TempDir java.nio.file.Path dir;

  private FileSystem fs() throws Exception {
    return FileSystem.getLocal(new Configuration());
  }

  @Test
  void aNewOutputIsARootWhoseRunsHaveTheirPartitions() throws Exception {
    Path root = new Path(dir.resolve("out").toUri());
    Path run = OutputLayout.runDirectory(fs(), root, "mnist", "2026-12-06");
    assertEquals(new Path(root, "study=mnist/run=2026-12-06"), run);
    assertTrue(OutputLayout.isRunDirectory(run));
    assertEquals(root, OutputLayout.root(run));
    assertEquals(
        new Path(root, "trials/study=mnist/run=2026-12-06"), Tables.path(run, TableSchemas.TRIALS));
    assertEquals(
        new Path(root, "runs/study=mnist/run=2026-12-06"), Tables.path(run, TableSchemas.RUNS));
    assertEquals(new OutputLayout.Run("mnist", "2026-12-06", run), OutputLayout.run(run));
  }

  @Test
  void aColonInARunIdIsEscapedInItsDirectoryAndReadBack() throws Exception {
    Path root = new Path(dir.resolve("out").toUri());
    Path run = OutputLayout.runDirectory(fs(), root, "s", "2026-12-06T02:00");
    assertEquals("run=2026-12-06T02%3A00", run.getName());
    assertEquals("2026-12-06T02:00", OutputLayout.run(run).run());
    // The escaped name is a real directory name, and the table partition uses it too.
    assertTrue(fs().mkdirs(Tables.path(run, TableSchemas.SEGMENTS)));
    assertTrue(Files.isDirectory(dir.resolve("out/segments/study=s/run=2026-12-06T02%3A00")));
  }

  @Test
  void anOutputOfTheEarlierLayoutIsItsOwnRunDirectory() throws Exception {
    java.nio.file.Path old = dir.resolve("old");
    Files.createDirectories(old);
    Files.writeString(old.resolve("study.json"), "{}");
    Path root = new Path(old.toUri());
    assertTrue(OutputLayout.isEarlierLayout(fs(), root));
    assertEquals(root, OutputLayout.runDirectory(fs(), root, "s", "2026-12-06"));
    assertEquals(new Path(root, "trials"), Tables.path(root, TableSchemas.TRIALS));
    assertNull(OutputLayout.run(root));
    assertTrue(OutputLayout.runs(fs(), root).isEmpty());

    // Tables alone (no study.json) also mark the earlier layout.
    java.nio.file.Path tablesOnly = dir.resolve("tables-only/trials");
    Files.createDirectories(tablesOnly);
    Files.writeString(tablesOnly.resolve("part-00000-abc.parquet"), "x");
    assertTrue(OutputLayout.isEarlierLayout(fs(), new Path(dir.resolve("tables-only").toUri())));
  }

  @Test
  void runsAreListedByStudyInTheOrderTheyStartedAndOnlyWithAStudyFile() throws Exception {
    java.nio.file.Path root = dir.resolve("root");
    long t = 1_700_000_000_000L;
    for (String[] r :
        new String[][] {{"b", "night-2"}, {"a", "2026-12-07"}, {"a", "2026-12-05"}, {"b", "x"}}) {
      java.nio.file.Path run = root.resolve("study=" + r[0]).resolve("run=" + r[1]);
      Files.createDirectories(run);
      if (!r[1].equals("x")) {
        Files.writeString(run.resolve("study.json"), "{}");
        run.resolve("study.json").toFile().setLastModified(t += 60_000);
      }
    }
    Files.createDirectories(root.resolve("trials/study=a/run=2026-12-07"));
    List<OutputLayout.Run> runs = OutputLayout.runs(fs(), new Path(root.toUri()));
    assertEquals(3, runs.size(), runs.toString());
    // Study a: 2026-12-07 started before 2026-12-05 (its file is older); b's run without a study
    // file (a run refused before it started) is not a run.
    assertEquals("a/2026-12-07", runs.get(0).study() + "/" + runs.get(0).run());
    assertEquals("a/2026-12-05", runs.get(1).study() + "/" + runs.get(1).run());
    assertEquals("b/night-2", runs.get(2).study() + "/" + runs.get(2).run());
    assertFalse(OutputLayout.isEarlierLayout(fs(), new Path(root.toUri())));
  }

  @Test
  void onlyAStudyLevelAboveARunLevelNamesARunDirectory() {
    assertTrue(OutputLayout.isRunDirectory(new Path("/o/study=s/run=r")));
    assertFalse(OutputLayout.isRunDirectory(new Path("/o/studies/s/r")));
    assertFalse(OutputLayout.isRunDirectory(new Path("/o/study=/run=r")));
    assertFalse(OutputLayout.isRunDirectory(new Path("/o/study=s/run=")));
    assertFalse(OutputLayout.isRunDirectory(new Path("/o/s/run=r")));
    assertEquals(new Path("/o/out/trials"), Tables.path(new Path("/o/out"), "trials"));
    // A path made from a directory's URI ends with '/'.
    Path fromUri = new Path(java.net.URI.create("file:/o/study=s/run=r/"));
    assertTrue(OutputLayout.isRunDirectory(fromUri));
    assertEquals(new Path("file:/o/trials/study=s/run=r"), Tables.path(fromUri, "trials"));
    assertEquals("r", OutputLayout.run(fromUri).run());
  }
}
