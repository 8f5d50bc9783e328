package dev.rung.job.cli;

import dev.rung.job.ConsoleText;
import dev.rung.job.optuna.OptunaExport;
import java.time.ZoneId;
import java.util.concurrent.Callable;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/**
 * {@code rung export-optuna OUTPUT FILE}: writes the study of an output as a new Optuna journal
 * file (see {@link OptunaExport}), with times in this machine's time zone, as Optuna writes them.
 */
@Command(
    name = "export-optuna",
    mixinStandardHelpOptions = true,
    versionProvider = Main.Version.class,
    description =
        "Writes the study of a sweep's output as a new Optuna journal file, for"
            + " optuna.load_study and optuna-dashboard.",
    footer = Main.SEE_EXIT_CODES)
final class ExportOptunaCommand implements Callable<Integer> {
  private final Streams io;

  @Mixin private OutputOptions.Output output;

  @Parameters(
      index = "1",
      paramLabel = "FILE",
      description = "the journal file to write; it must not exist")
  private String file;

  ExportOptunaCommand(Streams io) {
    this.io = io;
  }

  @Override
  public Integer call() throws Exception {
    Path out = new Path(output.location);
    OptunaExport.Exported done =
        OptunaExport.export(
            out.getFileSystem(new Configuration()),
            out,
            java.nio.file.Path.of(file),
            ZoneId.systemDefault());
    io.out()
        .println(
            "rung: wrote study '"
                + ConsoleText.of(done.study())
                + "' ("
                + done.trials()
                + " trials) to "
                + ConsoleText.of(file)
                + "; open it with optuna.load_study(study_name=..., storage=optuna.storages"
                + ".JournalStorage(optuna.storages.JournalFileStorage(FILE)))");
    return 0;
  }
}
