package dev.rung.job.cli;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigParseOptions;
import com.typesafe.config.ConfigSyntax;
import dev.rung.distributions.Distribution;
import dev.rung.importance.FanovaEvaluator;
import dev.rung.importance.ImportanceEvaluator;
import dev.rung.importance.PedAnovaEvaluator;
import dev.rung.job.ConsoleText;
import dev.rung.job.config.InvalidConfigException;
import dev.rung.job.config.SweepConfigLoader;
import dev.rung.job.driver.ResumeLoader;
import dev.rung.job.tables.IntermediateValueRow;
import dev.rung.job.tables.ParamSchema;
import dev.rung.job.tables.StudyIdentity;
import dev.rung.job.tables.TableSchemas;
import dev.rung.job.tables.Tables;
import dev.rung.job.tables.TrialRow;
import dev.rung.study.Direction;
import dev.rung.study.FrozenTrial;
import dev.rung.study.TrialState;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * {@code rung importance OUTPUT [--evaluator fanova|ped-anova] [--objective NAME]}: how much each
 * parameter explains an objective of a sweep, from its tables (see {@code dev.rung.importance}).
 *
 * <p>The study's objectives and directions come from {@code study.json}, the distributions from
 * {@code sweep.conf} (as a sweep reads its space), the trials from the trials table; only COMPLETE
 * trials count. Prints one line per parameter, most important first, with a bar.
 */
public final class ImportanceCommand {
  /** Exit code of a usage error or an output that cannot be read (as every rung command). */
  static final int INVALID = 2;

  /** Exit code when the output has too few complete trials to say anything. */
  static final int NO_RESULT = 3;

  private static final String USAGE =
      "usage: rung importance OUTPUT [--evaluator fanova|ped-anova] [--objective NAME]";
  private static final int BAR = 40;

  private ImportanceCommand() {}

  /** Runs the command; returns its exit code. */
  public static int run(List<String> args, PrintStream out, PrintStream err) {
    String output = null;
    String evaluatorName = "fanova";
    String objective = null;
    for (int i = 0; i < args.size(); i++) {
      String a = args.get(i);
      if ((a.equals("--evaluator") || a.equals("--objective")) && i + 1 < args.size()) {
        if (a.equals("--evaluator")) {
          evaluatorName = args.get(++i);
        } else {
          objective = args.get(++i);
        }
      } else if (!a.startsWith("--") && output == null) {
        output = a;
      } else {
        err.println("rung: unexpected argument '" + ConsoleText.of(a) + "'\n" + USAGE);
        return INVALID;
      }
    }
    if (output == null) {
      err.println(USAGE);
      return INVALID;
    }
    ImportanceEvaluator evaluator = evaluator(evaluatorName);
    if (evaluator == null) {
      err.println(
          "rung: --evaluator '"
              + ConsoleText.of(evaluatorName)
              + "' is not an evaluator; use fanova or ped-anova");
      return INVALID;
    }
    try {
      return report(new Path(output), evaluator, evaluatorName, objective, out, err);
    } catch (IOException | RuntimeException e) {
      err.println("rung: the output " + ConsoleText.of(output) + " cannot be read: " + message(e));
      return INVALID;
    }
  }

  private static ImportanceEvaluator evaluator(String name) {
    return switch (name.toLowerCase(Locale.ROOT)) {
      case "fanova" -> new FanovaEvaluator(0);
      case "ped-anova" -> new PedAnovaEvaluator();
      default -> null;
    };
  }

  private static int report(
      Path output,
      ImportanceEvaluator evaluator,
      String evaluatorName,
      String objective,
      PrintStream out,
      PrintStream err)
      throws IOException {
    FileSystem fs = output.getFileSystem(new Configuration());
    Optional<StudyIdentity> read = StudyIdentity.read(fs, output);
    if (read.isEmpty()) {
      err.println(
          "rung: the output "
              + ConsoleText.of(output)
              + " holds no "
              + StudyIdentity.FILE
              + ": it is not a sweep's output");
      return INVALID;
    }
    StudyIdentity identity = read.get();
    int index = objective == null ? 0 : identity.metrics().indexOf(objective);
    if (index < 0) {
      err.println(
          "rung: --objective '"
              + ConsoleText.of(objective)
              + "' is not an objective of study '"
              + ConsoleText.of(identity.study())
              + "'; use one of "
              + ConsoleText.of(identity.metrics()));
      return INVALID;
    }
    List<FrozenTrial> trials = trials(fs, output);
    Direction direction = Direction.parse(identity.directions().get(index));
    long complete = trials.stream().filter(t -> t.state() == TrialState.COMPLETE).count();
    Map<String, Double> shares;
    try {
      int at = index;
      shares = evaluator.evaluate(trials, t -> t.values().get(at), direction);
    } catch (IllegalArgumentException e) {
      err.println(
          "rung: no importances for study '"
              + ConsoleText.of(identity.study())
              + "': "
              + ConsoleText.of(e.getMessage()));
      return NO_RESULT;
    }
    out.println(
        "rung: parameter importance in study '"
            + ConsoleText.of(identity.study())
            + "', objective "
            + ConsoleText.of(identity.metrics().get(index))
            + " ("
            + direction.name().toLowerCase(Locale.ROOT)
            + "), "
            + evaluatorName.toLowerCase(Locale.ROOT)
            + ", "
            + complete
            + " complete trials of "
            + trials.size());
    int width = shares.keySet().stream().mapToInt(String::length).max().orElse(0);
    for (Map.Entry<String, Double> e : shares.entrySet()) {
      int bar = (int) Math.round(e.getValue() * BAR);
      out.printf(
          Locale.ROOT,
          "  %-" + width + "s  %6.4f  %s%n",
          ConsoleText.of(e.getKey()),
          e.getValue(),
          "#".repeat(bar));
    }
    return 0;
  }

  /** The study's trials rebuilt from its tables. */
  private static List<FrozenTrial> trials(FileSystem fs, Path output) throws IOException {
    Map<String, Distribution> space = space(fs, output);
    if (!fs.exists(Tables.path(output, TableSchemas.TRIALS))) {
      throw new IllegalArgumentException("it has no " + TableSchemas.TRIALS + " table");
    }
    List<TrialRow> rows = Tables.readTrials(fs, output, ParamSchema.fromSearchSpace(space));
    List<IntermediateValueRow> values =
        fs.exists(Tables.path(output, TableSchemas.INTERMEDIATE_VALUES))
            ? Tables.readIntermediateValues(fs, output)
            : List.of();
    return ResumeLoader.trials(rows, values, space);
  }

  /** Every parameter name's distribution, from the sweep definition kept with the output. */
  private static Map<String, Distribution> space(FileSystem fs, Path output) throws IOException {
    Path file = new Path(output, "sweep.conf");
    if (!fs.exists(file)) {
      throw new IllegalArgumentException("it holds no sweep.conf, which gives the distributions");
    }
    try (Reader in = new InputStreamReader(fs.open(file), StandardCharsets.UTF_8)) {
      Config conf =
          ConfigFactory.parseReader(in, ConfigParseOptions.defaults().setSyntax(ConfigSyntax.CONF));
      return SweepConfigLoader.readSpace(conf).allNames();
    } catch (ConfigException | InvalidConfigException e) {
      throw new IllegalArgumentException("sweep.conf cannot be read: " + message(e), e);
    }
  }

  /** The first line of an error's message. */
  private static String message(Exception e) {
    String m = String.valueOf(e.getMessage());
    return ConsoleText.of(m.lines().findFirst().orElse(m));
  }
}
