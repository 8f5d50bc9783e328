package dev.rung.multi;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class CrowdingDistanceTest {
  private static final double INF = Double.POSITIVE_INFINITY;

  @Test
  void twoObjectivesByHand() {
    // Sorted by f1: (0,10) (1,6) (3,3) (6,1) (10,0); both ranges are 10.
    double[][] pts = {{3, 3}, {0, 10}, {10, 0}, {1, 6}, {6, 1}};
    // (1,6): f1 gap 3-0=3, f2 gap 10-3=7 -> (3+7)/10 = 1.0
    // (3,3): f1 gap 6-1=5, f2 gap 6-1=5 -> 1.0
    // (6,1): f1 gap 10-3=7, f2 gap 3-0=3 -> 1.0
    assertArrayEquals(new double[] {1.0, INF, INF, 1.0, 1.0}, CrowdingDistance.of(pts), 1e-12);
  }

  @Test
  void unevenSpacingAndUnequalRanges() {
    // f1 range 4, f2 range 8.
    double[][] pts = {{0, 8}, {1, 4}, {2, 2}, {4, 0}};
    // (1,4): f1 (2-0)/4 = 0.5, f2 (8-2)/8 = 0.75 -> 1.25
    // (2,2): f1 (4-1)/4 = 0.75, f2 (4-0)/8 = 0.5 -> 1.25
    assertArrayEquals(new double[] {INF, 1.25, 1.25, INF}, CrowdingDistance.of(pts), 1e-12);
  }

  @Test
  void constantObjectiveAddsNothingAndSmallSetsAreBoundaries() {
    double[][] pts = {{1, 5}, {2, 5}, {3, 5}};
    // Only f1 counts; the middle point gets (3-1)/2 = 1.
    assertArrayEquals(new double[] {INF, 1.0, INF}, CrowdingDistance.of(pts), 1e-12);
    assertArrayEquals(
        new double[] {INF, INF}, CrowdingDistance.of(new double[][] {{0, 1}, {1, 0}}));
    assertArrayEquals(new double[] {0, 0}, CrowdingDistance.of(new double[][] {{1, 1}, {1, 1}}));
    assertArrayEquals(new double[0], CrowdingDistance.of(new double[0][]));
  }

  @Test
  void rejectsNonFiniteValues() {
    assertThrows(
        IllegalArgumentException.class,
        () -> CrowdingDistance.of(new double[][] {{1, 1}, {INF, 0}}));
  }
}
