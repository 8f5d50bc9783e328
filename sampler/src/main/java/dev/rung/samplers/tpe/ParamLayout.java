package dev.rung.samplers.tpe;

import dev.rung.distributions.Distribution;
import java.util.HashMap;
import java.util.Map;

/**
 * The parameters of a trial and their distributions, shared by every trial with the same ones:
 * observations of a study are stored as one {@code double[]} per trial plus a reference to one of a
 * handful of layouts, so gathering a column is an array read, not a map lookup per trial.
 */
final class ParamLayout {
  private final Map<String, Distribution> distributions;
  private final String[] names;
  private final Map<String, Integer> index;

  ParamLayout(Map<String, Distribution> distributions) {
    this.distributions = Map.copyOf(distributions);
    this.names = distributions.keySet().toArray(new String[0]);
    this.index = new HashMap<>();
    for (int i = 0; i < names.length; i++) {
      index.put(names[i], i);
    }
  }

  /** The distributions, by name. */
  Map<String, Distribution> distributions() {
    return distributions;
  }

  /** The parameter names, in the order of the values arrays. */
  String[] names() {
    return names;
  }

  /** The position of {@code name} in the values arrays, or -1. */
  int indexOf(String name) {
    Integer i = index.get(name);
    return i == null ? -1 : i;
  }

  /** The positions of {@code wanted}, or null when this layout lacks one of them. */
  int[] positions(String[] wanted) {
    int[] out = new int[wanted.length];
    for (int i = 0; i < wanted.length; i++) {
      out[i] = indexOf(wanted[i]);
      if (out[i] < 0) {
        return null;
      }
    }
    return out;
  }
}
