package dev.rung.job.cli;

import dev.rung.importance.FanovaEvaluator;
import dev.rung.importance.ImportanceEvaluator;
import dev.rung.importance.PedAnovaEvaluator;
import dev.rung.job.ConsoleText;
import dev.rung.job.results.StoredStudy;
import dev.rung.job.tables.StudyIdentity;
import dev.rung.study.Direction;
import dev.rung.study.FrozenTrial;
import dev.rung.study.TrialState;
import java.io.IOException;
import java.io.PrintStream;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
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
    } catch (IOException e) {
      err.println(
          "rung: the output "
              + ConsoleText.of(output)
              + " cannot be read: "
              + ConsoleText.of(String.valueOf(e.getMessage())));
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
    StoredStudy study;
    List<FrozenTrial> trials;
    try {
      study = StoredStudy.read(output.getFileSystem(new Configuration()), output);
      trials = study.frozenTrials();
    } catch (StoredStudy.UnreadableException e) {
      err.println("rung: " + ConsoleText.lines(e.getMessage()));
      return INVALID;
    }
    StudyIdentity identity = study.identity();
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
    Direction direction = study.directions().get(index);
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
}
