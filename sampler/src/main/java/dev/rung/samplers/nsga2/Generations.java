package dev.rung.samplers.nsga2;

import dev.rung.study.Direction;
import dev.rung.study.FrozenTrial;
import dev.rung.study.History;
import dev.rung.study.Seeds;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * NSGA-II's generations, read from a history alone.
 *
 * <p>The COMPLETE trials, by number, are cut into consecutive populations of {@code size}:
 * generation 0 is the first {@code size} of them, generation 1 the next {@code size}, and so on.
 * Trials that failed or were pruned belong to no generation. A new trial belongs to generation
 * {@code g = (number of COMPLETE trials) / size}; its parents are the elite of generation {@code g
 * - 1} together with the parents of generation {@code g - 1} (none for generation 0).
 *
 * <p>When trials run one at a time this is Optuna's rule (a generation is full once it has {@code
 * size} COMPLETE trials). With parallel workers, a trial may start before lower-numbered trials
 * finish; the populations are still cut by number from what has finished, so a trial's parents
 * depend only on the history it was given.
 *
 * <p>Parent populations are cached, keyed by the study's name and directions and by the numbers,
 * values and constraint violations of the trials of every population they were computed from, so
 * each is computed once however long the study.
 */
final class Generations {
  private static final int MAX_CACHED = 4096;

  private final int size;
  private final Map<Long, Entry> cache = new ConcurrentHashMap<>();

  Generations(int size) {
    this.size = size;
  }

  /** The generation of a new trial and its parent population (empty for generation 0). */
  record Parents(int generation, List<FrozenTrial> population) {}

  private record Entry(long previousKey, long[] signature, List<FrozenTrial> parents) {
    boolean matches(long key, long[] otherSignature) {
      return previousKey == key && Arrays.equals(signature, otherSignature);
    }
  }

  /** The generation a trial started now would belong to, and its parents. */
  Parents parents(History history) {
    List<FrozenTrial> complete = history.completed();
    List<Direction> directions = history.directions();
    int generation = complete.size() / size;
    List<FrozenTrial> parents = List.of();
    long key = Seeds.derive(Seeds.hash(history.studyName()), directions.hashCode());
    for (int g = 1; g <= generation; g++) {
      List<FrozenTrial> members = complete.subList((g - 1) * size, g * size);
      long[] signature = signature(members);
      long next = Seeds.derive(key, signature);
      Entry cached = cache.get(next);
      if (cached != null && cached.matches(key, signature)) {
        parents = cached.parents();
      } else {
        parents = EliteSelection.select(union(members, parents), directions, size);
        if (cache.size() >= MAX_CACHED) {
          cache.clear();
        }
        cache.put(next, new Entry(key, signature, parents));
      }
      key = next;
    }
    return new Parents(generation, parents);
  }

  /** What elite selection reads of each trial: number, values, feasibility and violation. */
  private static long[] signature(List<FrozenTrial> members) {
    int length = 0;
    for (FrozenTrial t : members) {
      length += 3 + t.values().size();
    }
    long[] out = new long[length];
    int i = 0;
    for (FrozenTrial t : members) {
      out[i++] = t.number();
      for (double v : t.values()) {
        out[i++] = Double.doubleToLongBits(v);
      }
      out[i++] = t.isFeasible() ? 1 : 0;
      out[i++] = Double.doubleToLongBits(t.violation());
    }
    return out;
  }

  private static List<FrozenTrial> union(List<FrozenTrial> a, List<FrozenTrial> b) {
    FrozenTrial[] all = new FrozenTrial[a.size() + b.size()];
    int i = 0;
    for (FrozenTrial t : a) {
      all[i++] = t;
    }
    for (FrozenTrial t : b) {
      all[i++] = t;
    }
    return List.of(all);
  }
}
