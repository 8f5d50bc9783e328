package dev.rung.job.tables;

import java.io.IOException;
import org.apache.hadoop.fs.Path;

/**
 * A file under an output location that cannot be read as what Rung wrote there: not Parquet, cut
 * short, or holding rows that break the table's rules.
 */
public final class DamagedFileException extends IOException {
  private static final long serialVersionUID = 1L;
  private final String file;

  DamagedFileException(Path file, String what, Throwable cause) {
    super(file + ": " + what, cause);
    this.file = file.toString();
  }

  /** The damaged file. */
  public String file() {
    return file;
  }

  /** The first line of the underlying problem, for messages. */
  static String firstLine(Throwable e) {
    String m = e.getMessage();
    if (m == null || m.isBlank()) {
      return e.getClass().getSimpleName();
    }
    int nl = m.indexOf('\n');
    return nl < 0 ? m : m.substring(0, nl);
  }
}
