package dev.rung.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rung.distributions.CategoricalDistribution;
import dev.rung.distributions.Distribution;
import dev.rung.distributions.FloatDistribution;
import dev.rung.distributions.IntDistribution;
import dev.rung.study.FrozenTrial;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The ten problems of Optuna's reference figures are defined here exactly as in the reference
 * module: the golden files under {@code reference-points/} hold, per problem, its search space, its
 * optimum, and the reference's value at its minimiser and at 300 random points (see the README
 * there).
 */
class ReferenceDefinitionsTest {
  private static final double RELATIVE = 1e-9;

  @ParameterizedTest(name = "{0}")
  @ValueSource(
      strings = {
        "branin",
        "hartmann3",
        "hartmann6",
        "rosenbrock4",
        "styblinski_tang8",
        "ackley5",
        "levy6",
        "griewank8",
        "mixed-4",
        "conditional-3x3"
      })
  void valuesSpaceAndOptimumMatchTheReference(String name) {
    Problem problem = Problems.all().get(name);
    List<String[]> points = rows(name + ".csv");
    String[] header = points.get(0);
    Map<String, Distribution> space = new LinkedHashMap<>();
    for (String[] row : points.subList(1, points.size())) {
      Map<String, Object> params = params(header, row);
      FrozenTrial t = FixedParams.evaluate(problem, params);
      double expected = Double.parseDouble(row[row.length - 1]);
      String where = name + " at " + params;
      assertEquals(expected, t.value(), RELATIVE * Math.max(1, Math.abs(expected)), where);
      assertEquals(
          List.copyOf(params.keySet()),
          List.copyOf(t.params().keySet()),
          "suggested parameters, in order, " + where);
      space.putAll(t.distributions());
    }
    assertEquals(referenceSpace(name), space, name + ": search space");
    String[] optimum = rows("optima.csv").stream().filter(r -> r[0].equals(name)).findFirst().get();
    assertEquals(Double.parseDouble(optimum[1]), problem.optimum(), name + ": optimum");
  }

  /** The active parameters of a row (empty cells are inactive), in column order. */
  private static Map<String, Object> params(String[] header, String[] row) {
    Map<String, Object> params = new LinkedHashMap<>();
    for (int i = 0; i < header.length - 1; i++) {
      if (!row[i].isEmpty()) {
        params.put(header[i], value(row[i]));
      }
    }
    return params;
  }

  /** An integer literal is an int, another number a double, anything else a category. */
  private static Object value(String cell) {
    if (cell.matches("-?\\d+")) {
      return Integer.parseInt(cell);
    }
    try {
      return Double.parseDouble(cell);
    } catch (NumberFormatException e) {
      return cell;
    }
  }

  private static Map<String, Distribution> referenceSpace(String name) {
    Map<String, Distribution> space = new LinkedHashMap<>();
    for (String[] r : rows("search-spaces.csv")) {
      if (!r[0].equals(name)) {
        continue;
      }
      Distribution d =
          switch (r[2]) {
            case "float" ->
                new FloatDistribution(
                    Double.parseDouble(r[3]),
                    Double.parseDouble(r[4]),
                    Boolean.parseBoolean(r[5]),
                    0);
            case "int" ->
                new IntDistribution(
                    Integer.parseInt(r[3]),
                    Integer.parseInt(r[4]),
                    Boolean.parseBoolean(r[5]),
                    Integer.parseInt(r[6]));
            default -> new CategoricalDistribution(List.<Object>of((Object[]) r[7].split("\\|")));
          };
      space.put(r[1], d);
    }
    assertTrue(!space.isEmpty(), "no reference space for " + name);
    return space;
  }

  /** The rows of a golden CSV file (no quoting; the first row is the header). */
  private static List<String[]> rows(String file) {
    InputStream in =
        ReferenceDefinitionsTest.class.getResourceAsStream("/reference-points/" + file);
    assertTrue(in != null, "missing golden file reference-points/" + file);
    try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
      List<String[]> rows = new ArrayList<>();
      for (String line = r.readLine(); line != null; line = r.readLine()) {
        rows.add(line.split(",", -1));
      }
      return rows;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
