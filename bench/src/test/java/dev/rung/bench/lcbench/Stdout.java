package dev.rung.bench.lcbench;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** What a benchmark command prints. */
public final class Stdout {
  private Stdout() {}

  /** A command's main method. */
  @FunctionalInterface
  public interface Command {
    void run(String[] args) throws Exception;
  }

  /** Runs {@code command} with {@code args} and returns what it printed to standard output. */
  public static String of(Command command, String... args) throws Exception {
    ByteArrayOutputStream buf = new ByteArrayOutputStream();
    PrintStream old = System.out;
    System.setOut(new PrintStream(buf, true, StandardCharsets.UTF_8));
    try {
      command.run(args);
    } finally {
      System.setOut(old);
    }
    return buf.toString(StandardCharsets.UTF_8);
  }

  /**
   * The whitespace-separated fields of the lines after {@code header} that have {@code n} of them,
   * a share of the budget ("30%") fifth from the end.
   */
  static List<String[]> rowsAfter(String out, String header, int n) {
    List<String[]> rows = new ArrayList<>();
    for (String line : out.substring(out.indexOf(header)).split("\n")) {
      String[] f = line.trim().split("\\s+");
      if (f.length == n && f[f.length - 5].endsWith("%")) {
        rows.add(f);
      }
    }
    return rows;
  }
}
