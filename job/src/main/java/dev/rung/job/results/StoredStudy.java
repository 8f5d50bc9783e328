package dev.rung.job.results;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigParseOptions;
import com.typesafe.config.ConfigSyntax;
import dev.rung.distributions.Distribution;
import dev.rung.job.config.InvalidConfigException;
import dev.rung.job.config.SweepConfigLoader;
import dev.rung.job.driver.ResumeLoader;
import dev.rung.job.tables.DamagedFileException;
import dev.rung.job.tables.IntermediateValueRow;
import dev.rung.job.tables.OutputLayout;
import dev.rung.job.tables.ParamSchema;
import dev.rung.job.tables.SegmentRow;
import dev.rung.job.tables.StudyIdentity;
import dev.rung.job.tables.TableSchemas;
import dev.rung.job.tables.Tables;
import dev.rung.job.tables.TrialRow;
import dev.rung.multi.ParetoFront;
import dev.rung.study.Direction;
import dev.rung.study.FrozenTrial;
import dev.rung.study.TrialState;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * A study as its output holds it, read without Spark: what it is ({@code study.json}), its search
 * space ({@code sweep.conf}, checked against {@code study.json}), its trials, each trial's curve,
 * its segments and, once a run ended, {@code summary.json}. What the report, the Optuna export and
 * the importance command read.
 *
 * @param output the output location
 * @param identity the study's identity
 * @param directions one per objective
 * @param space every parameter's distribution
 * @param trials the trials, by number
 * @param curves each trial's intermediate values by step (an empty map for a trial without)
 * @param values every intermediate value row, in the order they were appended
 * @param segments every segment row, in the order they were appended (empty without the table)
 * @param summary {@code summary.json}, or null when no run has ended yet
 * @param finished whether the study's last run finished its budget ({@code _finished.json})
 */
