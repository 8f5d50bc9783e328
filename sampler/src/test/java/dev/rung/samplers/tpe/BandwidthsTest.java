package dev.rung.samplers.tpe;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.rung.study.Seeds;
import java.util.Arrays;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;

class BandwidthsTest {

  @Test
  void neighbourGapsByHand() {
    // Centres 1, 2, 8 on [0, 10], ends 0 and 10 as outer neighbours.
    // 1: first, endpoints off -> gap to 2 = 1. 2: max(1, 6) = 6. 8: last -> gap to 2 = 6.
    assertArrayEquals(
        new double[] {1, 6, 6}, Bandwidths.neighbourGaps(new double[] {1, 2, 8}, 0, 10, false));
    // Endpoints on: 1 -> max(1 - 0, 1) = 1; 8 -> max(6, 10 - 8) = 6.
    assertArrayEquals(
        new double[] {1, 6, 6}, Bandwidths.neighbourGaps(new double[] {1, 2, 8}, 0, 10, true));
    // Endpoints matter when the end is farther than the inner neighbour: centres 4, 6 on [0, 10].
    // Off: 4 -> 2, 6 -> 2. On: 4 -> max(4, 2) = 4, 6 -> max(2, 4) = 4.
    assertArrayEquals(
        new double[] {2, 2}, Bandwidths.neighbourGaps(new double[] {6, 4}, 0, 10, false));
    assertArrayEquals(
        new double[] {4, 4}, Bandwidths.neighbourGaps(new double[] {6, 4}, 0, 10, true));
    // A single centre always sees both ends: max(3, 7).
    assertArrayEquals(new double[] {7}, Bandwidths.neighbourGaps(new double[] {3}, 0, 10, false));
  }

  @Test
  void equalCentresTakeSuccessivePositions() {
    // Sorted 3, 3, 9. First 3 (first position, endpoints off): 3 - 3 = 0. Second 3: max(0, 6) = 6.
    // 9: last -> 9 - 3 = 6.
    assertArrayEquals(
        new double[] {0, 6, 6}, Bandwidths.neighbourGaps(new double[] {3, 3, 9}, 0, 10, false));
  }

  @Test
  void argsortSortsNegativeZeroAndLargeInputs() {
    assertArrayEquals(
        new int[] {2, 3, 1, 0}, Bandwidths.argsort(new double[] {7.5, -0.0, -3e10, -1e-300}));
    RandomGenerator rng = Seeds.rng(5);
    double[] v = new double[5000];
    for (int i = 0; i < v.length; i++) {
      v[i] = rng.nextGaussian() * 1e3;
    }
    int[] order = Bandwidths.argsort(v);
    double[] sorted = v.clone();
    Arrays.sort(sorted);
    for (int i = 0; i < v.length; i++) {
      assertEquals(sorted[i], v[order[i]]);
    }
  }

  @Test
  void magicClip() {
    // Floor: range / min(100, m + 2).
    assertEquals(10.0 / 5, Bandwidths.minSigma(3, 10, true), 1e-12);
    assertEquals(10.0 / 100, Bandwidths.minSigma(500, 10, true), 1e-12);
    assertEquals(Bandwidths.EPS, Bandwidths.minSigma(3, 10, false));
    assertEquals(2.0, Bandwidths.clip(1.0, 2.0, 10));
    assertEquals(10.0, Bandwidths.clip(11.0, 2.0, 10));
    assertEquals(3.0, Bandwidths.clip(3.0, 2.0, 10));
  }
}
