package dev.rung.bench;

import java.io.File;

/** Files of the bench module, found from the working directory or {@code RUNG_HOME}. */
final class Paths {
  private Paths() {}

  static File benchFile(String relative) {
    String home = System.getenv().getOrDefault("RUNG_HOME", ".");
    File f = new File(new File(home, "bench"), relative);
    if (!f.isFile()) {
      throw new IllegalStateException(
          "bench file " + f + " not found: run from the project root or set RUNG_HOME");
    }
    return f;
  }
}
