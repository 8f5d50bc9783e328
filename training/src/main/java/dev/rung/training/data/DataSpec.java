package dev.rung.training.data;

import java.util.Locale;

/**
 * Which data to load and how to prepare it: the files, their format, the validation (and, without a
 * test file, test) split, and the normalization. Equal specs describe the same prepared data, so a
 * spec is the key of {@link DataCache}.
 *
 * @param format the file format
 * @param train the training examples (IDX: the image file)
 * @param trainLabels IDX only: the training label file
 * @param test the test examples, or null to hold out {@code testFraction} of {@code train}
 * @param testLabels IDX only: the test label file
 * @param csv CSV reading options
 * @param parquet Parquet reading options
 * @param imageShape the example shape to impose (e.g. {@code 1x8x8} for the digits CSV), or null
 * @param validationFraction the part of the training file held out for validation, in (0, 1); 0
 *     with a split column
 * @param testFraction without a test file, the part held out for the final test, in [0, 1); 0 with
 *     a split column
 * @param splitSeed the seed of the (stratified) split
 * @param normalization how features are rescaled, fitted on the training part
 */
public record DataSpec(
    Format format,
    String train,
    String trainLabels,
    String test,
    String testLabels,
    CsvReader.Options csv,
    ParquetReader.Options parquet,
    InputShape imageShape,
    double validationFraction,
    double testFraction,
    long splitSeed,
    Normalization normalization) {

  /** The file formats. */
  public enum Format {
    IDX,
    CSV,
    PARQUET;

    public static Format parse(String name) {
      try {
        return valueOf(name.trim().toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(
            "data format '" + name + "' is not known; allowed: [idx, csv, parquet]");
      }
    }
  }

  /** The classpath location of the bundled UCI digits CSV. */
  public static final String DIGITS_RESOURCE =
      DataFiles.CLASSPATH + "dev/rung/training/datasets/digits.csv.gz";

  public DataSpec {
    if (format == null || train == null || train.isBlank()) {
      throw new IllegalArgumentException("a data spec needs a format and a training file");
    }
    if (format == Format.IDX && (trainLabels == null || (test != null && testLabels == null))) {
      throw new IllegalArgumentException(
          "IDX data needs a label file for each example file (train_labels, test_labels)");
    }
    String splitColumn = parquet == null ? null : parquet.splitColumn();
    if (splitColumn != null) {
      checkSplitColumn(format, splitColumn, test, validationFraction, testFraction);
    } else {
      checkFractions(test, validationFraction, testFraction);
    }
    csv = csv == null ? CsvReader.Options.DEFAULT : csv;
    parquet = parquet == null ? ParquetReader.Options.DEFAULT : parquet;
    normalization = normalization == null ? Normalization.NONE : normalization;
  }

  private static void checkFractions(String test, double validationFraction, double testFraction) {
    if (!(validationFraction > 0 && validationFraction < 1)) {
      throw new IllegalArgumentException(
          "validation_fraction " + validationFraction + " is not allowed: must be in (0, 1)");
    }
    if (!(testFraction >= 0 && testFraction < 1) || validationFraction + testFraction >= 1) {
      throw new IllegalArgumentException(
          "test_fraction "
              + testFraction
              + " is not allowed: must be in [0, 1) and leave training examples after validation_fraction "
              + validationFraction);
    }
    if (test != null && testFraction > 0) {
      throw new IllegalArgumentException(
          "test_fraction " + testFraction + " is not used when a test file is given; set it to 0");
    }
  }

  /** With a split column the rows say their part: no fractions, no test file. */
  private static void checkSplitColumn(
      Format format,
      String splitColumn,
      String test,
      double validationFraction,
      double testFraction) {
    String with = "with split column '" + splitColumn + "', ";
    if (format != Format.PARQUET) {
      throw new IllegalArgumentException(with + "the data must be Parquet, not " + format);
    }
    if (validationFraction != 0 || testFraction != 0) {
      throw new IllegalArgumentException(
          with
              + "validation_fraction ("
              + validationFraction
              + ") and test_fraction ("
              + testFraction
              + ") must be 0: the column says which rows are for validation and test");
    }
    if (test != null) {
      throw new IllegalArgumentException(
          with
              + "a test file ("
              + test
              + ") is not used: the column says which rows are test rows");
    }
  }

  /** The bundled UCI digits (1,797 8x8 images): 20% validation, 20% test, scaled to 0..1. */
  public static DataSpec digits() {
    return new DataSpec(
        Format.CSV,
        DIGITS_RESOURCE,
        null,
        null,
        null,
        CsvReader.Options.DEFAULT,
        null,
        InputShape.image(1, 8, 8),
        0.2,
        0.2,
        42,
        Normalization.SCALE);
  }

  /**
   * MNIST as {@code bin/fetch-data mnist} leaves it in {@code dir}: the 60,000 training images with
   * {@code validationFraction} held out, the 10,000 test images as test, scaled to 0..1.
   */
  public static DataSpec mnist(String dir, double validationFraction) {
    return idx(dir, "", validationFraction);
  }

  /** Fashion-MNIST as {@code bin/fetch-data fashion-mnist} leaves it in {@code dir}. */
  public static DataSpec fashionMnist(String dir, double validationFraction) {
    return idx(dir, ".gz", validationFraction);
  }

  private static DataSpec idx(String dir, String suffix, double validationFraction) {
    String d = dir.endsWith("/") ? dir : dir + "/";
    return new DataSpec(
        Format.IDX,
        d + "train-images-idx3-ubyte" + suffix,
        d + "train-labels-idx1-ubyte" + suffix,
        d + "t10k-images-idx3-ubyte" + suffix,
        d + "t10k-labels-idx1-ubyte" + suffix,
        null,
        null,
        null,
        validationFraction,
        0,
        42,
        Normalization.SCALE);
  }

  /**
   * Parquet data at {@code location} (a file or a directory), without a test file, image shape or
   * normalization, split with seed 42; with a split column in {@code options} both fractions must
   * be 0.
   */
  public static DataSpec parquet(
      String location,
      ParquetReader.Options options,
      double validationFraction,
      double testFraction) {
    return new DataSpec(
        Format.PARQUET,
        location,
        null,
        null,
        null,
        null,
        options,
        null,
        validationFraction,
        testFraction,
        42,
        Normalization.NONE);
  }

  /** This spec with another normalization. */
  public DataSpec withNormalization(Normalization n) {
    return new DataSpec(
        format,
        train,
        trainLabels,
        test,
        testLabels,
        csv,
        parquet,
        imageShape,
        validationFraction,
        testFraction,
        splitSeed,
        n);
  }
}
