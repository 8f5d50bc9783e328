package dev.rung.job.optuna;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigParseOptions;
import com.typesafe.config.ConfigSyntax;
import dev.rung.distributions.Distribution;
import dev.rung.job.config.InvalidConfigException;
import dev.rung.job.config.SweepConfigLoader;
import dev.rung.job.tables.DamagedFileException;
import dev.rung.job.tables.IntermediateValueRow;
import dev.rung.job.tables.ParamSchema;
import dev.rung.job.tables.StudyIdentity;
import dev.rung.job.tables.TableSchemas;
import dev.rung.job.tables.Tables;
import dev.rung.job.tables.TrialRow;
import dev.rung.study.Direction;
import dev.rung.study.TrialState;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.StandardOpenOption;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * Writes the study of a Rung output as an Optuna journal file ({@link OptunaJournal}), so that
 * {@code optuna.load_study} with a {@code JournalFileStorage} opens it.
 *
 * <p>The study's name and directions come from {@code study.json}. The distributions come from
 * {@code sweep.conf}, read as a sweep reads its space, and must describe exactly the space {@code
 * study.json} records: the text {@code study.json} keeps of a categorical cannot tell {@code "1"}
 * from {@code 1}, so it serves as the check, not the source. Trials, their values, times and user
 * attributes come from the trials table; each trial's curve from the intermediate values table.
 */
public final class OptunaExport {
  /** The definition file under the output. */
  public static final String SWEEP_FILE = "sweep.conf";

  private OptunaExport() {}

  /** What was exported: the study's name and how many trials it has. */
  public record Exported(String study, int trials) {}

  /**
   * Writes the study under {@code output} to the new file {@code file}.
   *
   * @param zone the time zone of the journal's local times
   * @throws ExportRefusedException when {@code file} exists, or {@code output} holds no readable
   *     study; nothing is written then
   */
  public static Exported export(FileSystem fs, Path output, java.nio.file.Path file, ZoneId zone)
      throws IOException {
    if (Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
      throw new ExportRefusedException(
          file
              + " exists: give a new file (an Optuna journal holding another study is never"
              + " appended to)");
    }
    java.nio.file.Path parent = file.toAbsolutePath().getParent();
    if (parent != null && !Files.isDirectory(parent)) {
      throw new ExportRefusedException("the directory of " + file + " does not exist");
    }
    StudyIdentity identity = identity(fs, output);
    Map<String, Distribution> space = space(fs, output, identity);
    List<JournalTrial> trials = trials(fs, output, identity, space);
    String journal = OptunaJournal.of(identity.study(), directions(identity), trials, zone);
    try {
      Files.write(
          file,
          journal.getBytes(StandardCharsets.UTF_8),
          StandardOpenOption.CREATE_NEW,
          StandardOpenOption.WRITE);
    } catch (FileAlreadyExistsException e) {
      throw new ExportRefusedException(file + " was created by someone else meanwhile");
    } catch (IOException e) {
      Files.deleteIfExists(file);
      throw e;
    }
    return new Exported(identity.study(), trials.size());
  }

  private static ExportRefusedException refused(Path output, String problem) {
    return new ExportRefusedException("the output " + output + " cannot be exported: " + problem);
  }

  private static StudyIdentity identity(FileSystem fs, Path output) throws IOException {
    if (!fs.exists(output)) {
      throw refused(output, "it does not exist");
    }
    try {
      return StudyIdentity.read(fs, output)
          .orElseThrow(
              () ->
                  refused(
                      output,
                      "it holds no "
                          + StudyIdentity.FILE
                          + " (it is not a sweep's output, or one written before Rung recorded"
                          + " it; run the sweep on it again to record it)"));
    } catch (DamagedFileException e) {
      throw refused(output, oneLine(e.getMessage()));
    }
  }

  private static List<Direction> directions(StudyIdentity identity) {
    List<Direction> out = new ArrayList<>();
    for (String d : identity.directions()) {
      switch (d.toLowerCase(Locale.ROOT)) {
        case "minimize":
          out.add(Direction.MINIMIZE);
          break;
        case "maximize":
          out.add(Direction.MAXIMIZE);
          break;
        default:
          throw new ExportRefusedException(
              StudyIdentity.FILE + " has direction '" + d + "': expected minimize or maximize");
      }
    }
    return out;
  }

