package dev.rung.job.config;

import java.util.List;

/**
 * Reads {@code rung.data}: a named dataset or the user's own files, their format, the splits, the
 * normalization and the image shape.
 */
final class DataReader {
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
      return new SweepConfig.Data(
          format, "", "", "", "", "", "", "", "", "", "", 0.1, "none", 0, List.of());
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
            r.string(p + "label-column"),
            r.string(p + "features-column"),
            r.number(p + "validation-fraction", 0.0, 0.9),
            r.oneOf(p + "normalize", "none", "scale", "standardize"),
            r.number(p + "test-fraction", 0.0, 0.9),
            r.integers(p + "image-shape"));
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
      } else {
        requirePath(r, p + "train", d.train(), "the train (and optionally test) file");
      }
    }
    return d;
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
