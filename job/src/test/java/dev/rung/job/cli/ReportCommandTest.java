package dev.rung.job.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rung.job.RunDirs;
import dev.rung.job.SparkTestBase;
import dev.rung.job.report.LiveReport;
import dev.rung.job.report.ReportImportances;
import dev.rung.job.tables.LockLostException;
import dev.rung.job.trainers.CurveTrainer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code rung report} on a real sweep's output, its bad inputs, and the report a sweep keeps under
 * its output: written at the end, rewritten while running, never written without the lock.
 */
class ReportCommandTest extends SparkTestBase {
  @TempDir static Path dir;
  static Path output;

  @BeforeAll
  static void sweep() throws Exception {
    spark();
    Path conf =
        Sweeps.trainerSweep(
            dir,
            "curves",
            CurveTrainer.class,
            """
            training.epochs = 9
            budget.trials = 10
            execution { parallelism = 2, isolation = thread }
            """);
    Sweeps.Run run = Sweeps.main(List.of("sweep", conf.toString()));
    assertEquals(0, run.exit(), run.all());
    output = dir.resolve("out");
    assertTrue(
        run.out().contains("[rung] report: file:" + RunDirs.only(output).resolve("report.html")),
        run.out());
  }

  @Test
  void theSweepLeavesAFinishedReportUnderItsOutput() throws Exception {
    String html = Files.readString(RunDirs.only(output).resolve("report.html"));
    assertTrue(html.contains("\"finished\":true"), "the study finished");
    assertTrue(html.contains("\"running\":false"));
    assertFalse(html.contains("http-equiv=\"refresh\""), "a finished report does not reload");
  }

  @Test
  void theCommandWritesTheReportWhereItIsTold(@TempDir Path here) throws Exception {
    Path file = here.resolve("r.html");
    Sweeps.Run run = Sweeps.main(List.of("report", output.toString(), "--out", file.toString()));
    assertEquals(0, run.exit(), run.all());
    assertTrue(
        run.out().contains("wrote the report of study 'curves' (10 trials) to " + file), run.out());
    String html = Files.readString(file);
    assertTrue(html.startsWith("<!DOCTYPE html>"));
    assertTrue(html.contains("\"name\":\"curves\""));
    assertTrue(html.contains("echarts"), "the charting library is inlined");
  }

  @Test
  void badArgumentsAndOutputsAreRefusedWithExit2(@TempDir Path here) {
    Sweeps.Run none = Sweeps.main(List.of("report"));
    assertEquals(Main.INVALID, none.exit());
    assertTrue(none.err().contains("usage: rung report OUTPUT"), none.err());

    Sweeps.Run option = Sweeps.main(List.of("report", output.toString(), "--bogus"));
    assertEquals(Main.INVALID, option.exit());
    assertTrue(option.err().contains("unknown option '--bogus'"), option.err());

    Sweeps.Run empty = Sweeps.main(List.of("report", here.toString()));
    assertEquals(Main.INVALID, empty.exit());
    assertTrue(empty.err().contains("holds no study.json"), empty.err());
    assertFalse(empty.err().contains("\tat "), empty.err());

    Sweeps.Run noDir =
        Sweeps.main(
            List.of(
                "report", output.toString(), "--out", here.resolve("no/such/r.html").toString()));
    assertEquals(Main.INVALID, noDir.exit());
    assertTrue(noDir.err().contains("does not exist"), noDir.err());
  }

  @Test
  void whileASweepRunsItsReportIsRewrittenAndNeverWithoutTheLock() throws Exception {
    FileSystem fs = FileSystem.getLocal(new Configuration()).getRawFileSystem();
    org.apache.hadoop.fs.Path out = new org.apache.hadoop.fs.Path(RunDirs.only(output).toUri());
    Path file = RunDirs.only(output).resolve("report.html");
    String finished = Files.readString(file);
    Files.setLastModifiedTime(file, FileTime.fromMillis(0));
    AtomicBoolean held = new AtomicBoolean(true);
    Runnable guard =
        () -> {
          if (!held.get()) {
            throw new LockLostException("lost");
          }
        };
    try (LiveReport live =
        new LiveReport(fs, out, ReportImportances.FOR_REPORT, guard).every(100)) {
      long deadline = System.currentTimeMillis() + 30_000;
      while (Files.getLastModifiedTime(file).toMillis() == 0) {
        assertTrue(System.currentTimeMillis() < deadline, "rewritten within 30 s");
        Thread.sleep(50);
      }
      String running = Files.readString(file);
      assertTrue(running.contains("\"running\":true"));
      assertTrue(running.contains("http-equiv=\"refresh\""), "a running report reloads itself");

      held.set(false);
      Thread.sleep(300);
      Files.writeString(file, finished);
      Files.setLastModifiedTime(file, FileTime.fromMillis(0));
      Thread.sleep(500);
      assertEquals(0, Files.getLastModifiedTime(file).toMillis(), "no write without the lock");
      assertThrows(LockLostException.class, () -> live.finish(false));
      assertEquals(finished, Files.readString(file));
    }
  }
}
