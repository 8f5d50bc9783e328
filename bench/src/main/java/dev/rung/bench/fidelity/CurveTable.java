package dev.rung.bench.fidelity;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;

/**
 * Recorded learning curves read from CSV, one row per configuration and epoch:
 *
 * <pre>
 * # lines starting with '#' are comments
 * config_id,lr,batch,optimizer,epoch,value
 * c0,0.01,32,adam,1,0.412
 * c0,0.01,32,adam,2,0.281
 * </pre>
 *
 * The first column names the configuration, the last two are the epoch (1, 2, ..., counted in
 * epochs trained) and the metric after it; every column between is a hyperparameter, numeric or
 * text. Every configuration must have the same parameter values on all its rows and a value for
 * each epoch from 1 to the same last epoch. Rows may come in any order.
 *
 * @param params parameter names, in column order
 * @param configs configuration ids, in order of first appearance
 * @param values the parameter values of each configuration (Double or String), by parameter
 * @param curves the metric of each configuration at epochs 1..maxEpochs (index 0 = epoch 1)
 */
public record CurveTable(
    List<String> params, List<String> configs, List<List<Object>> values, List<double[]> curves) {

  public CurveTable {
    params = List.copyOf(params);
    configs = List.copyOf(configs);
    values = values.stream().map(List::copyOf).toList();
    curves = curves.stream().map(double[]::clone).toList();
  }

  /** The number of epochs every configuration was trained. */
  public int maxEpochs() {
    return curves.get(0).length;
  }

  /**
   * Reads a table from a file, gzipped when its name ends with .gz; errors name the file and line.
   */
  public static CurveTable read(Path file) throws IOException {
    if (file.toString().endsWith(".gz")) {
      try (Reader r =
          new InputStreamReader(
              new GZIPInputStream(Files.newInputStream(file)), StandardCharsets.UTF_8)) {
        return read(r, file.toString());
      }
    }
    try (Reader r = Files.newBufferedReader(file)) {
      return read(r, file.toString());
    }
  }

  /** Reads a table; {@code source} names it in error messages. */
  public static CurveTable read(Reader reader, String source) throws IOException {
    BufferedReader in = new BufferedReader(reader);
    String[] header = null;
    Map<String, List<Object>> paramsOf = new LinkedHashMap<>();
    Map<String, Map<Integer, Double>> byConfig = new LinkedHashMap<>();
    String line;
    int lineNo = 0;
    while ((line = in.readLine()) != null) {
      lineNo++;
      String trimmed = line.trim();
      if (trimmed.isEmpty() || trimmed.startsWith("#")) {
        continue;
      }
      String[] cells = trimmed.split(",", -1);
      for (int i = 0; i < cells.length; i++) {
        cells[i] = cells[i].trim();
      }
      if (header == null) {
        header = cells;
        if (header.length < 3
            || !header[0].equals("config_id")
            || !header[header.length - 2].equals("epoch")
            || !header[header.length - 1].equals("value")) {
          throw new IllegalArgumentException(
              source
                  + " line "
                  + lineNo
                  + ": header "
                  + Arrays.toString(header)
                  + " must be config_id,<params...>,epoch,value");
        }
        continue;
      }
      String where = source + " line " + lineNo;
      if (cells.length != header.length) {
        throw new IllegalArgumentException(
            where + ": " + cells.length + " columns, the header has " + header.length);
      }
      String id = cells[0];
      int epoch;
      double value;
      try {
        epoch = Integer.parseInt(cells[cells.length - 2]);
        value = Double.parseDouble(cells[cells.length - 1]);
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException(
            where
                + ": epoch must be an integer and value a number, got '"
                + cells[cells.length - 2]
                + "' and '"
                + cells[cells.length - 1]
                + "'",
            e);
      }
      if (epoch < 1) {
        throw new IllegalArgumentException(where + ": epoch must be >= 1, got " + epoch);
      }
      List<Object> p = new ArrayList<>();
      for (int i = 1; i < cells.length - 2; i++) {
        p.add(parse(cells[i]));
      }
      List<Object> previous = paramsOf.putIfAbsent(id, p);
      if (previous != null && !previous.equals(p)) {
        throw new IllegalArgumentException(
            where
                + ": config '"
                + id
                + "' has parameters "
                + p
                + " here but "
                + previous
                + " before");
      }
      Map<Integer, Double> curve = byConfig.computeIfAbsent(id, k -> new LinkedHashMap<>());
      if (curve.put(epoch, value) != null) {
        throw new IllegalArgumentException(
            where + ": config '" + id + "' has epoch " + epoch + " twice");
      }
    }
    if (header == null || byConfig.isEmpty()) {
      throw new IllegalArgumentException(source + ": no curves (need a header and rows)");
    }
    List<String> ids = new ArrayList<>(byConfig.keySet());
    int epochs = byConfig.get(ids.get(0)).size();
    List<double[]> curves = new ArrayList<>();
    List<List<Object>> values = new ArrayList<>();
    for (String id : ids) {
      Map<Integer, Double> c = byConfig.get(id);
      double[] curve = new double[epochs];
      for (int e = 1; e <= epochs; e++) {
        Double v = c.get(e);
        if (v == null || c.size() != epochs) {
          throw new IllegalArgumentException(
              source
                  + ": config '"
                  + id
                  + "' has epochs "
                  + c.keySet()
                  + "; every config needs epochs 1.."
                  + epochs);
        }
        curve[e - 1] = v;
      }
      curves.add(curve);
      values.add(paramsOf.get(id));
    }
    List<String> names = Arrays.asList(header).subList(1, header.length - 2);
    return new CurveTable(names, ids, values, curves);
  }

  private static Object parse(String cell) {
    try {
      return Double.parseDouble(cell);
    } catch (NumberFormatException e) {
      return cell;
    }
  }
}
