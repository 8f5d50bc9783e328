package dev.rung.training.data;

import java.io.BufferedReader;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;
import java.util.zip.ZipException;

/**
 * Reads numeric CSV (optionally gzipped): one example per line, every column a number, one of them
 * the integer class label. A header line is detected when its first field is not a number, or can
 * be forced either way; the label column is given by name (with a header), by 0-based index, or is
 * the last column by default. Empty lines are skipped.
 */
public final class CsvReader {
  private CsvReader() {}

  /**
   * How to read a CSV file.
   *
   * @param labelColumn {@code "last"}, a 0-based column index, or a header name
   * @param header whether the first line is a header; null to detect it
   * @param delimiter the field separator
   */
  public record Options(String labelColumn, Boolean header, char delimiter) {
    public static final Options DEFAULT = new Options("last", null, ',');

    public Options {
      labelColumn = labelColumn == null || labelColumn.isBlank() ? "last" : labelColumn.trim();
    }
  }

  /** Reads the file as vectors; give the table an image shape with {@link RawTable#withShape}. */
  public static RawTable read(String location, Options options) {
    try (InputStream raw = DataFiles.open(location);
        BufferedReader in =
            new BufferedReader(new InputStreamReader(raw, StandardCharsets.UTF_8), 1 << 16)) {
      return read(location, in, options);
    } catch (EOFException | ZipException e) {
      throw new DataFormatException(
          location, "truncated or corrupt compressed data: " + e.getMessage(), e);
    } catch (IOException e) {
      throw new UncheckedIOException(location + ": cannot read CSV file: " + e.getMessage(), e);
    }
  }

  private static RawTable read(String location, BufferedReader in, Options options)
      throws IOException {
    String delimiter = Pattern.quote(String.valueOf(options.delimiter()));
    String line;
    int lineNo = 0;
    String[] headerFields = null;
    int labelIndex = -1;
    int columns = -1;
    float[] values = new float[1 << 16];
    int used = 0;
    List<Integer> labels = new ArrayList<>();
    while ((line = in.readLine()) != null) {
      lineNo++;
      if (line.isBlank()) {
        continue;
      }
      String[] fields = line.split(delimiter, -1);
      if (columns < 0) {
        boolean isHeader =
            options.header() != null ? options.header() : !isNumber(fields[0].trim());
        columns = fields.length;
        if (columns < 2) {
          throw new DataFormatException(
              location,
              "line "
                  + lineNo
                  + " has "
                  + columns
                  + " column; a CSV example needs features and a label (delimiter '"
                  + options.delimiter()
                  + "')");
        }
        if (isHeader) {
          headerFields = fields;
          labelIndex = labelIndex(location, options.labelColumn(), headerFields, columns);
          continue;
        }
        labelIndex = labelIndex(location, options.labelColumn(), null, columns);
      }
      if (fields.length != columns) {
        throw new DataFormatException(
            location,
            "line "
                + lineNo
                + " has "
                + fields.length
                + " columns but earlier lines have "
                + columns);
      }
      if (used + columns > values.length) {
        values = Arrays.copyOf(values, Math.max(values.length * 2, used + columns));
      }
      for (int c = 0; c < columns; c++) {
        String f = fields[c].trim();
        if (c == labelIndex) {
          labels.add(label(location, lineNo, c, f));
          continue;
        }
        try {
          values[used++] = Float.parseFloat(f);
        } catch (NumberFormatException e) {
          throw new DataFormatException(
              location, "line " + lineNo + ", column " + (c + 1) + ": '" + f + "' is not a number");
        }
      }
    }
    if (labels.isEmpty()) {
      throw new DataFormatException(location, "the CSV file has no data lines");
    }
    int[] y = labels.stream().mapToInt(Integer::intValue).toArray();
    return new RawTable(location, Arrays.copyOf(values, used), y, InputShape.vector(columns - 1));
  }

  private static int labelIndex(String location, String spec, String[] header, int columns) {
    if (spec.equalsIgnoreCase("last")) {
      return columns - 1;
    }
    if (spec.equalsIgnoreCase("first")) {
      return 0;
    }
    if (spec.chars().allMatch(Character::isDigit)) {
      int i = Integer.parseInt(spec);
      if (i >= columns) {
        throw new DataFormatException(
            location,
            "label column " + i + " does not exist: the file has " + columns + " columns");
      }
      return i;
    }
    if (header != null) {
      for (int i = 0; i < header.length; i++) {
        if (header[i].trim().equals(spec)) {
          return i;
        }
      }
    }
    throw new DataFormatException(
        location,
        "label column '"
            + spec
            + "' is not "
            + (header == null
                ? "usable: the file has no header line"
                : "in the header " + Arrays.toString(header))
            + "; use last, first, a 0-based index or a header name");
  }

  private static int label(String location, int lineNo, int column, String field) {
    try {
      double d = Double.parseDouble(field);
      if (d >= 0 && d == Math.rint(d) && d < Integer.MAX_VALUE) {
        return (int) d;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new DataFormatException(
        location,
        "line "
            + lineNo
            + ", column "
            + (column + 1)
            + ": label '"
            + field
            + "' is not a class index (an integer >= 0)");
  }

  private static boolean isNumber(String s) {
    try {
      Double.parseDouble(s);
      return true;
    } catch (NumberFormatException e) {
      return false;
    }
  }
}
