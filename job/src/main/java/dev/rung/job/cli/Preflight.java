package dev.rung.job.cli;

import dev.rung.job.config.ConfigError;
import dev.rung.job.config.InvalidConfigException;
import dev.rung.job.config.Settings;
import dev.rung.job.config.SweepConfig;
import dev.rung.job.exec.DataSpecs;
import dev.rung.training.data.DataCache;
import dev.rung.training.data.DataSpec;
import dev.rung.training.device.Backend;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * Checks what a sweep needs before any Spark work starts: the data can be read (every file, every
 * row, every label) and the output location can be written. (The trainer class, if any, was checked
 * with the rest of the definition.) All problems are reported at once.
 */
final class Preflight {
  private Preflight() {}

  /**
   * Checks the data and the output, reporting every problem at once.
   *
   * @throws InvalidConfigException listing the problems
   * @throws dev.rung.training.device.BackendUnavailableException when the driver needs ND4J's
   *     backend and it cannot load here (a CUDA build on a machine without CUDA), before anything
   *     else is checked
   */
  static void check(SweepConfig c) {
    checkBackend(c);
    List<ConfigError> errors = new ArrayList<>();
    checkData(c, errors);
    checkOutput(c, errors);
    if (!errors.isEmpty()) {
      throw new InvalidConfigException(errors);
    }
  }

  /**
   * Loads ND4J's backend when the driver will use it (to read the data, or for the built-in
   * networks): the CUDA build fails here, saying what the machine lacks, on a driver without CUDA.
   */
  private static void checkBackend(SweepConfig c) {
    if (!(c.data().format().equals("none") && c.model().hasTrainer())) {
      Backend.ensureLoaded();
    }
  }

  private static void checkData(SweepConfig c, List<ConfigError> errors) {
    if (c.data().format().equals("none")) {
      return; // the trainer reads its own data
    }
    DataSpec spec;
    try {
      spec = DataSpecs.of(c.data());
    } catch (IllegalArgumentException e) {
      errors.add(new ConfigError(Settings.DATA.key(), null, e.getMessage()));
      return;
    }
    try {
      // Reads and validates the whole data set; in local mode the executors reuse it.
      DataCache.get(spec);
    } catch (RuntimeException e) {
      String hint =
          c.data().dataset().isEmpty() || c.data().dataset().equals("digits")
              ? ""
              : " (bin/fetch-data "
                  + c.data().dataset()
                  + " "
                  + c.data().dir().replaceFirst("^file:", "")
                  + " fetches it)";
      if (c.data().hasTable()) {
        errors.add(
            new ConfigError(
                Settings.TABLE.key(),
                null,
                "table '"
                    + c.data().table()
                    + "' (found at "
                    + c.data().tableLocation()
                    + "): "
                    + e.getMessage()));
        return;
      }
      errors.add(new ConfigError(Settings.DATA.key(), null, e.getMessage() + hint));
    }
  }

  /**
   * Checks only that the output location can be written, for {@code bin/rung}'s validation step,
   * which runs before a named dataset is fetched.
   */
  static void checkOutput(SweepConfig c) {
    List<ConfigError> errors = new ArrayList<>();
    checkOutput(c, errors);
    if (!errors.isEmpty()) {
      throw new InvalidConfigException(errors);
    }
  }

  /** The output is created if missing, and a file is written in it and deleted. */
  private static void checkOutput(SweepConfig c, List<ConfigError> errors) {
    String where = "'" + c.output() + "'";
    Path out;
    try {
      out = new Path(c.output());
    } catch (IllegalArgumentException e) {
      errors.add(
          new ConfigError(
              Settings.OUTPUT.key(),
              null,
              "is "
                  + where
                  + ", which is not a path or URI ("
                  + (e.getCause() != null ? e.getCause().getMessage() : e.getMessage())
                  + "): give a directory such as /data/sweeps/mnist or hdfs:///sweeps/mnist"));
      return;
    }
    try {
      FileSystem fs = out.getFileSystem(new Configuration());
      for (Path p = fs.makeQualified(out); p != null; p = p.getParent()) {
        if (fs.exists(p) && !fs.getFileStatus(p).isDirectory()) {
          errors.add(
              new ConfigError(
                  Settings.OUTPUT.key(),
                  null,
                  where + " cannot be written: '" + p + "' is a file, not a directory"));
          return;
        }
      }
      if (!fs.mkdirs(out)) {
        throw new IOException("the directory cannot be created there");
      }
      Path probe = new Path(out, ".rung-write-probe");
      fs.create(probe, true).close();
      fs.delete(probe, false);
    } catch (IOException | RuntimeException e) {
      errors.add(
          new ConfigError(
              Settings.OUTPUT.key(), null, where + " cannot be written: " + e.getMessage()));
    }
  }
}
