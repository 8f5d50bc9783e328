package dev.rung.training.data;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.hadoop.fs.Path;
import org.apache.parquet.column.page.PageReadStore;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.convert.GroupRecordConverter;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.util.HadoopInputFile;
import org.apache.parquet.io.ColumnIOFactory;
import org.apache.parquet.io.RecordReader;
import org.apache.parquet.schema.GroupType;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType;
import org.apache.parquet.schema.Type;

/**
 * Reads examples from a Parquet file: either numeric feature columns (all numeric columns but the
 * label by default) or one array column holding each example's features (a standard 3-level LIST,
 * or a legacy repeated field), plus an integer label column. Reads through Hadoop, so {@code hdfs:}
 * and {@code s3a:} locations work.
 */
public final class ParquetReader {
  private ParquetReader() {}

  /**
   * How to read a Parquet file.
   *
   * @param labelColumn the label column's name
   * @param featureColumns feature column names; empty for every numeric column but the label
   * @param arrayColumn an array column holding the features; null to use feature columns
   */
  public record Options(String labelColumn, List<String> featureColumns, String arrayColumn) {
    public static final Options DEFAULT = new Options("label", List.of(), null);

    public Options {
      labelColumn = labelColumn == null || labelColumn.isBlank() ? "label" : labelColumn;
      featureColumns = featureColumns == null ? List.of() : List.copyOf(featureColumns);
      if (arrayColumn != null && !featureColumns.isEmpty()) {
        throw new IllegalArgumentException(
            "give either feature columns "
                + featureColumns
                + " or an array column '"
                + arrayColumn
                + "', not both");
      }
    }
  }

  /** Reads the whole file. */
  public static RawTable read(String location, Options options) {
    Path path = new Path(location);
    try (ParquetFileReader reader =
        ParquetFileReader.open(HadoopInputFile.fromPath(path, DataFiles.hadoopConf()))) {
      MessageType schema = reader.getFooter().getFileMetaData().getSchema();
      Columns cols = columns(location, schema, options);
      reader.setRequestedSchema(cols.projection());
      long total = reader.getRecordCount();
      if (total > Integer.MAX_VALUE) {
        throw new DataFormatException(location, "has " + total + " rows, more than 2^31");
      }
      int[] labels = new int[(int) total];
      float[] features = null;
      int width = cols.features().size();
      int row = 0;
      PageReadStore pages;
      ColumnIOFactory factory = new ColumnIOFactory();
      while ((pages = reader.readNextRowGroup()) != null) {
        RecordReader<Group> records =
            factory
                .getColumnIO(cols.projection())
                .getRecordReader(pages, new GroupRecordConverter(cols.projection()));
        for (long r = 0; r < pages.getRowCount(); r++, row++) {
          Group g = records.read();
          labels[row] = label(location, row, g, options.labelColumn());
          if (options.arrayColumn() == null) {
            if (features == null) {
              features = new float[(int) Math.min((long) width * total, Integer.MAX_VALUE)];
            }
            for (int c = 0; c < width; c++) {
              features[row * width + c] = number(location, row, g, cols.features().get(c), 0);
            }
          } else {
            float[] values = array(location, row, g, options.arrayColumn());
            if (features == null) {
              width = values.length;
              if (width == 0) {
                throw new DataFormatException(
                    location, "row 0: array column '" + options.arrayColumn() + "' is empty");
              }
              features = new float[(int) Math.min((long) width * total, Integer.MAX_VALUE)];
            } else if (values.length != width) {
              throw new DataFormatException(
                  location,
                  "row "
                      + row
                      + ": array column '"
                      + options.arrayColumn()
                      + "' has "
                      + values.length
                      + " values but row 0 has "
                      + width);
            }
            System.arraycopy(values, 0, features, row * width, width);
          }
        }
      }
      if (row == 0) {
        throw new DataFormatException(location, "the Parquet file has no rows");
      }
      return new RawTable(location, features, labels, InputShape.vector(width));
    } catch (IOException | RuntimeException e) {
      if (e instanceof DataFormatException d) {
        throw d;
      }
      if (e instanceof FileNotFoundException) {
        throw new UncheckedIOException(
            new FileNotFoundException(location + ": the data file does not exist"));
      }
      throw new DataFormatException(location, "unreadable Parquet file: " + e.getMessage(), e);
    }
  }

  private record Columns(MessageType projection, List<String> features) {}

