package dev.rung.job.badinput;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import dev.rung.job.cli.Main;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An output folder the user may not write to, on the local file system: refused before any Spark
 * work, naming the output. (Root writes into any folder, so this runs for other users only; the
 * catalogue's {@code output-read-only} covers a file system that refuses every writer.)
 */
class ReadOnlyOutputTest {
  @Test
  void aReadOnlyFolderIsRefusedBeforeAnyWork(@TempDir Path dir) throws Exception {
    assumeFalse("root".equals(System.getProperty("user.name")), "root may write anywhere");
    Path readOnly = Files.createDirectory(dir.resolve("read-only"));
    Files.setPosixFilePermissions(readOnly, PosixFilePermissions.fromString("r-xr-xr-x"));
    Path conf =
        Files.writeString(
            dir.resolve("sweep.conf"),
            "rung { data.dataset = digits, budget.trials = 1, output = \"" + readOnly + "\" }\n");
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    try {
      int exit =
          Main.run(
              new String[] {"sweep", conf.toString()},
              new PrintStream(new ByteArrayOutputStream(), true),
              new PrintStream(err, true));
      String message = err.toString(StandardCharsets.UTF_8);
      assertEquals(Main.INVALID, exit, message);
      assertTrue(message.contains("has 1 error:"), message);
      assertTrue(message.contains("rung.output: '" + readOnly + "' cannot be written"), message);
      assertFalse(message.contains("\tat "), message);
    } finally {
      Files.setPosixFilePermissions(readOnly, PosixFilePermissions.fromString("rwxr-xr-x"));
    }
  }
}
