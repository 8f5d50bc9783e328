package dev.rung.samplers;

import dev.rung.distributions.Distribution;
import dev.rung.study.FrozenTrial;
import dev.rung.study.History;
import dev.rung.study.Seeds;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.random.RandomGenerator;

/**
 * Tries every combination of the given values once, in a random order (for small spaces).
 *
 * <p>Each new trial takes a grid point that no trial has used yet (finished or running); once every
 * point has been used, {@link #exhausted} turns true and {@code optimize} stops. A parameter the
 * objective suggests that is not in the grid is an error.
 */
public final class GridSampler implements Sampler {
  private final Map<String, List<Object>> grid;
  private final List<String> names;
  private final long size;
  private final long seed;
  private final Map<Integer, Long> assigned = new ConcurrentHashMap<>();

  /**
   * A grid sampler over {@code grid} (parameter name to its values).
   *
   * @throws IllegalArgumentException if a parameter has no values or the grid is too large
   */
  public GridSampler(Map<String, List<?>> grid, long seed) {
    if (grid.isEmpty()) {
      throw new IllegalArgumentException("grid search space is empty: give at least one parameter");
    }
    Map<String, List<Object>> copy = new LinkedHashMap<>();
    long n = 1;
    for (var e : grid.entrySet()) {
      if (e.getValue() == null || e.getValue().isEmpty()) {
        throw new IllegalArgumentException(
            "grid parameter '" + e.getKey() + "' has no values: give at least one");
      }
      copy.put(e.getKey(), List.copyOf(e.getValue()));
      n = Math.multiplyExact(n, e.getValue().size());
    }
    if (n > Integer.MAX_VALUE) {
      throw new IllegalArgumentException("grid has " + n + " points: too many for a grid search");
    }
    this.grid = copy;
    this.names = new ArrayList<>(copy.keySet());
    this.size = n;
    this.seed = seed;
  }

  /** The number of grid points. */
  public long size() {
    return size;
  }

  @Override
  public void beforeTrial(History history, FrozenTrial trial) {
    BitSet used = used(history, trial.number());
    RandomGenerator rng = Seeds.rng(seed, trial.number());
    List<Long> free = new ArrayList<>();
    for (long id = 0; id < size; id++) {
      if (!used.get((int) id)) {
        free.add(id);
      }
    }
    long id = free.isEmpty() ? rng.nextLong(size) : free.get(rng.nextInt(free.size()));
    assigned.put(trial.number(), id);
  }

  @Override
  public boolean exhausted(History history) {
    return used(history, -1).cardinality() >= size;
  }

  @Override
  public double sampleIndependent(
      History history, FrozenTrial trial, String name, Distribution distribution) {
    int index = names.indexOf(name);
    if (index < 0) {
      throw new IllegalArgumentException(
          "parameter '"
              + name
              + "' is not in the grid "
              + names
              + ": a grid sampler can only suggest the parameters of its grid");
    }
    Long id = assigned.get(trial.number());
    if (id == null) {
      throw new IllegalStateException("trial " + trial.number() + " has no grid point assigned");
    }
    Object value = grid.get(name).get(coordinate(id, index));
    double internal = distribution.toInternal(value);
    if (!distribution.contains(internal)) {
      throw new IllegalArgumentException(
          "grid value "
              + value
              + " of parameter '"
              + name
              + "' is outside the suggested "
              + distribution.describe());
    }
    return internal;
  }

  private int coordinate(long id, int index) {
    long rest = id;
    for (int i = names.size() - 1; i > index; i--) {
      rest /= grid.get(names.get(i)).size();
    }
    return (int) (rest % grid.get(names.get(index)).size());
  }

  private BitSet used(History history, int exclude) {
    BitSet used = new BitSet((int) size);
    for (FrozenTrial t : history.trials()) {
      if (t.number() == exclude) {
        continue;
      }
      Long id = assigned.get(t.number());
      if (id == null) {
        id = idOf(t);
      }
      if (id != null && id >= 0) {
        used.set(id.intValue());
      }
    }
    return used;
  }

  private Long idOf(FrozenTrial t) {
    long id = 0;
    for (String name : names) {
      if (!t.params().containsKey(name)) {
        return null;
      }
      List<Object> values = grid.get(name);
      int k = values.indexOf(t.params().get(name));
      if (k < 0) {
        return null;
      }
      id = id * values.size() + k;
    }
    return id;
  }
}
