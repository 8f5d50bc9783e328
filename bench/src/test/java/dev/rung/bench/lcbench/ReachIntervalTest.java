package dev.rung.bench.lcbench;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import org.junit.jupiter.api.Test;

/** The bootstrap interval of the share of the budget to MO-TPE full's final figure. */
class ReachIntervalTest {
  @Test
  void curvesAreTheMeanOverTasksOfTheMedianOverThePickedSeeds() {
    // two tasks, three seeds, two checkpoints
    double[][][] f = {
      {{0.1, 0.5}, {0.2, 0.6}, {0.9, 0.7}},
      {{0.3, 0.3}, {0.3, 0.4}, {0.3, 0.5}}
    };
    assertArrayEquals(
        new double[] {(0.2 + 0.3) / 2, (0.6 + 0.4) / 2},
        MultiObjectiveLcBench.curve(f, new int[] {0, 1, 2}),
        1e-12);
    // seed 2 picked twice: medians 0.9 and 0.3, then 0.7 and 0.5
    assertArrayEquals(
        new double[] {(0.9 + 0.3) / 2, (0.7 + 0.5) / 2},
        MultiObjectiveLcBench.curve(f, new int[] {2, 2, 0}),
        1e-12);
  }

  @Test
  void threeSeedsWorkedByHand() {
    // Full budget ends at 1 on every seed. The method is at 1 after half the budget on seeds 0 and
    // 1, and only at the end on seed 2: a resample reaches the target at half the budget unless
    // it picks seed 2 at least twice (probability 7/27 = 0.26), so both ends of a 90 % interval
    // are 50 % and 100 % (the chance that 2,000 resamples put fewer than 5 % at either end is far
    // below 1e-9).
    double[][][] full = {{{0, 1}, {0, 1}, {0, 1}}};
    double[][][] method = {{{1, 1}, {1, 1}, {0, 1}}};
    assertArrayEquals(
        new double[] {0.5, 1.0}, MultiObjectiveLcBench.reachInterval(full, method), 1e-12);
    // never reached on any seed
    double[][][] never = {{{0, 0.5}, {0, 0.5}, {0, 0.5}}};
    assertArrayEquals(
        new double[] {Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY},
        MultiObjectiveLcBench.reachInterval(full, never));
  }
}
