package dev.rung.job.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.jline.terminal.Terminal;
import org.jline.terminal.impl.DumbTerminal;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code rung sql} shell's line editor on a terminal: lines as typed, kept in a history file.
 */
class SqlShellHistoryTest {
  private static Terminal terminal(String typed) throws Exception {
    return new DumbTerminal(
        "test",
        Terminal.TYPE_DUMB,
        new ByteArrayInputStream(typed.getBytes(StandardCharsets.UTF_8)),
        new ByteArrayOutputStream(),
        StandardCharsets.UTF_8);
  }

  @Test
  void linesAreReadAndKeptForTheNextSession(@TempDir Path dir) throws Exception {
    Path history = dir.resolve("history");
    try (Terminal t = terminal("SELECT 1\nSELECT count(*) FROM trials\n")) {
      SqlCommand.Lines lines = SqlCommand.lineEditor(t, history);
      assertEquals("SELECT 1", lines.next());
      assertEquals("SELECT count(*) FROM trials", lines.next());
      assertNull(lines.next(), "the end of input ends the shell");
    }
    List<String> kept = Files.readAllLines(history);
    assertEquals(2, kept.size(), kept.toString());
    assertEquals(true, kept.get(1).endsWith("SELECT count(*) FROM trials"), kept.toString());

    // A new session starts with the earlier queries in its history.
    try (Terminal t = terminal("SELECT 2\n")) {
      SqlCommand.Lines lines = SqlCommand.lineEditor(t, history);
      assertEquals("SELECT 2", lines.next());
    }
    assertEquals(3, Files.readAllLines(history).size());
  }
}
