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

  /** The data section; errors go to {@code r}. */
  static SweepConfig.Data read(ConfigReader r, boolean trainer) {
    String format = r.get(Settings.DATA_FORMAT);
    if (format.equals("none")) {
      if (!trainer) {
        r.error(
            Settings.DATA_FORMAT,
            "is none (no data), which only a trainer class that reads its own data can use:"
                + " set "
                + Settings.TRAINER.key()
                + ", or use idx, csv or parquet");
      }
      for (Setting<String> s : List.of(Settings.TABLE, Settings.SPLIT_COLUMN)) {
        if (r.changed(s)) {
          r.error(s, "is " + r.shown(s) + ", but format is none (no data): remove " + s.name());
        }
      }
      return new SweepConfig.Data(
          format, "", "", "", "", "", "", "", "", "", "", "", "", 0.1, "none", 0, List.of(), "");
    }
    String dataset = r.get(Settings.DATASET);
    SweepConfig.Data d =
        new SweepConfig.Data(
            format,
            dataset,
            r.get(Settings.DATA_DIR),
            r.get(Settings.TRAIN_IMAGES),
            r.get(Settings.TRAIN_LABELS),
            r.get(Settings.TEST_IMAGES),
            r.get(Settings.TEST_LABELS),
            r.get(Settings.TRAIN),
            r.get(Settings.TEST),
            r.get(Settings.TABLE).trim(),
            r.get(Settings.LABEL_COLUMN),
            r.get(Settings.FEATURES_COLUMN),
            r.get(Settings.SPLIT_COLUMN).trim(),
            r.get(Settings.VALIDATION_FRACTION),
            r.get(Settings.NORMALIZE),
            r.get(Settings.TEST_FRACTION),
            r.get(Settings.IMAGE_SHAPE),
            "");
    if (!d.imageShape().isEmpty()
        && (d.imageShape().size() != 3 || d.imageShape().stream().anyMatch(n -> n < 1))) {
      r.error(
          Settings.IMAGE_SHAPE,
          "is "
              + d.imageShape()
              + ", expected [channels, height, width], each at least 1,"
              + " or [] for flat vectors");
    }
    if (List.of("mnist", "fashion-mnist").contains(dataset) && d.dir().isBlank()) {
      r.error(
          Settings.DATA_DIR,
          "is empty: give the folder that bin/fetch-data fetches " + dataset + " into, e.g. data");
    }
    if (d.validationFraction() <= 0 && !r.hasError(Settings.VALIDATION_FRACTION)) {
      r.error(
          Settings.VALIDATION_FRACTION,
          "is "
              + d.validationFraction()
              + ", expected a share in (0, 0.9]: tuning needs a validation split");
    }
    if (dataset.isEmpty() && !r.hasError(Settings.DATA_FORMAT)) {
      if (format.equals("idx")) {
        String images = Settings.TRAIN_IMAGES.name() + " and " + Settings.TRAIN_LABELS.name();
        requirePath(r, Settings.TRAIN_IMAGES, d.trainImages(), images);
        requirePath(r, Settings.TRAIN_LABELS, d.trainLabels(), images);
        if (!d.testImages().isBlank()) {
          requirePath(r, Settings.TEST_LABELS, d.testLabels(), "test-labels with test-images");
        }
        if (!d.testLabels().isBlank()) {
          requirePath(r, Settings.TEST_IMAGES, d.testImages(), "test-images with test-labels");
        }
      } else if (!d.hasTable()) {
        requirePath(
            r,
            Settings.TRAIN,
            d.train(),
            "the train file or directory (and optionally test), or a catalog table (table)");
      }
    }
    checkTable(r, d);
    checkSplitColumn(r, d);
    return d;
  }

  /** A catalog table instead of a train file: Parquet, one's own data, not both. */
  private static void checkTable(ConfigReader r, SweepConfig.Data d) {
    if (!d.hasTable()) {
      return;
    }
    Setting<?> key = Settings.TABLE;
    String is = "is '" + d.table() + "'";
    if (!TABLE_NAME.matcher(d.table()).matches()) {
      r.error(key, is + ", expected a catalog table's name: name or database.name");
    } else if (!d.train().isBlank()) {
      r.error(
          key,
          is
              + " and "
              + Settings.TRAIN.key()
              + " is '"
              + d.train()
              + "': give the training data either as a file or directory (train) or as a"
              + " catalog table (table), not both");
    } else if (!d.dataset().isEmpty()) {
      r.error(
          key,
          is
              + ", but "
              + Settings.DATASET.key()
              + " is '"
              + d.dataset()
              + "', which would be trained on instead: set dataset = \"\" to use the table");
    } else if (!d.format().equals("parquet") && !r.hasError(Settings.DATA_FORMAT)) {
      r.error(
          key,
          is
              + ", a catalog table, which is read as Parquet, but "
              + Settings.DATA_FORMAT.key()
              + " is "
              + d.format()
              + ": set format = parquet");
    }
  }

  /**
   * A split column replaces the random split: only Parquet data has one, and the fractions and a
   * test file it would make unused are refused.
   */
  private static void checkSplitColumn(ConfigReader r, SweepConfig.Data d) {
    if (!d.hasSplitColumn()) {
      return;
    }
    Setting<?> key = Settings.SPLIT_COLUMN;
    String is = "is '" + d.splitColumn() + "'";
    String replaces =
        ", but "
            + Settings.SPLIT_COLUMN.key()
            + " '"
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
      for (Setting<Double> fraction :
          List.of(Settings.VALIDATION_FRACTION, Settings.TEST_FRACTION)) {
        if (r.changed(fraction) && !r.hasError(fraction)) {
          r.error(fraction, "is " + r.shown(fraction) + replaces + "remove " + fraction.name());
        }
      }
      if (!d.test().isBlank()) {
        r.error(
            Settings.TEST,
            "is '" + d.test() + "'" + replaces + "remove test, or split-column to use a test file");
      }
    }
  }

  private static void requirePath(
      ConfigReader r, Setting<String> key, String value, String needed) {
    if (value.isBlank()) {
      r.error(
          key,
          "is empty: with "
              + Settings.DATASET.path()
              + " = \"\" give "
              + needed
              + " (paths or URIs; without test files, test-fraction of the data is held out)");
    }
  }
}
