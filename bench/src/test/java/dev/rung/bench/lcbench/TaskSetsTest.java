package dev.rung.bench.lcbench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class TaskSetsTest {
  @Test
  void everySetOfKOfNOnceInOrder() {
    List<String> seen = new ArrayList<>();
    long n = TaskSets.forEach(4, 2, set -> seen.add(Arrays.toString(set)));
    assertEquals(6, n);
    assertEquals(List.of("[0, 1]", "[0, 2]", "[0, 3]", "[1, 2]", "[1, 3]", "[2, 3]"), seen);
    // C(28, 6) sets of six of the 28 development tasks, each a different set.
    Set<List<Integer>> distinct = new HashSet<>();
    long all = TaskSets.forEach(28, 6, set -> distinct.add(Arrays.stream(set).boxed().toList()));
    assertEquals(376_740, all);
    assertEquals(376_740, distinct.size());
    assertEquals(1, TaskSets.forEach(5, 5, set -> {}));
    assertEquals(5, TaskSets.forEach(5, 1, set -> {}));
  }

  @Test
  void aLeadThatOneTaskCarries() {
    // Per task, a method's regret minus another's: behind on three tasks by 1, ahead on one by 6.
    // On all four the mean is ahead (-0.75); of the four sets of three, only the three holding the
    // fourth task are ahead (mean -4/3); the set without it is behind (+1).
    double[] diff = {1, 1, 1, -6};
    assertEquals(-0.75, TaskSets.mean(diff, new int[] {0, 1, 2, 3}), 1e-12);
    int[] ahead = new int[1];
    TaskSets.forEach(
        4,
        3,
        set -> {
          if (TaskSets.mean(diff, set) <= 0) {
            ahead[0]++;
          }
        });
    assertEquals(3, ahead[0]);
  }

  @Test
  void aSetMustHoldBetweenOneAndAllTasks() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> TaskSets.forEach(28, 29, s -> {}));
    assertTrue(e.getMessage().contains("29 of 28"), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> TaskSets.forEach(28, 0, s -> {}));
  }
}
