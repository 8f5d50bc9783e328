package dev.rung.job.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The reference file in the sources is the one {@link Settings} writes. With {@code
 * -Drung.regenerate=true} the test writes it first.
 */
class ReferenceConfTest {
  /** The command, from the repository's root, that writes the reference file anew. */
  static final String REGENERATE =
      "mvn -pl job -am test -Dtest=ReferenceConfTest -Dsurefire.failIfNoSpecifiedTests=false"
          + " -Drung.regenerate=true";

  /** The file, from the job module's folder (where the tests run). */
  private static final Path FILE = Path.of("src/main/resources/rung-reference.conf");

  @Test
  void theFileInTheSourcesIsTheOneTheDeclarationsWrite() throws IOException {
    String written = ReferenceConf.text();
    if (Boolean.getBoolean("rung.regenerate")) {
      Files.writeString(FILE, written, StandardCharsets.UTF_8);
    }
    List<String> expected = written.lines().toList();
    List<String> actual = Files.readString(FILE, StandardCharsets.UTF_8).lines().toList();
    for (int i = 0; i < Math.max(expected.size(), actual.size()); i++) {
      String e = i < expected.size() ? expected.get(i) : "(end of file)";
      String a = i < actual.size() ? actual.get(i) : "(end of file)";
      if (!e.equals(a)) {
        fail(
            ReferenceConf.SOURCE
                + " is not what the declarations in Settings write: line "
                + (i + 1)
                + " is\n  "
                + a
                + "\nwhere they write\n  "
                + e
                + "\nWrite it anew from the repository's root with\n  "
                + REGENERATE);
      }
    }
    assertEquals(written, Files.readString(FILE, StandardCharsets.UTF_8), REGENERATE);
  }
}
