package dev.rung.job.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rung.job.trainers.CurveTrainer;
import dev.rung.job.trainers.TrainerJars;
import java.io.File;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a sweep prints on the console, in a JVM of its own as users start it: Rung's lines and no
 * INFO line of Spark, Hadoop or Jetty, with the log configuration {@code bin/rung} gives and with
 * none (as under spark-submit, where Spark's own would print hundreds of INFO lines).
 */
@Tag("slow")
class ConsoleLogsTest {
  @TempDir static Path dir;
  private static String classpath;

  @BeforeAll
  static void setUp() throws Exception {
    Path jar = TrainerJars.curveTrainer(Files.createDirectories(dir.resolve("jar")));
    // Rung's classes and dependencies, without the tests' (and their log configuration).
    classpath =
        Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                .filter(e -> !e.endsWith("test-classes"))
                .collect(Collectors.joining(File.pathSeparator))
            + File.pathSeparator
            + jar;
  }

  private static String sweep(String name, List<String> jvmOptions) throws Exception {
    Path conf =
        Sweeps.trainerSweep(
            Files.createDirectories(dir.resolve(name)),
            name,
            CurveTrainer.class,
            """
            training.epochs = 3
            budget.trials = 4
            execution.parallelism = 2
            execution.isolation = thread
            """);
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-Xmx1g");
    // Spark's module openings, as this JVM was given them.
    ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
        .filter(a -> a.startsWith("--add-opens"))
        .forEach(command::add);
    command.addAll(jvmOptions);
    command.addAll(List.of("-cp", classpath, Main.class.getName(), conf.toString()));
    ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
    Process p = pb.start();
    try {
      String console = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertTrue(p.waitFor(3, TimeUnit.MINUTES), "the sweep ended");
      assertEquals(0, p.exitValue(), console);
      return console;
    } finally {
      p.destroyForcibly();
    }
  }

  private static void assertQuiet(String console) {
    assertTrue(console.contains("[rung] study "), console);
    assertTrue(console.contains("[rung] best trial "), console);
    for (String line : console.lines().toList()) {
      assertFalse(line.contains(" INFO "), "an INFO line on the console: " + line);
    }
  }

  @Test
  void withTheConfigurationBinRungGives() throws Exception {
    Path config = Path.of("../conf/log4j2.properties").toAbsolutePath();
    assertQuiet(sweep("with-config", List.of("-Dlog4j2.configurationFile=" + config)));
  }

  @Test
  void withNoConfigurationAsUnderSparkSubmit() throws Exception {
    assertQuiet(sweep("no-config", List.of()));
  }
}
