package dev.rung.job.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.typesafe.config.ConfigRenderOptions;
import com.typesafe.config.ConfigValueFactory;
import dev.rung.job.RunDirs;
import dev.rung.job.SparkTestBase;
import dev.rung.job.tables.OutputLock;
import dev.rung.job.trainers.CurveTrainer;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.Serializable;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A sweep whose definition and output directory hold hostile text and files: categorical values
 * with every control character (valid JSON out, escaped on the console), a lock owner with terminal
 * commands, and, when the finished study is run again, a best trial's checkpoint with a
 * Java-serialized object in it.
 */
class HostileOutputTest extends SparkTestBase {
  private static final String CONF = new File("../conf/digits.conf").getAbsolutePath();

  /** Creates the file it names when Java deserialization reads it. */
  static final class FileCreatingGadget implements Serializable {
    private static final long serialVersionUID = 1L;
    private final String marker;

    FileCreatingGadget(String marker) {
      this.marker = marker;
    }

    private void readObject(ObjectInputStream in) throws IOException, ClassNotFoundException {
      in.defaultReadObject();
      Files.writeString(Path.of(marker), "readObject ran");
    }
  }

  /** Quotes, backslashes, every C0 control, DEL, U+2028/9, an ANSI colour, non-ASCII. */
  private static String awkward(String suffix) {
    StringBuilder sb = new StringBuilder("say \"hi\" \\ C:\\dir ");
    for (char c = 0; c < 0x20; c++) {
      sb.append(c);
    }
    return sb.append("\u007f \u2028\u2029 \u001b[31mred\u001b[0m é 漢字 \uD83D\uDE00 ")
        .append(suffix)
        .toString();
  }

  private static ConsoleRun sweep(String... overrides) {
    spark();
    List<String> args = new ArrayList<>(List.of("sweep", CONF, "run.id=" + Sweeps.RUN));
    args.addAll(List.of(overrides));
    return ConsoleRun.of(args);
  }

