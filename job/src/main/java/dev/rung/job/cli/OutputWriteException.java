package dev.rung.job.cli;

import dev.rung.job.ConsoleText;
import java.io.UncheckedIOException;
import org.apache.hadoop.fs.Path;

/**
 * The driver could not write its output (no space left, permissions changed, the file system went
 * away): it stops, and what was recorded before stays as it was.
 */
final class OutputWriteException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  OutputWriteException(Path output, UncheckedIOException e) {
    super(
        "cannot write to the output "
            + output
            + ": "
            + ConsoleText.of(e.getMessage())
            + (e.getCause() == null || e.getCause().getMessage() == null
                ? ""
                : " (" + ConsoleText.of(firstLine(e.getCause().getMessage())) + ")")
            + ". The sweep stopped; everything recorded before is intact. Make the output"
            + " writable again (space, permissions) and run the same command to continue.");
  }

  private static String firstLine(String s) {
    int nl = s.indexOf('\n');
    return nl < 0 ? s : s.substring(0, nl);
  }
}