  private static Columns columns(String location, MessageType schema, Options options) {
    requireField(location, schema, options.labelColumn(), "label");
    List<Type> keep = new ArrayList<>();
    keep.add(schema.getType(options.labelColumn()));
    List<String> features = new ArrayList<>();
    if (options.arrayColumn() != null) {
      requireField(location, schema, options.arrayColumn(), "array");
      keep.add(schema.getType(options.arrayColumn()));
    } else {
      List<String> wanted = options.featureColumns();
      if (wanted.isEmpty()) {
        for (Type t : schema.getFields()) {
          if (!t.getName().equals(options.labelColumn()) && isNumeric(t)) {
            wanted = wanted.isEmpty() ? new ArrayList<>() : wanted;
            wanted.add(t.getName());
          }
        }
        if (wanted.isEmpty()) {
          throw new DataFormatException(
              location,
              "has no numeric feature columns besides label '"
                  + options.labelColumn()
                  + "'; schema: "
                  + schema);
        }
      }
      for (String name : wanted) {
        requireField(location, schema, name, "feature");
        Type t = schema.getType(name);
        if (!isNumeric(t)) {
          throw new DataFormatException(
              location, "feature column '" + name + "' is " + t + ", not a single number per row");
        }
        keep.add(t);
        features.add(name);
      }
    }
    return new Columns(new MessageType(schema.getName(), keep), features);
  }

  private static void requireField(String location, MessageType schema, String name, String role) {
    if (!schema.containsField(name)) {
      List<String> names = schema.getFields().stream().map(Type::getName).toList();
      throw new DataFormatException(
          location, role + " column '" + name + "' is not in the file; its columns are " + names);
    }
  }

  private static boolean isNumeric(Type t) {
    if (!t.isPrimitive() || t.isRepetition(Type.Repetition.REPEATED)) {
      return false;
    }
    return switch (t.asPrimitiveType().getPrimitiveTypeName()) {
      case INT32, INT64, FLOAT, DOUBLE -> true;
      default -> false;
    };
  }

  private static int label(String location, int row, Group g, String column) {
    float v = number(location, row, g, column, 0);
    if (!(v >= 0) || v != Math.rint(v)) {
      throw new DataFormatException(
          location,
          "row "
              + row
              + ": label '"
              + column
              + "' = "
              + v
              + " is not a class index (an integer >= 0)");
    }
    return (int) v;
  }

  private static float number(String location, int row, Group g, String column, int index) {
    int fieldIndex = g.getType().getFieldIndex(column);
    if (g.getFieldRepetitionCount(fieldIndex) <= index) {
      throw new DataFormatException(location, "row " + row + ": column '" + column + "' is null");
    }
    PrimitiveType t = g.getType().getType(fieldIndex).asPrimitiveType();
    return value(g, fieldIndex, index, t);
  }

  private static float value(Group g, int field, int index, PrimitiveType t) {
    return switch (t.getPrimitiveTypeName()) {
      case INT32 -> g.getInteger(field, index);
      case INT64 -> g.getLong(field, index);
      case FLOAT -> g.getFloat(field, index);
      case DOUBLE -> (float) g.getDouble(field, index);
      default -> throw new IllegalStateException("not numeric: " + t);
    };
  }

  private static float[] array(String location, int row, Group g, String column) {
    int field = g.getType().getFieldIndex(column);
    Type t = g.getType().getType(field);
    if (t.isPrimitive()) { // legacy: a repeated primitive field
      if (!isNumericPrimitive(t)) {
        throw new DataFormatException(
            location, "array column '" + column + "' holds " + t + ", not numbers");
      }
      int n = g.getFieldRepetitionCount(field);
      float[] out = new float[n];
      for (int i = 0; i < n; i++) {
        out[i] = value(g, field, i, t.asPrimitiveType());
      }
      return out;
    }
    if (g.getFieldRepetitionCount(field) == 0) {
      throw new DataFormatException(
          location, "row " + row + ": array column '" + column + "' is null");
    }
    Group list = g.getGroup(field, 0); // LIST: repeated group "list" { element }
    GroupType listType = t.asGroupType();
    Type repeated = listType.getType(0);
    int n = list.getFieldRepetitionCount(0);
    float[] out = new float[n];
    for (int i = 0; i < n; i++) {
      if (repeated.isPrimitive()) {
        out[i] = value(list, 0, i, repeated.asPrimitiveType());
      } else {
        Group element = list.getGroup(0, i);
        Type elementType = repeated.asGroupType().getType(0);
        if (!isNumericPrimitive(elementType)) {
          throw new DataFormatException(
              location, "array column '" + column + "' holds " + elementType + ", not numbers");
        }
        if (element.getFieldRepetitionCount(0) == 0) {
          throw new DataFormatException(
              location, "row " + row + ": array column '" + column + "' has a null at " + i);
        }
        out[i] = value(element, 0, 0, elementType.asPrimitiveType());
      }
    }
    return out;
  }

  private static boolean isNumericPrimitive(Type t) {
    return t.isPrimitive()
        && Arrays.asList(
                PrimitiveType.PrimitiveTypeName.INT32,
                PrimitiveType.PrimitiveTypeName.INT64,
                PrimitiveType.PrimitiveTypeName.FLOAT,
                PrimitiveType.PrimitiveTypeName.DOUBLE)
            .contains(t.asPrimitiveType().getPrimitiveTypeName());
  }
}
