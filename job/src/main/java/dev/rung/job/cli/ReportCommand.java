package dev.rung.job.cli;

import dev.rung.job.ConsoleText;
import dev.rung.job.report.Report;
import dev.rung.job.report.ReportImportances;
import dev.rung.job.results.StoredStudy;
import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocalFileSystem;
import org.apache.hadoop.fs.Path;

/**
 * {@code rung report OUTPUT [--out FILE]}: writes the report of the study under OUTPUT to a local
 * HTML file (default: {@code <study>-report.html} in the working directory). It never writes into
 * the output, which belongs to the driver holding its lock; a sweep keeps its own {@code
 * report.html} there.
 */
public final class ReportCommand {
  private ReportCommand() {}

  static final String USAGE =
      "usage: rung report OUTPUT [--out FILE]  (FILE: the HTML file to write; default"
          + " <study>-report.html here)";

  /** Runs the command; returns its exit code. */
  public static int run(List<String> args, PrintStream out, PrintStream err) throws IOException {
    String output = null;
    String file = null;
    for (int i = 0; i < args.size(); i++) {
      String a = args.get(i);
      if (a.equals("--out") || a.equals("-o")) {
        if (i + 1 >= args.size()) {
          err.println("rung report: " + a + " needs a file name\n" + USAGE);
          return Main.INVALID;
        }
        file = args.get(++i);
      } else if (a.startsWith("--out=")) {
        file = a.substring("--out=".length());
      } else if (a.startsWith("-") && a.length() > 1) {
        err.println("rung report: unknown option '" + ConsoleText.of(a) + "'\n" + USAGE);
        return Main.INVALID;
      } else if (output == null) {
        output = a;
      } else {
        err.println(
            "rung report: one output expected, got also '" + ConsoleText.of(a) + "'\n" + USAGE);
        return Main.INVALID;
      }
    }
    if (output == null) {
      err.println(USAGE);
      return Main.INVALID;
    }
    StoredStudy study = OutputOptions.study(output);
    File target =
        new File(file != null ? file : safeName(study.identity().study()) + "-report.html");
    File dir = target.getAbsoluteFile().getParentFile();
    if (dir == null || !dir.isDirectory()) {
      err.println(
          "rung report: the directory of " + ConsoleText.of(target.getPath()) + " does not exist");
      return Main.INVALID;
    }
    if (target.isDirectory()) {
      err.println(
          "rung report: " + ConsoleText.of(target.getPath()) + " is a directory; give a file");
      return Main.INVALID;
    }
    LocalFileSystem local = FileSystem.getLocal(new Configuration());
    Report.write(
        local.getRawFileSystem(),
        study,
        ReportImportances.FOR_REPORT,
        false,
        new Path(target.getAbsoluteFile().toURI()));
    out.println(
        "rung: wrote the report of study '"
            + ConsoleText.of(study.identity().study())
            + "' ("
            + study.trials().size()
            + " trials) to "
            + ConsoleText.of(target.getPath())
            + "; open it in a browser (it works offline)");
    return 0;
  }

  /** A study name as a file name: letters, digits, '.', '_' and '-' kept, the rest '_'. */
  static String safeName(String study) {
    String s = study.replaceAll("[^A-Za-z0-9._-]", "_");
    return s.isEmpty() || s.startsWith(".") ? "study" + s : s;
  }
}
