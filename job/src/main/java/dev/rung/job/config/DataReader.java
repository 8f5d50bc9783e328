package dev.rung.job.config;

import java.util.List;
import java.util.regex.Pattern;

/**
 * Reads {@code rung.data}: a named dataset or the user's own files, their format, the splits, the
 * normalization and the image shape.
 */
final class DataReader {
  /** A table of the session catalog: name, or database.name (backquoted parts too). */
  private static final Pattern TABLE_NAME =
      Pattern.compile("(?:(?:\\w+|`[^`]+`)\\.)?(?:\\w+|`[^`]+`)");

  private DataReader() {}

  /** The data section under {@code p} ({@code rung.data.}); errors go to {@code r}. */
  static SweepConfig.Data read(ConfigReader r, String p, boolean trainer) {
    String format = r.oneOf(p + "format", "idx", "csv", "parquet", "none");
    if (format.equals("none")) {
      if (!trainer) {
        r.error(
            p + "format",
            "is none (no data), which only a trainer class that reads its own data can use:"
                + " set rung.model.trainer, or use idx, csv or parquet");
      }
      for (String key : List.of("table", "split-column")) {
        if (r.changed(p + key)) {
          r.error(
              p + key, "is " + r.shown(p + key) + ", but format is none (no data): remove " + key);
        }
      }
      return new SweepConfig.Data(
          format, "", "", "", "", "", "", "", "", "", "", "", "", 0.1, "none", 0, List.of(), "");
    }
    String dataset = r.string(p + "dataset");
    List<String> named = List.of("mnist", "fashion-mnist", "digits");
    if (!dataset.isEmpty() && !named.contains(dataset)) {
      String hint = DidYouMean.closest(dataset, named);
      r.error(
          p + "dataset",
          "is '"
              + dataset
              + "', expected one of "
              + named
              + " or \"\" for your own files"
              + (hint != null ? " (did you mean '" + hint + "'?)" : ""));
    }
    SweepConfig.Data d =
        new SweepConfig.Data(
            format,
            dataset,
            r.string(p + "dir"),
            r.string(p + "train-images"),
            r.string(p + "train-labels"),
            r.string(p + "test-images"),
            r.string(p + "test-labels"),
            r.string(p + "train"),
            r.string(p + "test"),
            r.string(p + "table").trim(),
            r.string(p + "label-column"),
            r.string(p + "features-column"),
            r.string(p + "split-column").trim(),
            r.number(p + "validation-fraction", 0.0, 0.9),
            r.oneOf(p + "normalize", "none", "scale", "standardize"),
            r.number(p + "test-fraction", 0.0, 0.9),
            r.integers(p + "image-shape"),
            "");
    if (!d.imageShape().isEmpty()
        && (d.imageShape().size() != 3 || d.imageShape().stream().anyMatch(n -> n < 1))) {
      r.error(
          p + "image-shape",
          "is "
              + d.imageShape()
              + ", expected [channels, height, width], each at least 1,"
              + " or [] for flat vectors");
    }
    if (List.of("mnist", "fashion-mnist").contains(dataset) && d.dir().isBlank()) {
      r.error(
          p + "dir",
          "is empty: give the folder that bin/fetch-data fetches " + dataset + " into, e.g. data");
    }
    if (d.validationFraction() <= 0 && !r.hasErrorUnder(p + "validation-fraction")) {
      r.error(
          p + "validation-fraction",
          "is "
              + d.validationFraction()
              + ", expected a share in (0, 0.9]: tuning needs a validation split");
    }
    if (dataset.isEmpty() && !r.hasErrorUnder(p + "format")) {
      if (format.equals("idx")) {
        requirePath(r, p + "train-images", d.trainImages(), "train-images and train-labels");
        requirePath(r, p + "train-labels", d.trainLabels(), "train-images and train-labels");
        if (!d.testImages().isBlank()) {
          requirePath(r, p + "test-labels", d.testLabels(), "test-labels with test-images");
        }
        if (!d.testLabels().isBlank()) {
          requirePath(r, p + "test-images", d.testImages(), "test-images with test-labels");
        }
      } else if (!d.hasTable()) {
        requirePath(
            r,
            p + "train",
            d.train(),
            "the train file or directory (and optionally test), or a catalog table (table)");
      }
    }
    checkTable(r, p, d);
    checkSplitColumn(r, p, d);
    return d;
  }

  /** A catalog table instead of a train file: Parquet, one's own data, not both. */
  private static void checkTable(ConfigReader r, String p, SweepConfig.Data d) {
    if (!d.hasTable()) {
      return;
    }
    String key = p + "table";
    String is = "is '" + d.table() + "'";
    if (!TABLE_NAME.matcher(d.table()).matches()) {
      r.error(key, is + ", expected a catalog table's name: name or database.name");
    } else if (!d.train().isBlank()) {
      r.error(
          key,
          is
              + " and "
              + p
              + "train is '"
              + d.train()
              + "': give the training data either as a file or directory (train) or as a"
              + " catalog table (table), not both");
    } else if (!d.dataset().isEmpty()) {
      r.error(
          key,
          is
              + ", but "
              + p
              + "dataset is '"
              + d.dataset()
              + "', which would be trained on instead: set dataset = \"\" to use the table");
    } else if (!d.format().equals("parquet") && !r.hasErrorUnder(p + "format")) {
      r.error(
          key,
          is
              + ", a catalog table, which is read as Parquet, but "
              + p
              + "format is "
              + d.format()
              + ": set format = parquet");
    }
  }

  /**
   * A split column replaces the random split: only Parquet data has one, and the fractions and a
   * test file it would make unused are refused.
   */
  private static void checkSplitColumn(ConfigReader r, String p, SweepConfig.Data d) {
    if (!d.hasSplitColumn()) {
      return;
    }
    String key = p + "split-column";
    String is = "is '" + d.splitColumn() + "'";
    String replaces =
        ", but "
            + p
            + "split-column '"
            + d.splitColumn()
            + "' says which rows are train, validation and test rows: ";
    if (!d.format().equals("parquet") || !d.dataset().isEmpty()) {
      r.error(
          key,
          is
              + ", but only your own Parquet data can have a split column (format = parquet,"
              + " dataset = \"\"); format is "
              + d.format()
              + (d.dataset().isEmpty() ? "" : " and dataset is '" + d.dataset() + "'"));
    } else if (d.splitColumn().equals(d.labelColumn())
        || d.splitColumn().equals(d.featuresColumn())) {
      r.error(
          key,
          is + ", which is also the label or the features column: it must be a column of its own");
    } else {
      for (String fraction : List.of("validation-fraction", "test-fraction")) {
        if (r.changed(p + fraction) && !r.hasErrorUnder(p + fraction)) {
          r.error(p + fraction, "is " + r.shown(p + fraction) + replaces + "remove " + fraction);
        }
      }
      if (!d.test().isBlank()) {
        r.error(
            p + "test",
            "is '" + d.test() + "'" + replaces + "remove test, or split-column to use a test file");
      }
    }
  }

  private static void requirePath(ConfigReader r, String key, String value, String needed) {
    if (value.isBlank()) {
      r.error(
          key,
          "is empty: with data.dataset = \"\" give "
              + needed
              + " (paths or URIs; without test files, test-fraction of the data is held out)");
    }
  }
}
