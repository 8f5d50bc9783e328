package dev.rung.job.cli;

import dev.rung.job.tables.ResultFormat;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** Queries of the tests on a {@link QuerySession}, read back as the shell prints them. */
final class Queries {
  private Queries() {}

  /** The numbers of the one row {@code sql} gives, as the shell prints it in CSV. */
  static long[] numbers(QuerySession shell, String sql) {
    ByteArrayOutputStream buffer = new ByteArrayOutputStream();
    shell.print(
        sql,
        (result, out) -> ResultFormat.CSV.print(result, out, 10),
        new PrintStream(buffer, true, StandardCharsets.UTF_8));
    String[] lines = buffer.toString(StandardCharsets.UTF_8).strip().split("\\R");
    return Arrays.stream(lines[lines.length - 1].split(","))
        .mapToLong(cell -> Long.parseLong(cell.strip()))
        .toArray();
  }
}
