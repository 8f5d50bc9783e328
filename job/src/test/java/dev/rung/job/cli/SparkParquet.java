package dev.rung.job.cli;

import dev.rung.training.data.CsvReader;
import dev.rung.training.data.DataSpec;
import dev.rung.training.data.RawTable;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/** Data frames that the Parquet data tests write with Spark. */
final class SparkParquet {
  private SparkParquet() {}

  /** The split value of row {@code i}: 3 in 5 rows train, 1 validation, 1 test. */
  static String split(int i) {
    return switch (i % 5) {
      case 3 -> "validation";
      case 4 -> "test";
      default -> "train";
    };
  }

  /**
   * {@code rows} rows a = i, b = 2i (doubles), label = i % 3, split = {@link #split}, in {@code
   * partitions} partitions of consecutive rows, so Spark writes rows 0.. in part-00000 and so on.
   */
  static Dataset<Row> numbers(SparkSession spark, int rows, int partitions) {
    StructType schema =
        new StructType()
            .add("a", DataTypes.DoubleType, false)
            .add("b", DataTypes.DoubleType, false)
            .add("label", DataTypes.IntegerType, false)
            .add("split", DataTypes.StringType, false);
    List<Row> list = new ArrayList<>();
    for (int i = 0; i < rows; i++) {
      list.add(RowFactory.create((double) i, 2.0 * i, i % 3, split(i)));
    }
    JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
    return spark.createDataFrame(jsc.parallelize(list, partitions), schema);
  }

  /**
   * The UCI digits shipped with Rung: pixels (an array of 64 floats), label, and split = {@link
   * #split} of the row number, or {@code badSplit} in row 7 if not null.
   */
  static Dataset<Row> digits(SparkSession spark, String badSplit) {
    RawTable t = CsvReader.read(DataSpec.DIGITS_RESOURCE, CsvReader.Options.DEFAULT);
    int d = t.shape().features();
    StructType schema =
        new StructType()
            .add("pixels", DataTypes.createArrayType(DataTypes.FloatType, false), false)
            .add("label", DataTypes.IntegerType, false)
            .add("split", DataTypes.StringType, false);
    List<Row> list = new ArrayList<>();
    for (int i = 0; i < t.rows(); i++) {
      Float[] pixels = new Float[d];
      for (int k = 0; k < d; k++) {
        pixels[k] = t.features()[i * d + k];
      }
      String split = i == 7 && badSplit != null ? badSplit : split(i);
      list.add(RowFactory.create(pixels, t.labels()[i], split));
    }
    JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
    return spark.createDataFrame(jsc.parallelize(list, 2), schema);
  }
}
