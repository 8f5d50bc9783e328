package dev.rung.job;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** Where a sweep's run keeps its files under the output root the test gave it. */
public final class RunDirs {
  private RunDirs() {}

  /**
   * The directory of the only run under the output root {@code root}, {@code
   * root/study=<name>/run=<id>}.
   *
   * @throws AssertionError when the root holds no run or several
   */
  public static Path only(Path root) {
    List<Path> runs = all(root);
    if (runs.size() != 1) {
      throw new AssertionError("expected one run under " + root + ", found " + runs);
    }
    return runs.get(0);
  }

  /** The directory of {@code study}'s run {@code run} under the output root {@code root}. */
  public static Path of(Path root, String study, String run) {
    return root.resolve("study=" + study).resolve("run=" + run);
  }

  /**
   * Every run directory under the output root {@code root} that holds a study ({@code study.json};
   * a sweep refused before it started leaves at most its lock there), sorted by path.
   */
  public static List<Path> all(Path root) {
    List<Path> runs = new ArrayList<>();
    if (!Files.isDirectory(root)) {
      return runs;
    }
    try (Stream<Path> studies = Files.list(root)) {
      for (Path s : studies.filter(p -> named(p, "study=")).sorted().toList()) {
        try (Stream<Path> r = Files.list(s)) {
          r.filter(p -> named(p, "run=") && Files.exists(p.resolve("study.json")))
              .sorted()
              .forEach(runs::add);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return runs;
  }

  /** The directory of {@code table} for the run in {@code runDir}: its partition under the root. */
  public static Path table(Path runDir, String table) {
    return runDir
        .getParent()
        .getParent()
        .resolve(table)
        .resolve(runDir.getParent().getFileName())
        .resolve(runDir.getFileName());
  }

  private static boolean named(Path p, String prefix) {
    return Files.isDirectory(p) && p.getFileName().toString().startsWith(prefix);
  }
}