public record StoredStudy(
    Path output,
    StudyIdentity identity,
    List<Direction> directions,
    Map<String, Distribution> space,
    List<TrialRow> trials,
    Map<Integer, SortedMap<Integer, Double>> curves,
    List<IntermediateValueRow> values,
    List<SegmentRow> segments,
    JsonNode summary,
    boolean finished) {

  /** The definition file under the output. */
  public static final String SWEEP_FILE = "sweep.conf";

  /** What a run that finished its budget leaves under the output. */
  public static final String FINISHED_FILE = "_finished.json";

  /** The end-of-run summary under the output. */
  public static final String SUMMARY_FILE = "summary.json";

  /** An output whose study cannot be read; {@link #problem} says why in one sentence. */
  public static final class UnreadableException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final String problem;

    UnreadableException(Path output, String problem) {
      super("the study in " + output + " cannot be read: " + problem);
      this.problem = problem;
    }

    /** What is wrong, without the output's name. */
    public String problem() {
      return problem;
    }
  }

  /**
   * Reads the study under {@code output}.
   *
   * @throws UnreadableException when the output holds no study, or its files are damaged or do not
   *     agree with each other
   */
  public static StoredStudy read(FileSystem fs, Path output) throws IOException {
    output = oneRun(fs, output);
    StudyIdentity identity = identity(fs, output);
    List<Direction> directions = directions(output, identity);
    Map<String, Distribution> space = space(fs, output, identity);
    if (!fs.exists(Tables.path(output, TableSchemas.TRIALS))) {
      throw new UnreadableException(output, "it has no " + TableSchemas.TRIALS + " table");
    }
    List<TrialRow> rows;
    List<IntermediateValueRow> values;
    List<SegmentRow> segments;
    try {
      rows = new ArrayList<>(Tables.readTrials(fs, output, ParamSchema.fromSearchSpace(space)));
      values =
          fs.exists(Tables.path(output, TableSchemas.INTERMEDIATE_VALUES))
              ? Tables.readIntermediateValues(fs, output)
              : List.of();
      segments =
          fs.exists(Tables.path(output, TableSchemas.SEGMENTS))
              ? Tables.readSegments(fs, output)
              : List.of();
    } catch (DamagedFileException e) {
      throw new UnreadableException(output, oneLine(e.getMessage()));
    }
    rows.sort(Comparator.comparingInt(TrialRow::number));
    for (TrialRow r : rows) {
      if (!r.study().equals(identity.study())) {
        throw new UnreadableException(
            output,
            "trial "
                + r.number()
                + " belongs to study '"
                + r.study()
                + "', not '"
                + identity.study()
                + "'");
      }
      for (String name : r.params().keySet()) {
        if (!space.containsKey(name)) {
          throw new UnreadableException(
              output,
              "trial " + r.number() + " has parameter '" + name + "', which the space lacks");
        }
      }
    }
    return new StoredStudy(
        output,
        identity,
        directions,
        space,
        List.copyOf(rows),
        curves(output, identity, values, rows),
        values,
        segments,
        summary(fs, output),
        fs.exists(new Path(output, FINISHED_FILE)));
  }

  /**
   * The COMPLETE trials with a finite value for every objective, by number: those {@link #best}
   * chooses from.
   */
  public List<TrialRow> complete() {
    List<TrialRow> out = new ArrayList<>();
    for (TrialRow r : trials) {
      if (r.state() == TrialState.COMPLETE
          && r.values().size() == directions.size()
          && r.values().stream().allMatch(Double::isFinite)) {
        out.add(r);
      }
    }
    return out;
  }

  /**
   * The best trial (one objective; the lowest number among equals), or the trials of the Pareto
   * front (several), by number; empty while no trial completed.
   */
  public List<TrialRow> best() {
    List<TrialRow> complete = complete();
    if (complete.stream().anyMatch(r -> !r.constraints().isEmpty())) {
      // Once trials report constraints, only feasible ones can be best, as in the library.
      complete = complete.stream().filter(TrialRow::feasible).toList();
    }
    if (complete.isEmpty()) {
      return List.of();
    }
    if (!multiObjective()) {
      Direction d = directions.get(0);
      TrialRow best = complete.get(0);
      for (TrialRow r : complete) {
        if (d.better(r.values().get(0), best.values().get(0))) {
          best = r;
        }
      }
      return List.of(best);
    }
    double[][] points = new double[complete.size()][];
    for (int i = 0; i < points.length; i++) {
      points[i] = ParetoFront.minimized(complete.get(i).values(), directions);
    }
    boolean[] front = ParetoFront.nonDominated(points);
    List<TrialRow> out = new ArrayList<>();
    for (int i = 0; i < front.length; i++) {
      if (front[i]) {
        out.add(complete.get(i));
      }
    }
    return out;
  }

  /** Whether the study has more than one objective. */
  public boolean multiObjective() {
    return directions.size() > 1;
  }

  /**
   * The trials as the library's {@link FrozenTrial}s, with their parameters' distributions and
   * curves, as a resumed sweep rebuilds them, e.g. for parameter importance.
   *
   * @throws UnreadableException when the trial numbers have a gap
   */
  public List<FrozenTrial> frozenTrials() {
    try {
      return ResumeLoader.trials(trials, values, space);
    } catch (IllegalArgumentException e) {
      throw new UnreadableException(output, oneLine(e.getMessage()));
    }
  }

  /**
   * The directory of the run {@code output} names: {@code output} itself, unless it is an output
   * root holding runs, which must then be exactly one.
   *
   * @throws UnreadableException for a root holding several runs, listing them
   */
  public static Path oneRun(FileSystem fs, Path output) throws IOException {
    if (!fs.exists(output)
        || OutputLayout.isRunDirectory(output)
        || OutputLayout.isEarlierLayout(fs, output)) {
      return output;
    }
    List<OutputLayout.Run> runs = OutputLayout.runs(fs, output);
    if (runs.size() == 1) {
      return runs.get(0).directory();
    }
    if (runs.isEmpty()) {
      return output;
    }
    StringBuilder names = new StringBuilder();
    for (int i = 0; i < runs.size() && i < 10; i++) {
      names.append(i == 0 ? "" : ", ").append(runs.get(i).directory());
    }
    throw new UnreadableException(
        output,
        "it is an output root holding "
            + runs.size()
            + " runs (studies and nights): give the directory of one of them, "
            + names
            + (runs.size() > 10 ? ", ..." : ""));
  }

  private static StudyIdentity identity(FileSystem fs, Path output) throws IOException {
    if (!fs.exists(output)) {
      throw new UnreadableException(output, "it does not exist");
    }
    try {
      return StudyIdentity.read(fs, output)
          .orElseThrow(
              () ->
                  new UnreadableException(
                      output,
                      "it holds no "
                          + StudyIdentity.FILE
                          + " (it is not a sweep's output, or one written before Rung recorded"
                          + " it; run the sweep on it again to record it)"));
    } catch (DamagedFileException e) {
      throw new UnreadableException(output, oneLine(e.getMessage()));
    }
  }

  private static List<Direction> directions(Path output, StudyIdentity identity) {
    List<Direction> out = new ArrayList<>();
    for (String d : identity.directions()) {
      try {
        out.add(Direction.parse(d));
      } catch (IllegalArgumentException e) {
        throw new UnreadableException(output, StudyIdentity.FILE + " has " + e.getMessage());
      }
    }
    return List.copyOf(out);
  }

  /** Every parameter name's distribution, from sweep.conf, checked against study.json. */
  private static Map<String, Distribution> space(FileSystem fs, Path output, StudyIdentity identity)
      throws IOException {
    Path file = new Path(output, SWEEP_FILE);
    String text;
    try (InputStream in = fs.open(file)) {
      text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (FileNotFoundException e) {
      throw new UnreadableException(
          output, "it holds no " + SWEEP_FILE + ", which gives the distributions");
    }
    Map<String, Distribution> space;
    try {
      Config definition =
          ConfigFactory.parseString(
              text,
              ConfigParseOptions.defaults()
                  .setSyntax(ConfigSyntax.CONF)
                  .setOriginDescription(file.toString()));
      space = SweepConfigLoader.readSpace(definition).allNames();
    } catch (ConfigException | InvalidConfigException e) {
      throw new UnreadableException(
          output, SWEEP_FILE + " cannot be read: " + oneLine(e.getMessage()));
    }
    Map<String, String> described = new TreeMap<>();
    space.forEach((name, d) -> described.put(name, d.describe()));
    if (!described.equals(identity.space())) {
      throw new UnreadableException(
          output,
          "the search space of "
              + SWEEP_FILE
              + " is "
              + described
              + " but "
              + StudyIdentity.FILE
              + " records "
              + identity.space());
    }
    return new LinkedHashMap<>(space);
  }

  private static Map<Integer, SortedMap<Integer, Double>> curves(
      Path output, StudyIdentity identity, List<IntermediateValueRow> values, List<TrialRow> rows) {
    Map<Integer, SortedMap<Integer, Double>> curves = new HashMap<>();
    for (TrialRow r : rows) {
      curves.put(r.number(), new TreeMap<>());
    }
    for (IntermediateValueRow v : values) {
      SortedMap<Integer, Double> curve = curves.get(v.trial());
      if (curve == null || !v.study().equals(identity.study())) {
        throw new UnreadableException(
            output,
            "the intermediate values table holds step "
                + v.step()
                + " of trial "
                + v.trial()
                + " of study '"
                + v.study()
                + "', which the trials table does not have");
      }
      if (curve.put(v.step(), v.value()) != null) {
        throw new UnreadableException(
            output, "step " + v.step() + " of trial " + v.trial() + " is recorded twice");
      }
    }
    return curves;
  }

  private static JsonNode summary(FileSystem fs, Path output) throws IOException {
    try (InputStream in = fs.open(new Path(output, SUMMARY_FILE))) {
      return new ObjectMapper().readTree(in);
    } catch (FileNotFoundException e) {
      return null;
    } catch (JacksonException e) {
      throw new UnreadableException(
          output, SUMMARY_FILE + " is not valid JSON: " + oneLine(e.getOriginalMessage()));
    }
  }

  static String oneLine(String message) {
    return message == null ? "" : String.join(" ", message.strip().split("\\s*\\R\\s*"));
  }
}
