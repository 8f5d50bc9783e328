package dev.rung.job.optuna;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * Optuna itself, run by the tests to open a journal: {@code load_study.py} (a test resource) loads
 * the study, prints what Optuna sees as JSON, and continues a copy with two TPE trials.
 */
public final class OptunaPython {
  /** Optuna's Python; Debian's python3-optuna installs it for /usr/bin/python3. */
  private static final String PYTHON = System.getProperty("rung.test.python", "/usr/bin/python3");

  /** Reads what the script prints (Python's json writes NaN as a bare token). */
  public static final JsonMapper JSON =
      JsonMapper.builder().enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS).build();

  private OptunaPython() {}

  /** What Optuna reads from {@code journal}: the JSON load_study.py prints. */
  public static JsonNode load(Path journal, String study) throws Exception {
    if (!Files.isExecutable(Path.of(PYTHON))) {
      fail(
          PYTHON
              + " is missing: this test opens the export with Optuna; install python3-optuna"
              + " (apt-get install python3-optuna), or give -Drung.test.python=/path/to/python3");
    }
    Path script = journal.resolveSibling("load_study.py");
    try (InputStream in = OptunaPython.class.getResourceAsStream("/optuna/load_study.py")) {
      Files.write(script, in.readAllBytes());
    }
    Path stdout = journal.resolveSibling("optuna.out");
    Path stderr = journal.resolveSibling("optuna.err");
    Process p =
        new ProcessBuilder(PYTHON, script.toString(), journal.toString(), study)
            .redirectOutput(stdout.toFile())
            .redirectError(stderr.toFile())
            .start();
    if (!p.waitFor(5, TimeUnit.MINUTES)) {
      p.destroyForcibly();
      fail("Optuna did not open the journal within 5 minutes");
    }
    String err = Files.readString(stderr);
    if (err.contains("No module named 'optuna'")) {
      fail(
          PYTHON
              + " has no optuna module: this test opens the export with Optuna; install"
              + " python3-optuna (apt-get install python3-optuna)");
    }
    assertEquals(0, p.exitValue(), "Optuna could not load the study: " + err);
    return JSON.readTree(Files.readString(stdout));
  }
}
