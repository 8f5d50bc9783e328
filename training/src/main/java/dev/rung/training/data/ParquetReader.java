package dev.rung.training.data;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
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
 * Reads examples from Parquet: one file, or a directory of them as Spark writes one (see {@link
 * ParquetParts}: part files in the order of their paths, {@code _SUCCESS} and {@code .crc} files
 * skipped, Hive-style {@code column=value} partition directories). The features are numeric columns
 * (all numeric columns but the label and the split column by default) or one array column holding
 * each example's features (a standard 3-level LIST, or a legacy repeated field); the label is an
 * integer column. The label and the split column may be partition columns, whose values come from
 * the directory names; partition columns are never features. Reads through Hadoop, so {@code hdfs:}
 * and {@code s3a:} locations work.
 */
public final class ParquetReader {
  private ParquetReader() {}

  /**
   * How to read Parquet data.
   *
   * @param labelColumn the label column's name
   * @param featureColumns feature column names; empty for every numeric column but the label and
   *     the split column
   * @param arrayColumn an array column holding the features; null to use feature columns
   * @param splitColumn a column saying which part each row belongs to ({@link DataSplit}), or null
   *     to split the rows at random
   */
  public record Options(
      String labelColumn, List<String> featureColumns, String arrayColumn, String splitColumn) {
    public static final Options DEFAULT = new Options("label", List.of(), null, null);

    /** Options without a split column. */
    public Options(String labelColumn, List<String> featureColumns, String arrayColumn) {
      this(labelColumn, featureColumns, arrayColumn, null);
    }

    public Options {
      labelColumn = labelColumn == null || labelColumn.isBlank() ? "label" : labelColumn;
      featureColumns = featureColumns == null ? List.of() : List.copyOf(featureColumns);
      splitColumn = splitColumn == null || splitColumn.isBlank() ? null : splitColumn;
      if (arrayColumn != null && !featureColumns.isEmpty()) {
        throw new IllegalArgumentException(
            "give either feature columns "
                + featureColumns
                + " or an array column '"
                + arrayColumn
                + "', not both");
      }
      if (splitColumn != null
          && (splitColumn.equals(labelColumn)
              || splitColumn.equals(arrayColumn)
              || featureColumns.contains(splitColumn))) {
        throw new IllegalArgumentException(
            "split column '"
                + splitColumn
                + "' is also the label or a feature column: it must be a column of its own");
      }
    }
  }

  /** Reads every row of {@code location}, a Parquet file or a directory of them. */
  public static RawTable read(String location, Options options) {
    List<ParquetParts.Part> parts = ParquetParts.list(location);
    List<Chunk> chunks = new ArrayList<>();
    for (ParquetParts.Part part : parts) {
      Chunk chunk = readFile(part, options);
      if (chunk != null) {
        chunks.add(chunk);
      }
    }
    if (chunks.isEmpty()) {
      boolean oneFile = parts.size() == 1 && parts.get(0).file().equals(location);
      throw new DataFormatException(
          location,
          oneFile
              ? "the Parquet file has no rows"
              : "its " + parts.size() + " data files have no rows");
    }
    return concat(location, chunks);
  }

  /** The rows of one file, and its feature columns (null for an array column). */
  private record Chunk(RawTable rows, List<String> features) {}

  private static RawTable concat(String location, List<Chunk> chunks) {
    Chunk first = chunks.get(0);
    int width = first.rows().shape().features();
    long total = 0;
    for (Chunk c : chunks) {
      if (c.rows().shape().features() != width
          || (c.features() != null && !c.features().equals(first.features()))) {
        throw new DataFormatException(
            location,
            "its files do not hold the same features: "
                + c.rows().source()
                + " has "
                + (c.features() != null ? c.features() : c.rows().shape().features() + " values")
                + " but "
                + first.rows().source()
                + " has "
                + (first.features() != null ? first.features() : width + " values"));
      }
      total += c.rows().rows();
    }
    if (total * width > Integer.MAX_VALUE) {
      throw new DataFormatException(
          location, "has " + total + " rows of " + width + " features, more than 2^31 values");
    }
    int n = (int) total;
    float[] features = new float[n * width];
    int[] labels = new int[n];
    byte[] splits = first.rows().splits() == null ? null : new byte[n];
    int row = 0;
    for (Chunk c : chunks) {
      RawTable t = c.rows();
      System.arraycopy(t.features(), 0, features, row * width, t.features().length);
      System.arraycopy(t.labels(), 0, labels, row, t.rows());
      if (splits != null) {
        System.arraycopy(t.splits(), 0, splits, row, t.rows());
      }
      row += t.rows();
    }
    return new RawTable(location, features, labels, first.rows().shape(), splits);
  }

