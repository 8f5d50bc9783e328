package dev.rung.job.cli;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** The version of Rung that is running, recorded with every trial. */
final class Versions {
  private Versions() {}

  static String code() {
    try (InputStream in = Versions.class.getResourceAsStream("/rung-version.properties")) {
      if (in == null) {
        return "unknown";
      }
      Properties p = new Properties();
      p.load(in);
      return p.getProperty("version", "unknown");
    } catch (IOException e) {
      return "unknown";
    }
  }
}
