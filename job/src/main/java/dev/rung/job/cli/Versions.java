package dev.rung.job.cli;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/**
 * The version of Rung that is running, recorded with every trial, and the versions of Spark and
 * Deeplearning4j it was built with (from {@code rung-version.properties}, filled in by the build).
 */
final class Versions {
  private Versions() {}

  static String code() {
    return built().getProperty("version", "unknown");
  }

  /** The lines {@code rung --version} prints. */
  static String[] describe() {
    Properties p = built();
    return new String[] {
      "rung " + p.getProperty("version", "unknown"),
      "built with Spark "
          + p.getProperty("spark.version", "unknown")
          + " and Deeplearning4j "
          + p.getProperty("dl4j.version", "unknown")
          + "; running on Java "
          + System.getProperty("java.version")
    };
  }

  private static Properties built() {
    Properties p = new Properties();
    try (InputStream in = Versions.class.getResourceAsStream("/rung-version.properties")) {
      if (in != null) {
        p.load(in);
      }
    } catch (IOException e) {
      // the versions then read "unknown"
    }
    return p;
  }
}
