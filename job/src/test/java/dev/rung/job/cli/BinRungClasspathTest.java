package dev.rung.job.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rung.job.RunDirs;
import dev.rung.job.trainers.CurveTrainer;
import dev.rung.job.trainers.TrainerJars;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code RUNG_CLASSPATH=my-trainer.jar bin/rung sweep ...}, as docs/trainers.md says: both of
 * {@code bin/rung}'s steps, the validation ({@code Main dataset}) and the sweep, load the trainer
 * class from the user's jar. The script runs from a copy of the project's layout whose class path
 * (the one {@code bin/rung} builds) holds Rung but not the trainer, so that it does not build.
 */
@Tag("slow")
class BinRungClasspathTest {
  @TempDir static Path dir;
  private static Path root;
  private static Path conf;

  @BeforeAll
  static void layout() throws Exception {
    root = dir.resolve("rung");
    Path target = Files.createDirectories(root.resolve("job/target"));
    Files.createDirectories(root.resolve("bin"));
    Files.createDirectories(root.resolve("conf"));
    Files.copy(Path.of("../bin/rung"), root.resolve("bin/rung"));
    Files.copy(Path.of("../conf/log4j2.properties"), root.resolve("conf/log4j2.properties"));
    Files.createSymbolicLink(target.resolve("classes"), Path.of("target/classes").toAbsolutePath());
    String rungOnly =
        Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
            .filter(e -> !e.endsWith("test-classes"))
            .collect(Collectors.joining(File.pathSeparator));
    Files.writeString(target.resolve("runtime.classpath"), rungOnly);
    Files.writeString(target.resolve(".rung-built"), "");
    conf = dir.resolve("trainer.conf");
    // The sweep step's own checks stop it at the data, which only it reads: no Spark is started.
    Files.writeString(
        conf,
        """
        rung {
          study.name = from-my-jar
          output = "%s"
          model.trainer = %s
          space { lr { type = float, low = 1e-3, high = 0.1, log = true } }
          data { dataset = "", format = csv, train = "%s" }
          budget.trials = 1
        }
        """
            .formatted(dir.resolve("out"), CurveTrainer.class.getName(), dir.resolve("no.csv")));
  }

  private record Run(int exit, String err) {}

  private static Run rung(Map<String, String> env) throws Exception {
    return rung(env, conf);
  }

  private static Run rung(Map<String, String> env, Path conf) throws Exception {
    ProcessBuilder pb =
        new ProcessBuilder("bash", root.resolve("bin/rung").toString(), "sweep", conf.toString());
    pb.environment().putAll(env);
    pb.environment().putIfAbsent("RUNG_JAVA_OPTS", "-Xmx256m");
    pb.environment()
        .put(
            "PATH",
            Path.of(System.getProperty("java.home"), "bin")
                + File.pathSeparator
                + System.getenv("PATH"));
    pb.redirectOutput(ProcessBuilder.Redirect.DISCARD);
    Process p = pb.start();
    try {
      String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
      assertTrue(p.waitFor(3, TimeUnit.MINUTES), "bin/rung ended");
      return new Run(p.exitValue(), err);
    } finally {
      p.destroyForcibly();
    }
  }

  @Test
  void withoutTheJarTheTrainerIsNotFound() throws Exception {
    Run run = rung(Map.of());
    assertEquals(Main.INVALID, run.exit(), run.err());
    assertTrue(run.err().contains("rung.model.trainer"), run.err());
    assertTrue(run.err().contains("is not found"), run.err());
  }

  @Test
  void withTheJarInRungClasspathBothStepsLoadTheTrainer() throws Exception {
    Path jar = TrainerJars.curveTrainer(Files.createDirectories(dir.resolve("jar")));
    Run run = rung(Map.of("RUNG_CLASSPATH", jar.toString()));
    // Past the validation, the sweep step loaded the definition, trainer included, and stopped
    // at the data file it could not read.
    assertEquals(Main.INVALID, run.exit(), run.err());
    assertFalse(run.err().contains("rung.model.trainer"), run.err());
    assertTrue(run.err().contains("no.csv"), run.err());
    assertFalse(run.err().contains("\tat "), run.err());
  }

  /**
   * A whole sweep through {@code bin/rung}, with a trainer from the user's jar that loads a native
   * library and reports the length of its JVM's command line: in the driver's JVM (isolation =
   * thread) and in a JVM of its own (process), the sweep runs and the command line stays far below
   * the 4 KB at which some native libraries (ONNX Runtime 1.29) crash the JVM, though the class
   * path is several times longer.
   */
  @Test
  void aTrainerLoadingANativeLibraryRunsWithAShortCommandLineInEitherIsolation() throws Exception {
    Path jar = TrainerJars.nativeTrainer(Files.createDirectories(dir.resolve("native-jar")));
    int classPath = Files.readString(root.resolve("job/target/runtime.classpath")).length();
    assertTrue(classPath > 4096, "the class path alone is long: " + classPath);
    for (String isolation : new String[] {"thread", "process"}) {
      Path out = dir.resolve("native-" + isolation);
      Path sweep = dir.resolve("native-" + isolation + ".conf");
      Files.writeString(
          sweep,
          """
          rung {
            study { name = native, directions = [minimize], metrics = [cmdline_bytes] }
            output = "%s"
            model.trainer = %s
            space { lr { type = float, low = 1e-3, high = 0.1, log = true } }
            data.format = none
            pruner.type = none
            training.epochs = 1
            budget.trials = 1
            execution { parallelism = 1, isolation = %s, master = "local[1]" }
          }
          """
              .formatted(out, dev.rung.job.trainers.NativeTrainer.class.getName(), isolation));
      Run run = rung(Map.of("RUNG_CLASSPATH", jar.toString(), "RUNG_JAVA_OPTS", "-Xmx1g"), sweep);
      assertEquals(0, run.exit(), isolation + ": " + run.err());
      double bytes =
          new com.fasterxml.jackson.databind.ObjectMapper()
              .readTree(RunDirs.only(out).resolve("summary.json").toFile())
              .get("metrics")
              .get("cmdline_bytes")
              .asDouble();
      assertTrue(bytes > 100 && bytes < 4096, isolation + ": command line of " + bytes + " bytes");
    }
  }
}
