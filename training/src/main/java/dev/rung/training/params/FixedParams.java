package dev.rung.training.params;

import dev.rung.distributions.Distribution;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Parameters chosen before training starts (by a driver, an enqueued trial, or by hand). Each
 * requested parameter must be present; its value is converted to the distribution's type (a JSON
 * {@code 3} becomes the int {@code 3}, {@code 3.0} for a float). A value outside the distribution
 * is used as given: the distribution only documents the search range.
 */
public final class FixedParams implements ParamSource {
  private static final System.Logger LOG = System.getLogger(FixedParams.class.getName());

  private final Map<String, Object> values;
  private final Set<String> used = new TreeSet<>();

  public FixedParams(Map<String, ?> values) {
    this.values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
  }

  /** Fixed parameters from alternating names and values. */
  public static FixedParams of(Object... namesAndValues) {
    if (namesAndValues.length % 2 != 0) {
      throw new IllegalArgumentException("FixedParams.of needs name, value pairs");
    }
    Map<String, Object> m = new LinkedHashMap<>();
    for (int i = 0; i < namesAndValues.length; i += 2) {
      m.put((String) namesAndValues[i], namesAndValues[i + 1]);
    }
    return new FixedParams(m);
  }

  /** All the values given. */
  public Map<String, Object> values() {
    return values;
  }

  /** The names requested so far. */
  public Set<String> used() {
    return Collections.unmodifiableSet(used);
  }

  @Override
  public Object suggest(String name, Distribution distribution) {
    if (!values.containsKey(name)) {
      throw new IllegalArgumentException(
          "parameter '"
              + name
              + "' ("
              + distribution.describe()
              + ") is needed but not among the given parameters "
              + new TreeSet<>(values.keySet()));
    }
    Object raw = values.get(name);
    double internal;
    try {
      internal = distribution.toInternal(raw);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "parameter '"
              + name
              + "' has value "
              + raw
              + " which does not fit "
              + distribution.describe(),
          e);
    }
    if (!distribution.contains(internal)) {
      LOG.log(
          System.Logger.Level.DEBUG,
          "parameter ''{0}'' = {1} lies outside {2}; using it as given",
          name,
          raw,
          distribution.describe());
    }
    used.add(name);
    return distribution.toExternal(internal);
  }
}
