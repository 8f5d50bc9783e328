package dev.rung.job.exec;

import dev.rung.job.config.SweepConfig;
import dev.rung.training.data.CsvReader;
import dev.rung.training.data.DataSpec;
import dev.rung.training.data.InputShape;
import dev.rung.training.data.Normalization;
import dev.rung.training.data.ParquetReader;
import java.util.List;
import java.util.Locale;

/** Turns the data section of a sweep into the training module's data description. */
public final class DataSpecs {
  private DataSpecs() {}

  /** The data a sweep trains on. */
  public static DataSpec of(SweepConfig.Data d) {
    Normalization normalization = Normalization.valueOf(d.normalize().toUpperCase(Locale.ROOT));
    String dir = d.dir().endsWith("/") ? d.dir() : d.dir() + "/";
    DataSpec spec =
        switch (d.dataset()) {
          case "mnist" -> DataSpec.mnist(dir + "mnist", d.validationFraction());
          case "fashion-mnist" ->
              DataSpec.fashionMnist(dir + "fashion-mnist", d.validationFraction());
          case "digits" -> {
            DataSpec digits = DataSpec.digits();
            yield new DataSpec(
                digits.format(),
                digits.train(),
                null,
                null,
                null,
                digits.csv(),
                null,
                digits.imageShape(),
                d.validationFraction(),
                d.testFraction(),
                digits.splitSeed(),
                digits.normalization());
          }
          default -> own(d);
        };
    return spec.withNormalization(normalization);
  }

  private static DataSpec own(SweepConfig.Data d) {
    InputShape shape =
        d.imageShape().isEmpty()
            ? null
            : InputShape.image(d.imageShape().get(0), d.imageShape().get(1), d.imageShape().get(2));
    String test = blankToNull(d.test());
    double testFraction = test == null ? d.testFraction() : 0;
    return switch (d.format()) {
      case "idx" ->
          new DataSpec(
              DataSpec.Format.IDX,
              d.trainImages(),
              d.trainLabels(),
              blankToNull(d.testImages()),
              blankToNull(d.testLabels()),
              null,
              null,
              null,
              d.validationFraction(),
              blankToNull(d.testImages()) == null ? d.testFraction() : 0,
              42,
              Normalization.NONE);
      case "csv" ->
          new DataSpec(
              DataSpec.Format.CSV,
              d.train(),
              null,
              test,
              null,
              new CsvReader.Options(d.labelColumn(), null, ','),
              null,
              shape,
              d.validationFraction(),
              testFraction,
              42,
              Normalization.NONE);
      default ->
          new DataSpec(
              DataSpec.Format.PARQUET,
              parquetLocation(d),
              null,
              test,
              null,
              null,
              new ParquetReader.Options(
                  d.labelColumn(),
                  List.of(),
                  blankToNull(d.featuresColumn()),
                  blankToNull(d.splitColumn())),
              shape,
              d.hasSplitColumn() ? 0 : d.validationFraction(),
              d.hasSplitColumn() ? 0 : testFraction,
              42,
              Normalization.NONE);
    };
  }

  /** The train file or directory, or where the driver found the catalog table's files. */
  private static String parquetLocation(SweepConfig.Data d) {
    if (!d.hasTable()) {
      return d.train();
    }
    if (d.tableLocation().isEmpty()) {
      throw new IllegalStateException(
          "catalog table '" + d.table() + "' has not been looked up in the Spark catalog");
    }
    return d.tableLocation();
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s;
  }
}
