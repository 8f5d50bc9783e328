package dev.rung.job.cli;

import dev.rung.job.ConsoleText;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.jline.reader.EndOfFileException;
import org.jline.reader.LineReader;
import org.jline.reader.LineReaderBuilder;
import org.jline.reader.UserInterruptException;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/**
 * {@code rung sql OUTPUT [QUERY]}: runs Spark SQL over the tables of a sweep's output; with no
 * query, reads queries from standard input, one per line, on one session (the query shell).
 */
@Command(
    name = "sql",
    mixinStandardHelpOptions = true,
    versionProvider = Main.Version.class,
    description = {
      "Runs Spark SQL over the tables of a sweep's output: trials, intermediate_values,"
          + " segments and runs (docs/tables.md describes their columns).",
      "With no QUERY it reads queries from standard input, one per line (a trailing ';' is"
          + " optional), on one Spark session, until end of input or 'quit'; it then exits with 2"
          + " if any query could not run."
    },
    footer = Main.SEE_EXIT_CODES)
final class SqlCommand implements Callable<Integer> {
  private final Streams io;

  @Mixin private OutputOptions.Output output;

  @Parameters(
      index = "1..*",
      arity = "0..*",
      paramLabel = "QUERY",
      description = "a query, e.g. \"SELECT number, value FROM trials ORDER BY value DESC\"")
  private List<String> query;

  @Mixin private OutputOptions.Format format;

  SqlCommand(Streams io) {
    this.io = io;
  }

  @Override
  public Integer call() throws IOException {
    try (QuerySession session = QuerySession.open(output.location)) {
      if (query != null && !query.isEmpty()) {
        session.print(String.join(" ", query), format::print, io.out());
        return 0;
      }
      return shell(session);
    }
  }

  /**
   * Runs each line of standard input as a query; a query that cannot run is reported, not fatal. On
   * a terminal, lines are edited as in a shell and kept in {@link #historyFile()} from one session
   * to the next.
   */
  private int shell(QuerySession session) throws IOException {
    boolean terminal = io.in() == System.in && System.console() != null;
    if (!terminal) {
      BufferedReader lines =
          new BufferedReader(new InputStreamReader(io.in(), StandardCharsets.UTF_8));
      return shell(session, () -> lines.readLine());
    }
    io.out()
        .println(
            "rung sql on "
                + ConsoleText.of(output.location)
                + ": tables trials, intermediate_values, segments, runs; one query per line, 'quit'"
                + " or Ctrl-D to end; history in "
                + historyFile());
    try (Terminal t = TerminalBuilder.builder().system(true).build()) {
      return shell(session, lineEditor(t, historyFile()));
    }
  }

  /** Where the shell keeps the queries typed on a terminal. */
  static Path historyFile() {
    return Path.of(System.getProperty("user.home"), ".rung_sql_history");
  }

  /** Reads lines from {@code terminal} with editing, saving each line to {@code history}. */
  static Lines lineEditor(Terminal terminal, Path history) {
    LineReader reader =
        LineReaderBuilder.builder()
            .terminal(terminal)
            .appName("rung sql")
            .variable(LineReader.HISTORY_FILE, history)
            .variable(LineReader.HISTORY_SIZE, 1000)
            .build();
    return () -> {
      try {
        String line = reader.readLine("rung> ");
        reader.getHistory().save();
        return line;
      } catch (EndOfFileException | UserInterruptException e) {
        return null;
      }
    };
  }

  /** One line at a time; null at the end. */
  interface Lines {
    String next() throws IOException;
  }

  int shell(QuerySession session, Lines lines) throws IOException {
    int exit = 0;
    while (true) {
      String line = lines.next();
      if (line == null) {
        break;
      }
      String q = line.strip();
      while (q.endsWith(";")) {
        q = q.substring(0, q.length() - 1).strip();
      }
      if (q.isEmpty()) {
        continue;
      }
      String word = q.toLowerCase(Locale.ROOT);
      if (word.equals("quit") || word.equals("exit")) {
        break;
      }
      try {
        session.print(q, format::print, io.out());
      } catch (BadArgumentException e) {
        io.err().println("rung: " + e.getMessage());
        exit = Main.INVALID;
      } catch (TablesChangedException e) {
        io.err().println("rung: " + e.getMessage());
        exit = Main.ERROR;
      }
    }
    return exit;
  }
}
