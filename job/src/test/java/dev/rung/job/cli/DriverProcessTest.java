package dev.rung.job.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rung.job.RunDirs;
import dev.rung.job.SparkTestBase;
import dev.rung.job.tables.SqlQuery;
import dev.rung.job.trainers.SlowCurveTrainer;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Drivers as processes, acted on with signals as a user or an operating system would: Ctrl-C stops
 * a sweep cleanly, and a driver frozen (SIGSTOP) until another driver took its output over writes
 * nothing when it wakes and exits 4.
 *
 * <p>Epochs take {@value #EPOCH_MS} ms and tables are written at the end of a segment, so a driver
 * that wrote nothing for {@value #QUIET_MS} ms is in the middle of its epochs: that is when the
 * test freezes it, so that no write of its own is cut in half by the freeze. The first driver is
 * frozen alone, as a driver whose executors run elsewhere would be; the second with its child JVMs,
 * so that whatever changes in the output after that is the first driver's doing.
 */
@Tag("slow")
class DriverProcessTest extends SparkTestBase {
  private static final long EPOCH_MS = 2_000;
  private static final long QUIET_MS = 400;

  private static Path conf(Path dir, int trials) throws IOException {
    return Sweeps.trainerSweep(
        dir,
        "slow",
        SlowCurveTrainer.class,
        """
        sampler { type = tpe, seed = 3, tpe.startup-trials = 4 }
        training.epochs = 3
        budget.trials = %d
        execution { parallelism = 2, lock-timeout = 3s, master = "local[2]" }
        """
            .formatted(trials));
  }

  private static Process start(Path conf, Path log) throws IOException {
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    for (String a : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
      if (a.startsWith("--add-opens")) {
        cmd.add(a);
      }
    }
    cmd.addAll(
        List.of(
            "-Xmx1g",
            "-Drung.test.epoch-ms=" + EPOCH_MS,
            "-cp",
            System.getProperty("java.class.path"),
            Main.class.getName(),
            "sweep",
            conf.toString()));
    return new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
  }

  private static void signal(Process p, String signal) throws Exception {
    signal(p.pid(), signal);
  }

  private static void signal(long pid, String signal) throws Exception {
    Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(pid)).start();
    assertEquals(0, kill.waitFor(), "kill -" + signal + " " + pid);
  }

  /**
   * Sends {@code signal} to a driver and to the child JVMs its segments run in: stopping the driver
   * alone would leave its segments training and writing checkpoints, as they rightly do while the
   * driver holds the lock.
   */
  private static void signalTree(Process p, String signal) throws Exception {
    signal(p, signal);
    for (ProcessHandle child : p.descendants().toList()) {
      if (child.isAlive()) {
        signal(child.pid(), signal);
      }
    }
  }

  private static Map<String, String> files(Path output) throws IOException {
    return Sweeps.files(output);
  }

  /**
   * Waits until the driver recorded at least {@code segments} segment files beyond {@code after}
   * and then wrote nothing for {@link #QUIET_MS}; returns the output's files then.
   */
  private static Map<String, String> waitForQuietAfter(
      Path output, int segments, Map<String, String> after, Process p, Path log) throws Exception {
    long deadline = System.currentTimeMillis() + 120_000;
    Map<String, String> last = files(output);
    long lastChange = System.currentTimeMillis();
    while (System.currentTimeMillis() < deadline) {
      assertTrue(p.isAlive(), "the driver runs: " + Files.readString(log));
      Thread.sleep(50);
      Map<String, String> now = files(output);
      if (!now.equals(last)) {
        last = now;
        lastChange = System.currentTimeMillis();
        continue;
      }
      long added =
          now.keySet().stream()
              .filter(
                  k -> k.startsWith("segments/") && k.contains("/part-") && !after.containsKey(k))
              .count();
      if (added >= segments && System.currentTimeMillis() - lastChange >= QUIET_MS) {
        return now;
      }
    }
    throw new AssertionError(
        "the driver recorded too little in 2 minutes: " + Files.readString(log));
  }

  private static String text(Path log) throws IOException {
    return Files.readString(log, StandardCharsets.UTF_8);
  }

  private static void assertConsistent(Path output) {
    Sweeps.assertConsistent(spark(), output);
  }

  @Test
  void ctrlCStopsTheSweepCleanlyAndTheSameCommandContinuesIt(@TempDir Path dir) throws Exception {
    Path conf = conf(dir, 8);
    Path output = dir.resolve("out");
    Path log = dir.resolve("driver.log");
    Process driver = start(conf, log);
    try {
      waitForQuietAfter(output, 2, Map.of(), driver, log);
      signal(driver, "INT");
      assertTrue(driver.waitFor(60, TimeUnit.SECONDS), "stopped within a minute: " + text(log));
      String printed = text(log);
      assertEquals(Main.INTERRUPTED, driver.exitValue(), printed);
      assertTrue(printed.contains("stopped (SIGINT)"), printed);
      assertTrue(printed.contains("Run the same command again to continue"), printed);
      assertFalse(printed.contains("\tat "), "no stack trace: " + printed);
      try (Stream<Path> lock = Files.list(RunDirs.only(output).resolve("_lock"))) {
        assertTrue(
            lock.anyMatch(p -> p.getFileName().toString().endsWith(".released")),
            "the lock was released");
      }
    } finally {
      driver.destroyForcibly();
    }
    assertConsistent(output);

    Sweeps.Run rerun = Sweeps.main(List.of("sweep", conf.toString()));
    String again = rerun.all();
    assertEquals(0, rerun.exit(), again);
    assertTrue(again.contains("resuming study slow"), again);
    assertEquals(8, SqlQuery.run(spark(), output.toString(), "SELECT * FROM trials").count());
    assertConsistent(output);
  }

  @Test
  void aDriverFrozenUntilItsOutputWasTakenOverWritesNothingWhenItWakesAndExits4(@TempDir Path dir)
      throws Exception {
    Path conf = conf(dir, 6);
    Path output = dir.resolve("out");
    Path logA = dir.resolve("a.log");
    Path logB = dir.resolve("b.log");
    Process a = start(conf, logA);
    Process b = null;
    try {
      Map<String, String> byA = waitForQuietAfter(output, 2, Map.of(), a, logA);
      signal(a, "STOP");
      Thread.sleep(4_000); // past the lock timeout of 3 s
      b = start(conf, logB);
      waitForQuietAfter(output, 1, byA, b, logB);
      signalTree(b, "STOP");
      Map<String, String> frozen = files(output);

      signal(a, "CONT");
      assertTrue(a.waitFor(60, TimeUnit.SECONDS), "the woken driver stopped: " + text(logA));
      String printedA = text(logA);
      assertEquals(Main.LOCKED, a.exitValue(), printedA);
      assertTrue(printedA.contains("lost the lock"), printedA);
      assertEquals(frozen, files(output), "the woken driver wrote nothing: " + printedA);

      signalTree(b, "CONT");
      assertTrue(b.waitFor(120, TimeUnit.SECONDS), "the new driver finished: " + text(logB));
      assertEquals(0, b.exitValue(), text(logB));
    } finally {
      for (Process p : new Process[] {a, b}) {
        if (p != null && p.isAlive()) {
          signalTree(p, "CONT");
          p.destroyForcibly();
        }
      }
    }
    assertConsistent(output);
    assertEquals(6, SqlQuery.run(spark(), output.toString(), "SELECT * FROM trials").count());
    assertTrue(Files.exists(RunDirs.only(output).resolve("summary.json")));
  }
}