  /** Asserts that {@code text} holds no control character but line feeds. */
  private static void assertNoControls(String text) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      boolean control = (c < 0x20 && c != '\n') || (c >= 0x7f && c <= 0x9f) || c == '\u2028';
      assertFalse(control, String.format("U+%04X at %d in:%n%s", (int) c, i, text));
    }
  }

  @Test
  void awkwardValuesAreExactInTheJsonFilesAndEscapedOnTheConsole(@TempDir Path dir)
      throws Exception {
    // A trainer that declares no parameter names accepts any: the built-in networks accept no
    // free-form text.
    Path conf =
        Sweeps.trainerSweep(
            dir,
            "hostile",
            CurveTrainer.class,
            """
            sampler.type = random
            pruner.type = none
            training.epochs = 1
            budget.trials = 2
            """);
    Path output = dir.resolve("out");
    List<String> choices = List.of(awkward("A"), awkward("B"));
    spark();
    ConsoleRun first =
        ConsoleRun.of(
            List.of(
                "sweep",
                conf.toString(),
                "space.tag={type=categorical, choices="
                    + ConfigValueFactory.fromIterable(choices).render(ConfigRenderOptions.concise())
                    + "}"));
    assertEquals(0, first.exit(), first.out() + first.err());

    ObjectMapper mapper = new ObjectMapper();
    JsonNode summary = mapper.readTree(RunDirs.only(output).resolve("summary.json").toFile());
    String tag = summary.get("best_params").get("tag").textValue();
    assertTrue(choices.contains(tag), "best_params.tag read back as " + summary);
    JsonNode model =
        mapper.readTree(RunDirs.only(output).resolve("best-model/model.json").toFile());
    assertEquals(tag, model.get("params").get("tag").textValue());

    assertNoControls(first.out());
    String parameters =
        first.out().lines().filter(l -> l.startsWith("[rung] parameters: ")).findFirst().get();
    assertTrue(parameters.contains("\\u001b[31mred\\u001b[0m"), parameters);
    assertTrue(parameters.contains("\\u0000\\u0001"), parameters);
    assertTrue(parameters.contains("\\t\\n\\u000b\\u000c\\r"), parameters);
    assertTrue(parameters.contains("\\u007f \\u2028\\u2029 "), parameters);
    assertTrue(parameters.contains("say \"hi\" \\ C:\\dir "), parameters);
    assertTrue(parameters.contains("é 漢字 \uD83D\uDE00 "), parameters);
  }

  @Test
  void aCraftedCheckpointIsRefusedWithoutDeserializingIt(@TempDir Path dir) throws Exception {
    Path output = dir.resolve("out");
    String[] args = {
      "output=" + output,
      "study.name=hostile",
      "budget.trials=2",
      "training.epochs=1",
      "pruner.type=none",
      "sampler.type=random"
    };
    ConsoleRun first = sweep(args);
    assertEquals(0, first.exit(), first.out() + first.err());
    ObjectMapper mapper = new ObjectMapper();
    JsonNode summary = mapper.readTree(RunDirs.only(output).resolve("summary.json").toFile());
    assertTrue(summary.get("metrics").get("test_accuracy").isNumber(), summary.toString());

    // Someone who can write to the output puts a serialized object into the best trial's
    // checkpoint, which the next run restores for the test evaluation.
    int best = summary.get("best_trial").intValue();
    Path checkpoint =
        RunDirs.only(output)
            .resolve(
                String.format(Locale.ROOT, "checkpoints/hostile/trial-%05d/epoch-%04d", best, 1));
    Path marker = dir.resolve("gadget-ran");
    addToNetwork(checkpoint, "preprocessor.bin", new FileCreatingGadget(marker.toString()));
    byte[] exported = Files.readAllBytes(RunDirs.only(output).resolve("best-model/model.json"));

    // A rerun of a finished study does nothing; without the mark that says so, it evaluates the
    // best trial again, which restores the checkpoint.
    Files.delete(RunDirs.only(output).resolve("_finished.json"));
    ConsoleRun again = sweep(args);
    assertFalse(Files.exists(marker), "the crafted checkpoint's object was deserialized");
    assertEquals(Main.ERROR, again.exit(), again.out() + again.err());
    assertTrue(again.out().contains("resuming study hostile: 2 trials and"), again.out());
    String refused =
        again.out().lines().filter(l -> l.contains("was not evaluated")).findFirst().orElse("");
    assertTrue(refused.contains(checkpoint.toString()), again.out());
    assertTrue(refused.contains("trainer.bin/preprocessor.bin"), refused);
    assertNoControls(again.out());

    JsonNode after = mapper.readTree(RunDirs.only(output).resolve("summary.json").toFile());
    assertEquals(best, after.get("best_trial").intValue());
    assertEquals(summary.get("best_params"), after.get("best_params"));
    assertTrue(after.get("test_error").textValue().contains("preprocessor.bin"), after.toString());
    assertEquals(2, after.get("complete").intValue() + after.get("fail").intValue());
    assertTrue(
        Arrays.equals(
            exported, Files.readAllBytes(RunDirs.only(output).resolve("best-model/model.json"))),
        "the earlier export is kept");
  }

  /**
   * Adds {@code object}, Java-serialized, as entry {@code name} of the network zip inside the
   * checkpoint ({@code trainer.bin}).
   */
  private static void addToNetwork(Path checkpoint, String name, Serializable object)
      throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
      out.writeObject(object);
    }
    Path network = Files.createTempFile("network", ".zip");
    try (FileSystem outer = FileSystems.newFileSystem(checkpoint)) {
      Files.copy(outer.getPath("trainer.bin"), network, StandardCopyOption.REPLACE_EXISTING);
      try (FileSystem inner = FileSystems.newFileSystem(network)) {
        Files.write(inner.getPath(name), bytes.toByteArray());
      }
      Files.copy(network, outer.getPath("trainer.bin"), StandardCopyOption.REPLACE_EXISTING);
    } finally {
      Files.delete(network);
    }
    // Hadoop's local file system keeps a checksum beside each file; the editor removes it too.
    Files.deleteIfExists(checkpoint.resolveSibling("." + checkpoint.getFileName() + ".crc"));
  }

  @Test
  void aLockOwnerWithTerminalCommandsPrintsEscaped(@TempDir Path dir) throws Exception {
    Path output = dir.resolve("locked");
    OutputLock held =
        OutputLock.acquire(
            org.apache.hadoop.fs.FileSystem.getLocal(new Configuration()),
            new org.apache.hadoop.fs.Path(RunDirs.of(output, "digits-mlp", Sweeps.RUN).toString()),
            "evil\u001b[2J\u001b[31m\rdriver",
            Duration.ofMinutes(5));
    try {
      ConsoleRun run = sweep("output=" + output, "budget.trials=1");
      assertEquals(Main.LOCKED, run.exit(), run.err());
      assertTrue(run.err().contains("evil\\u001b[2J\\u001b[31m\\rdriver"), run.err());
      assertNoControls(run.err());
    } finally {
      held.close();
    }
  }

  @Test
  void anUnknownCommandPrintsEscaped() {
    ConsoleRun run = ConsoleRun.of(List.of("swe\u001b[31mep\r"));
    assertEquals(Main.INVALID, run.exit());
    assertTrue(run.err().contains("'swe\\u001b[31mep\\r'"), run.err());
    assertNoControls(run.err());
  }
}