  /** The rows of one data file, or null if it has none. */
  private static Chunk readFile(ParquetParts.Part part, Options options) {
    String location = part.file();
    Path path = new Path(location);
    try (ParquetFileReader reader =
        ParquetFileReader.open(HadoopInputFile.fromPath(path, DataFiles.hadoopConf()))) {
      MessageType schema = reader.getFooter().getFileMetaData().getSchema();
      Columns cols = columns(location, schema, part.partition(), options);
      reader.setRequestedSchema(cols.projection());
      long total = reader.getRecordCount();
      if (total > Integer.MAX_VALUE) {
        throw new DataFormatException(location, "has " + total + " rows, more than 2^31");
      }
      int[] labels = new int[(int) total];
      byte[] splits = options.splitColumn() == null ? null : new byte[(int) total];
      Integer partitionLabel =
          cols.labelInFile() ? null : partitionLabel(location, part, options.labelColumn());
      DataSplit partitionSplit =
          splits == null || cols.splitInFile()
              ? null
              : DataSplit.of(
                  location,
                  "its partition directory",
                  options.splitColumn(),
                  part.partition().get(options.splitColumn()));
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
          labels[row] =
              partitionLabel != null
                  ? partitionLabel
                  : label(location, row, g, options.labelColumn());
          if (splits != null) {
            DataSplit split =
                partitionSplit != null
                    ? partitionSplit
                    : split(location, row, g, options.splitColumn());
            splits[row] = (byte) split.ordinal();
          }
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
        return null;
      }
      return new Chunk(
          new RawTable(location, features, labels, InputShape.vector(width), splits),
          options.arrayColumn() == null ? cols.features() : null);
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

  private record Columns(
      MessageType projection, List<String> features, boolean labelInFile, boolean splitInFile) {}

  private static Columns columns(
      String location, MessageType schema, Map<String, String> partition, Options options) {
    List<Type> keep = new ArrayList<>();
    // A partition column's value comes from the directory even if the files hold the column too,
    // as Spark reads it.
    boolean labelInFile =
        !partition.containsKey(options.labelColumn())
            && schema.containsField(options.labelColumn());
    if (labelInFile) {
      keep.add(schema.getType(options.labelColumn()));
    } else if (!partition.containsKey(options.labelColumn())) {
      requireField(location, schema, partition, options.labelColumn(), "label");
    }
    String splitColumn = options.splitColumn();
    boolean splitInFile =
        splitColumn != null
            && !partition.containsKey(splitColumn)
            && schema.containsField(splitColumn);
    if (splitInFile) {
      Type t = schema.getType(splitColumn);
      if (!t.isPrimitive()
          || t.isRepetition(Type.Repetition.REPEATED)
          || t.asPrimitiveType().getPrimitiveTypeName() != PrimitiveType.PrimitiveTypeName.BINARY) {
        throw new DataFormatException(
            location,
            "split column '"
                + splitColumn
                + "' is "
                + t
                + ", not a string per row ("
                + DataSplit.ALLOWED
                + ")");
      }
      keep.add(t);
    } else if (splitColumn != null && !partition.containsKey(splitColumn)) {
      requireField(location, schema, partition, splitColumn, "split");
    }
    List<String> features = new ArrayList<>();
    if (options.arrayColumn() != null) {
      requireField(location, schema, partition, options.arrayColumn(), "array");
      keep.add(schema.getType(options.arrayColumn()));
    } else {
      List<String> wanted = options.featureColumns();
      if (wanted.isEmpty()) {
        wanted = new ArrayList<>();
        for (Type t : schema.getFields()) {
          if (!t.getName().equals(options.labelColumn())
              && !t.getName().equals(splitColumn)
              && isNumeric(t)) {
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
        requireField(location, schema, partition, name, "feature");
        Type t = schema.getType(name);
        if (!isNumeric(t)) {
          throw new DataFormatException(
              location, "feature column '" + name + "' is " + t + ", not a single number per row");
        }
        keep.add(t);
        features.add(name);
      }
    }
    return new Columns(new MessageType(schema.getName(), keep), features, labelInFile, splitInFile);
  }

  private static int partitionLabel(String location, ParquetParts.Part part, String column) {
    String value = part.partition().get(column);
    try {
      double v = value == null ? Double.NaN : Double.parseDouble(value.trim());
      if (v >= 0 && v == Math.rint(v) && v <= Integer.MAX_VALUE) {
        return (int) v;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new DataFormatException(
        location,
        "its partition directory gives label '"
            + column
            + "' = "
            + (value == null ? "null" : "'" + value + "'")
            + ", which is not a class index (an integer >= 0)");
  }

  private static DataSplit split(String location, int row, Group g, String column) {
    int field = g.getType().getFieldIndex(column);
    String value = g.getFieldRepetitionCount(field) == 0 ? null : g.getString(field, 0);
    return DataSplit.of(location, "row " + row, column, value);
  }

  private static void requireField(
      String location,
      MessageType schema,
      Map<String, String> partition,
      String name,
      String role) {
    if (!schema.containsField(name)) {
      List<String> names = schema.getFields().stream().map(Type::getName).toList();
      throw new DataFormatException(
          location,
          role
              + " column '"
              + name
              + "' is not in the file; its columns are "
              + names
              + (partition.isEmpty() ? "" : ", its partition columns " + partition.keySet()));
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
