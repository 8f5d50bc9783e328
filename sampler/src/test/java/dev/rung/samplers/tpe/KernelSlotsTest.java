package dev.rung.samplers.tpe;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rung.distributions.CategoricalDistribution;
import dev.rung.distributions.FloatDistribution;
import dev.rung.study.TrialState;
import org.junit.jupiter.api.Test;

class KernelSlotsTest {
  private static final KernelSpace[] DIMS = {
    KernelSpace.of(FloatDistribution.uniform(0, 1)),
    KernelSpace.of(CategoricalDistribution.of("a", "b", "c")),
  };

  /** Values in dimension order. */
  static final int[] POSITIONS = {0, 1};

  static ObservedTrial trial(int number, double... values) {
    return new ObservedTrial(
        null, number, TrialState.COMPLETE, new double[] {0}, 1, 0, 0, null, values);
  }

  @Test
  void keepsAKernelOnlyWhileItsTrialsValuesAreUnchanged() {
    KernelSlots slots = new KernelSlots(DIMS);
    slots.grow(8);
    slots.nextEpoch();
    int five = slots.add(trial(5, 0.25, 2), POSITIONS, 0);
    int seven = slots.add(trial(7, 0.5, 1), POSITIONS, 1);
    slots.nextEpoch();
    // A new record of the same observation is kept; a running trial's changed value is not.
    assertTrue(slots.keep(trial(5, 0.25, 2), POSITIONS, 0));
    assertFalse(slots.keep(trial(7, 0.75, 1), POSITIONS, 1));
    assertFalse(slots.isStale(five));
    assertTrue(slots.isStale(seven));
  }

  @Test
  void permuteMovesEveryKernelWithItsParametersAndDropsTheHoles() {
    KernelSlots slots = new KernelSlots(DIMS);
    slots.grow(8);
    slots.nextEpoch();
    for (int k = 0; k < 6; k++) {
      int s = slots.add(trial(10 + k, 0.1 * k, k % 3), POSITIONS, k);
      slots.setWidth(0, s, 0.01 * (k + 1));
    }
    slots.nextEpoch();
    for (int k : new int[] {0, 2, 3, 5}) {
      slots.keep(trial(10 + k, 0.1 * k, k % 3), POSITIONS, k);
    }
    slots.remove(1);
    slots.remove(4);
    int[] order = {5, 0, 3, 2};
    int[] newSlot = slots.permute(order);

    assertEquals(4, slots.used());
    assertArrayEquals(new int[] {1, KernelSlots.FREE, 3, 2, KernelSlots.FREE, 0}, newSlot);
    for (int p = 0; p < order.length; p++) {
      int k = order[p];
      assertEquals(10 + k, slots.number(p));
      assertEquals(k, slots.ranks()[p]);
      assertEquals(0.1 * k, slots.centres(0)[p]);
      assertEquals(k % 3, slots.centres(1)[p]);
      assertEquals(0.01 * (k + 1), slots.widths(0)[p]);
    }
    // Trials are found at their new slots; the removed ones are gone.
    slots.nextEpoch();
    for (int k : order) {
      assertTrue(slots.keep(trial(10 + k, 0.1 * k, k % 3), POSITIONS, k));
    }
    assertFalse(slots.keep(trial(11, 0.1, 1), POSITIONS, 1));
    for (int p = 0; p < slots.used(); p++) {
      assertFalse(slots.isStale(p));
    }
  }
}
