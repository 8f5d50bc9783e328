package dev.rung.job.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The command line itself: help, version, usage errors and their exit codes, no Spark. */
class MainTest {

  @Test
  void helpListsEveryCommandAndTheExitCodes() {
    ConsoleRun run = ConsoleRun.of(List.of("--help"));
    assertEquals(0, run.exit(), run.err());
    for (String command : List.of("sweep", "sql", "best", "trials", "export-optuna", "simulate")) {
      assertTrue(run.out().contains("\n  " + command + " "), command + " in " + run.out());
    }
    assertFalse(run.out().contains("dataset"), "the internal step stays hidden: " + run.out());
    for (String code : List.of("0", "1", "2", "3", "4", "5", "130")) {
      assertTrue(run.out().contains("\n  " + code + " "), "exit code " + code + ": " + run.out());
    }
  }

  @Test
  void eachCommandHasItsOwnHelp() {
    for (String command :
        List.of("sweep", "sql", "best", "trials", "export-optuna", "simulate", "dataset")) {
      ConsoleRun run = ConsoleRun.of(List.of(command, "--help"));
      assertEquals(0, run.exit(), command + ": " + run.err());
      assertTrue(run.out().contains("rung " + command), run.out());
    }
    ConsoleRun sql = ConsoleRun.of(List.of("help", "sql"));
    assertEquals(0, sql.exit());
    assertTrue(sql.out().contains("--format"), sql.out());
  }

  @Test
  void versionNamesRungSparkAndDeeplearning4j() {
    ConsoleRun run = ConsoleRun.of(List.of("--version"));
    assertEquals(0, run.exit(), run.err());
    assertTrue(run.out().startsWith("rung "), run.out());
    assertFalse(run.out().contains("unknown"), "the build fills in every version: " + run.out());
    assertTrue(run.out().contains("Spark 3."), run.out());
    assertTrue(run.out().contains("Deeplearning4j 1."), run.out());
  }

  @Test
  void usageErrorsExitWithTwoAndSayWhatIsWrong() {
    ConsoleRun none = ConsoleRun.of(List.of());
    assertEquals(Main.INVALID, none.exit());
    assertTrue(none.err().contains("usage: rung COMMAND"), none.err());

    ConsoleRun unknown = ConsoleRun.of(List.of("swep", "x.conf"));
    assertEquals(Main.INVALID, unknown.exit());
    assertTrue(
        unknown.err().startsWith("rung: unknown command 'swep'; use one of sweep,"), unknown.err());

    ConsoleRun option = ConsoleRun.of(List.of("trials", "out", "--colour"));
    assertEquals(Main.INVALID, option.exit());
    assertTrue(option.err().contains("rung trials: Unknown option: '--colour'"), option.err());
    assertTrue(option.err().contains("usage: rung trials"), option.err());

    ConsoleRun format = ConsoleRun.of(List.of("sql", "out", "--format", "xml", "SELECT 1"));
    assertEquals(Main.INVALID, format.exit());
    assertTrue(format.err().contains("--format"), format.err());
    assertTrue(format.err().contains("'xml'"), format.err());
    assertTrue(format.err().contains("TABLE, CSV, JSON"), format.err());

    ConsoleRun missing = ConsoleRun.of(List.of("export-optuna", "out"));
    assertEquals(Main.INVALID, missing.exit());
    assertTrue(missing.err().contains("FILE"), missing.err());
    assertFalse(
        (missing.out() + missing.err()).contains("\tat "), "no stack trace: " + missing.err());
  }

  @Test
  void aSweepFileFirstMeansSweep(@TempDir Path dir) {
    String conf = dir.resolve("absent.conf").toString();
    ConsoleRun direct = ConsoleRun.of(List.of(conf));
    ConsoleRun named = ConsoleRun.of(List.of("sweep", conf));
    assertEquals(Main.INVALID, direct.exit(), direct.err());
    assertEquals(named.err(), direct.err());
    assertTrue(direct.err().contains("absent.conf"), direct.err());
  }

  @Test
  void aCommandThatParsesItsOwnArgumentsGetsThemAsWritten() {
    List<String> seen = new ArrayList<>();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    PrintStream print = new PrintStream(out, true, StandardCharsets.UTF_8);
    Streams io = new Streams(System.in, print, print);
    CommandLine plugged =
        ArgsCommand.of(
            "report",
            "OUTPUT [--format F]",
            "A report.",
            (args, o, e) -> {
              seen.addAll(args);
              o.println("done");
              return 7;
            },
            io);
    assertEquals(7, plugged.execute("out", "--format", "html", "-x"));
    assertEquals(List.of("out", "--format", "html", "-x"), seen);
    assertTrue(out.toString(StandardCharsets.UTF_8).contains("done"));
    plugged.setOut(new java.io.PrintWriter(print, true));
    assertEquals(0, plugged.execute("--help"));
    assertTrue(out.toString(StandardCharsets.UTF_8).contains("rung report OUTPUT [--format F]"));
  }
}
