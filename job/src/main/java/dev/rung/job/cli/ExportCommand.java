package dev.rung.job.cli;

import dev.rung.job.ConsoleText;
import dev.rung.job.config.SweepConfig;
import dev.rung.job.config.SweepConfigLoader;
import dev.rung.job.driver.SegmentPlan;
import dev.rung.job.exec.TrainingSegmentRunner;
import dev.rung.job.results.StoredStudy;
import dev.rung.job.tables.TrialRow;
import dev.rung.study.TrialState;
import dev.rung.training.checkpoint.HadoopFiles;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * {@code rung export OUTPUT --trial N [--to DIR] [--conf FILE]}: evaluates COMPLETE trial N of a
 * sweep once on the test set and exports its model, as the sweep does for the trial its rule
 * selects, e.g. another member of a multi-objective study's Pareto front. The trial's last
 * checkpoint is read from the output; the model goes to DIR (default {@code <study>-trial-<N>}
 * here), never into the output, which belongs to the driver holding its lock. The data and the
 * trainer come from the sweep definition saved in the output ({@code sweep.conf}), or from FILE.
 */
public final class ExportCommand {
  private ExportCommand() {}

  static final String USAGE =
      "usage: rung export OUTPUT --trial N [--to DIR] [--conf FILE]  (DIR: where the model goes,"
          + " default <study>-trial-<N> here; FILE: the sweep definition, default"
          + " OUTPUT/sweep.conf)";

  /** Runs the command; returns its exit code. */
  public static int run(List<String> args, PrintStream out, PrintStream err) throws IOException {
    String output = null;
    String to = null;
    String conf = null;
    Integer trial = null;
    for (int i = 0; i < args.size(); i++) {
      String a = args.get(i);
      if (a.equals("--trial") || a.equals("--to") || a.equals("--conf")) {
        if (i + 1 >= args.size()) {
          err.println("rung export: " + a + " needs a value\n" + USAGE);
          return Main.INVALID;
        }
        String v = args.get(++i);
        if (a.equals("--trial")) {
          try {
            trial = Integer.parseInt(v);
          } catch (NumberFormatException e) {
            trial = -1;
          }
          if (trial < 0) {
            err.println(
                "rung export: --trial is '" + ConsoleText.of(v) + "', expected a trial number");
            return Main.INVALID;
          }
        } else if (a.equals("--to")) {
          to = v;
        } else {
          conf = v;
        }
      } else if (a.startsWith("-") && a.length() > 1) {
        err.println("rung export: unknown option '" + ConsoleText.of(a) + "'\n" + USAGE);
        return Main.INVALID;
      } else if (output == null) {
        output = a;
      } else {
        err.println(
            "rung export: one output expected, got also '" + ConsoleText.of(a) + "'\n" + USAGE);
        return Main.INVALID;
      }
    }
    if (output == null || trial == null) {
      err.println(USAGE);
      return Main.INVALID;
    }
    StoredStudy study = OutputOptions.study(output);
    // The run's own directory, when OUTPUT is the output root holding it.
    Path location = study.output();
    FileSystem fs = location.getFileSystem(new Configuration());
    int number = trial;
    Optional<TrialRow> row = study.trials().stream().filter(r -> r.number() == number).findFirst();
    if (row.isEmpty() || row.get().state() != TrialState.COMPLETE) {
      List<Integer> complete = new ArrayList<>();
      study.trials().stream()
          .filter(r -> r.state() == TrialState.COMPLETE)
          .forEach(r -> complete.add(r.number()));
      err.println(
          "rung export: --trial "
              + number
              + (row.isEmpty()
                  ? " is not a trial of this study"
                  : " is " + row.get().state() + ", and only a COMPLETE trial has a full model")
              + "; COMPLETE trials: "
              + complete);
      return Main.INVALID;
    }
    File definition;
    if (conf != null) {
      definition = new File(conf);
    } else {
      // The definition the sweep saved in its output, on whatever file system that is.
      definition = File.createTempFile("rung-export-", ".conf");
      definition.deleteOnExit();
      try (InputStream in = fs.open(new Path(location, "sweep.conf"))) {
        Files.copy(in, definition.toPath(), StandardCopyOption.REPLACE_EXISTING);
      } catch (IOException e) {
        err.println(
            "rung export: OUTPUT holds no readable sweep.conf ("
                + ConsoleText.of(e.getMessage())
                + "): give the sweep definition with --conf FILE");
        return Main.INVALID;
      }
      if (Files.readString(definition.toPath()).contains("\nrung budget {")) {
        err.println(
            "rung export: OUTPUT/sweep.conf was saved by an earlier version in a form that cannot"
                + " be read back as a definition (only its first block is inside rung { }): give"
                + " the sweep definition with --conf FILE");
        return Main.INVALID;
      }
    }
    SweepConfig c =
        SweepConfigLoader.load(definition, List.of("output=" + location))
            .withLocations(l -> SweepCommand.qualified(l, new Configuration()));
    if (!c.studyName().equals(study.identity().study())) {
      err.println(
          "rung export: "
              + ConsoleText.of(definition.toString())
              + " defines study '"
              + ConsoleText.of(c.studyName())
              + "', but OUTPUT holds study '"
              + ConsoleText.of(study.identity().study())
              + "'");
      return Main.INVALID;
    }
    String checkpoint =
        new SegmentPlan(c.output(), c.studyName()).checkpoint(number, c.pruner().maxResource());
    if (!HadoopFiles.exists(checkpoint)) {
      err.println(
          "rung export: trial "
              + number
              + " has no checkpoint at "
              + ConsoleText.of(checkpoint)
              + ": it was deleted, or the output was copied without its checkpoints");
      return Main.INVALID;
    }
    TrialRow r = row.get();
    Map<String, Double> tuning = new LinkedHashMap<>();
    for (int i = 0; i < c.metrics().size() && i < r.values().size(); i++) {
      tuning.put(c.metrics().get(i), r.values().get(i));
    }
    String dir = to != null ? to : c.studyName() + "-trial-" + number;
    Map<String, Double> metrics =
        TrainingSegmentRunner.of(c)
            .testAndExport(
                new LinkedHashMap<>(r.params()),
                checkpoint,
                tuning,
                SweepCommand.qualified(dir, new Configuration()),
                r.seed(),
                number);
    StringBuilder shown = new StringBuilder();
    metrics.forEach(
        (k, v) ->
            shown
                .append(shown.length() == 0 ? "" : ", ")
                .append(ConsoleText.of(k))
                .append(String.format(Locale.ROOT, " %.5g", v)));
    out.println("[rung] trial " + number + " exported to " + ConsoleText.of(dir) + ": " + shown);
    return 0;
  }
}
