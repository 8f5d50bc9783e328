package dev.rung.bench.lcbench;

import java.util.function.Consumer;

/**
 * Every set of {@code k} of {@code n} tasks, for asking how a verdict on the mean over all tasks
 * would come out on fewer, other tasks: a check on held-out tasks averages over a handful of them,
 * and a lead that a few tasks carry can vanish there.
 */
final class TaskSets {
  private TaskSets() {}

  /**
   * Calls {@code visitor} with every set of {@code k} distinct indices of {@code 0..n-1}, each in
   * increasing order, in lexicographic order; the array passed is reused between calls. Returns how
   * many sets there were.
   */
  static long forEach(int n, int k, Consumer<int[]> visitor) {
    if (k < 1 || k > n) {
      throw new IllegalArgumentException(
          "a set of " + k + " of " + n + " tasks: it must hold between 1 and " + n);
    }
    int[] set = new int[k];
    for (int i = 0; i < k; i++) {
      set[i] = i;
    }
    long count = 0;
    while (true) {
      visitor.accept(set);
      count++;
      // The rightmost index that can still move right, then every index after it follows on.
      int i = k - 1;
      while (i >= 0 && set[i] == n - k + i) {
        i--;
      }
      if (i < 0) {
        return count;
      }
      set[i]++;
      for (int j = i + 1; j < k; j++) {
        set[j] = set[j - 1] + 1;
      }
    }
  }

  /** The mean of {@code perTask} over the tasks of {@code set}. */
  static double mean(double[] perTask, int[] set) {
    double sum = 0;
    for (int t : set) {
      sum += perTask[t];
    }
    return sum / set.length;
  }
}