  /** Every parameter name's distribution, from sweep.conf, checked against study.json. */
  private static Map<String, Distribution> space(FileSystem fs, Path output, StudyIdentity identity)
      throws IOException {
    Path file = new Path(output, SWEEP_FILE);
    String text;
    try (InputStream in = fs.open(file)) {
      text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (FileNotFoundException e) {
      throw refused(output, "it holds no " + SWEEP_FILE + ", which gives the distributions");
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
      throw refused(output, SWEEP_FILE + " cannot be read: " + oneLine(e.getMessage()));
    }
    Map<String, String> described = new TreeMap<>();
    space.forEach((name, d) -> described.put(name, d.describe()));
    if (!described.equals(identity.space())) {
      throw refused(
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
    return space;
  }

  private static List<JournalTrial> trials(
      FileSystem fs, Path output, StudyIdentity identity, Map<String, Distribution> space)
      throws IOException {
    if (!fs.exists(Tables.path(output, TableSchemas.TRIALS))) {
      throw refused(output, "it has no " + TableSchemas.TRIALS + " table");
    }
    List<TrialRow> rows;
    List<IntermediateValueRow> values;
    try {
      rows = Tables.readTrials(fs, output, ParamSchema.fromSearchSpace(space));
      values =
          fs.exists(Tables.path(output, TableSchemas.INTERMEDIATE_VALUES))
              ? Tables.readIntermediateValues(fs, output)
              : List.of();
    } catch (DamagedFileException e) {
      throw refused(output, oneLine(e.getMessage()));
    }
    rows = new ArrayList<>(rows);
    rows.sort(Comparator.comparingInt(TrialRow::number));
    Map<Integer, SortedMap<Integer, Double>> curves = curves(output, identity, values, rows);
    List<JournalTrial> out = new ArrayList<>(rows.size());
    for (TrialRow r : rows) {
      if (!r.study().equals(identity.study())) {
        throw refused(
            output,
            "trial "
                + r.number()
                + " belongs to study '"
                + r.study()
                + "', not '"
                + identity.study()
                + "'");
      }
      if (r.number() != out.size()) {
        throw refused(
            output,
            "the trials table has no trial "
                + out.size()
                + " (Optuna numbers trials 0, 1, ... without gaps)");
      }
      try {
        out.add(trial(r, space, curves.getOrDefault(r.number(), new TreeMap<>()), identity));
      } catch (IllegalArgumentException e) {
        throw refused(output, oneLine(e.getMessage()));
      }
    }
    return out;
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
        throw refused(
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
        throw refused(output, "step " + v.step() + " of trial " + v.trial() + " is recorded twice");
      }
    }
    return curves;
  }

  private static JournalTrial trial(
      TrialRow r,
      Map<String, Distribution> space,
      SortedMap<Integer, Double> curve,
      StudyIdentity identity) {
    Map<String, Distribution> distributions = new LinkedHashMap<>();
    for (String name : r.params().keySet()) {
      Distribution d = space.get(name);
      if (d == null) {
        throw new IllegalArgumentException(
            "trial " + r.number() + " has parameter '" + name + "', which the space lacks");
      }
      distributions.put(name, d);
    }
    List<Double> values = List.of();
    if (r.state() == TrialState.COMPLETE) {
      if (r.values().size() != identity.directions().size()) {
        throw new IllegalArgumentException(
            "trial "
                + r.number()
                + " is COMPLETE with "
                + r.values().size()
                + " value(s); the study has "
                + identity.directions().size()
                + " direction(s)");
      }
      values = r.values();
    } else if (r.state() == TrialState.PRUNED) {
      // As in Optuna, a pruned trial's value is its last intermediate value, when there is one.
      values = r.values();
    }
    Map<String, Object> system = new LinkedHashMap<>();
    system.put("rung:seed", r.seed());
    system.put("rung:epochs_trained", r.epochsTrained());
    if (r.bracket() != null) {
      system.put("rung:bracket", r.bracket());
      system.put("rung:rung", r.rung());
    }
    if (r.failReason() != null) {
      system.put("fail_reason", r.failReason());
    }
    return new JournalTrial(
        r.number(),
        r.state(),
        values,
        r.params(),
        distributions,
        curve,
        r.start(),
        r.state().isFinished() ? r.end() : null,
        r.userAttrs(),
        system);
  }

  private static String oneLine(String message) {
    return message == null ? "" : String.join(" ", message.strip().split("\\s*\\R\\s*"));
  }
}
