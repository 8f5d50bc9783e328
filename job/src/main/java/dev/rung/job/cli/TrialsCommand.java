package dev.rung.job.cli;

import static org.apache.spark.sql.functions.col;

import dev.rung.job.ConsoleText;
import dev.rung.job.tables.StudyIdentity;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code rung trials OUTPUT [--state S] [--sort COL] [--desc] [--limit N] [--format F]}: the trials
 * of a sweep, one row each, with their parameters as columns.
 */
@Command(
    name = "trials",
    mixinStandardHelpOptions = true,
    versionProvider = Main.Version.class,
    description =
        "Lists the trials of a sweep's output: number, state, value(s), rung, epochs trained,"
            + " duration, each parameter, and the reason of a failure.",
    footer = Main.SEE_EXIT_CODES)
final class TrialsCommand implements Callable<Integer> {
  /** The states a trial is stored with. */
  static final List<String> STATES = List.of("COMPLETE", "PRUNED", "FAIL", "RUNNING");

  private final Streams io;

  @Mixin private OutputOptions.Output output;

  @Option(
      names = "--state",
      paramLabel = "STATE",
      description = "only trials in this state: complete, pruned, fail or running")
  private String state;

  @Option(
      names = "--sort",
      paramLabel = "COL",
      defaultValue = "number",
      description = "the column to sort by (default: number), e.g. value, epochs_trained, lr")
  private String sort;

  @Option(names = "--desc", description = "sort in descending order")
  private boolean descending;

  @Option(names = "--limit", paramLabel = "N", description = "at most N trials")
  private Integer limit;

  @Mixin private OutputOptions.Format format;

  TrialsCommand(Streams io) {
    this.io = io;
  }

  @Override
  public Integer call() throws IOException {
    String wanted = state == null ? null : state.toUpperCase(Locale.ROOT);
    if (wanted != null && !STATES.contains(wanted)) {
      throw new BadArgumentException(
          "--state: '"
              + ConsoleText.of(state)
              + "' is not a trial state; use complete, pruned, fail or running");
    }
    if (limit != null && limit < 1) {
      throw new BadArgumentException("--limit: " + limit + " must be 1 or more");
    }
    try (QuerySession session = QuerySession.open(OutputOptions.oneRun(output.location))) {
      Dataset<Row> trials = session.spark().table("trials");
      Map<String, Column> columns = columns(trials.schema(), session.identity().orElse(null));
      String name = columns.containsKey(sort) ? sort : "params." + sort;
      if (!columns.containsKey(name)) {
        throw new BadArgumentException(
            "--sort: '"
                + ConsoleText.of(sort)
                + "' is not a column of the listing; use one of "
                + String.join(", ", columns.keySet()));
      }
      if (wanted != null) {
        trials = trials.filter(col("state").equalTo(wanted));
      }
      Dataset<Row> selected = trials.select(columns.values().toArray(new Column[0]));
      Column key = selected.col("`" + name + "`");
      Dataset<Row> listed =
          selected.orderBy(
              descending ? key.desc_nulls_last() : key.asc_nulls_last(), col("number"));
      if (limit != null) {
        listed = listed.limit(limit);
      }
      format.print(listed, io.out());
      return 0;
    }
  }

  /** The columns listed, by name: the trial's own, then each parameter as params.NAME. */
  private static Map<String, Column> columns(StructType schema, StudyIdentity identity) {
    Map<String, Column> columns = new LinkedHashMap<>();
    columns.put("number", col("number"));
    columns.put("state", col("state"));
    boolean multi = identity != null && identity.directions().size() > 1;
    if (multi) {
      columns.put("values", col("values"));
    } else {
      columns.put("value", col("value"));
    }
    columns.put("rung", col("rung"));
    columns.put("epochs_trained", col("epochs_trained"));
    columns.put("duration_s", col("duration_ms").divide(1000.0).as("duration_s"));
    List<String> params = new ArrayList<>();
    for (StructField f : schema.fields()) {
      if (f.name().equals("params") && f.dataType() instanceof StructType struct) {
        params.addAll(List.of(struct.fieldNames()));
      }
    }
    for (String p : params) {
      columns.put("params." + p, col("params").getField(p).as("params." + p));
    }
    columns.put("fail_reason", col("fail_reason"));
    return columns;
  }
}
