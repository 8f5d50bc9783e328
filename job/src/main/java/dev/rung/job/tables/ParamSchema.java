package dev.rung.job.tables;

import dev.rung.distributions.Distribution;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The fields of the trials table's {@code params} struct: one per parameter of the sweep's search
 * space, in its natural type.
 *
 * @param columns the parameter columns in field order; names are distinct
 * @apiNote A parameter that a trial did not suggest (a conditional parameter) is null in its field.
 */
public record ParamSchema(List<ParamColumn> columns) {

  /** Copies the columns and checks that names are distinct. */
  public ParamSchema {
    columns = List.copyOf(columns);
    Map<String, ParamColumn> seen = new LinkedHashMap<>();
    for (ParamColumn c : columns) {
      if (seen.put(c.name(), c) != null) {
        throw new IllegalArgumentException(
            "parameter '"
                + c.name()
                + "' appears twice in the params schema: names must be unique");
      }
    }
  }

  /** A schema with the given columns. */
  public static ParamSchema of(ParamColumn... columns) {
    return new ParamSchema(List.of(columns));
  }

  /**
   * The schema of a search space: floats are doubles, ints are ints, categoricals take the common
   * type of their choices (text when the types are mixed). Fields follow the map's iteration order.
   */
  public static ParamSchema fromSearchSpace(Map<String, ? extends Distribution> searchSpace) {
    List<ParamColumn> columns = new ArrayList<>(searchSpace.size());
    searchSpace.forEach((name, d) -> columns.add(ParamColumn.forDistribution(name, d)));
    return new ParamSchema(columns);
  }

  /** The column named {@code name}, if any. */
  public Optional<ParamColumn> column(String name) {
    for (ParamColumn c : columns) {
      if (c.name().equals(name)) {
        return Optional.of(c);
      }
    }
    return Optional.empty();
  }

  /** The parameter names in field order. */
  public List<String> names() {
    return columns.stream().map(ParamColumn::name).toList();
  }

  /** Whether there are no parameters (the trials table then has no params column). */
  public boolean isEmpty() {
    return columns.isEmpty();
  }
}
