package dev.rung.samplers.tpe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rung.distributions.FloatDistribution;
import dev.rung.distributions.IntDistribution;
import dev.rung.study.Seeds;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;

class KernelTilesTest {
  /** Three continuous dimensions and a stepped one. */
  private static final KernelSpace[] DIMS = {
    KernelSpace.of(FloatDistribution.uniform(-5, 5)),
    KernelSpace.of(FloatDistribution.uniform(0, 1)),
    KernelSpace.of(IntDistribution.stepped(0, 100, 5)),
    KernelSpace.of(FloatDistribution.uniform(-5, 5)),
  };

  private static final int[] POSITIONS = {0, 1, 2, 3};

  private final RandomGenerator rng = Seeds.rng(41, 0);
  private final KernelSlots slots = new KernelSlots(DIMS);
  private final KernelTiles tiles = new KernelTiles(slots);
  private int next;

  @Test
  void blockAndTreeBoundsAreAtLeastEveryTermOfTheirKernels() {
    // Error rate: none, kernels and points are fixed by the seed.
    slots.grow(2000);
    tiles.grow(2000);
    slots.nextEpoch();
    for (int k = 0; k < 1000; k++) {
      add();
    }
    settle();
    tiles.tile();
    assertEquals(slots.live(), slots.used(), "holes left after tiling");
    assertEquals((1000 + KernelTiles.BLOCK - 1) / KernelTiles.BLOCK, tiles.treeBlocks());
    weighAndBound();
    assertBoundsHold();

    // Holes, a tail, and kernels of the tree whose widths changed: the bounds follow.
    slots.nextEpoch();
    for (int s = 0; s < slots.used(); s++) {
      if (rng.nextDouble() < 0.02) {
        slots.remove(s);
        tiles.removed(s);
      } else if (rng.nextDouble() < 0.05) {
        // Wider than before: a block's stale smallest sqrt(1/2)/sigma would bound too tightly.
        int d = rng.nextInt(2) * 3;
        slots.setWidth(d, s, DIMS[d].range());
      }
    }
    for (int k = 0; k < 30; k++) {
      add();
    }
    settle();
    assertFalse(tiles.isDue());
    assertTrue(tiles.blocks() > tiles.treeBlocks());
    weighAndBound();
    assertBoundsHold();
  }

  /** Adds a trial near one of four cluster centres, with random narrow widths. */
  private void add() {
    int c = rng.nextInt(4);
    double[] v = {
      -4 + 2.5 * c + 0.3 * rng.nextGaussian(),
      rng.nextDouble(),
      5 * rng.nextInt(21),
      4 - 2.5 * c + 0.3 * rng.nextGaussian(),
    };
    int s = slots.add(KernelSlotsTest.trial(next++, v), POSITIONS, 0);
    for (int d : slots.numerical()) {
      slots.setWidth(d, s, (0.01 + 0.05 * rng.nextDouble()) * DIMS[d].range());
    }
  }

  private void settle() {
    int renormed = slots.renormalise();
    for (int k = 0; k < renormed; k++) {
      tiles.changed(slots.renormedSlot(k));
    }
  }

  private void weighAndBound() {
    double[] weights = new double[slots.live()];
    for (int i = 0; i < weights.length; i++) {
      weights[i] = 0.5 + rng.nextDouble();
    }
    // Ranks as an update sets them: the kernels in slot order.
    int rank = 0;
    for (int s : slots.liveSlots()) {
      slots.ranks()[s] = rank++;
    }
    slots.weigh(ParzenEstimator.componentLogWeights(weights, 1));
    tiles.bound();
  }

  /** Every kernel's log-term at random points is at most its block's bound and the root's. */
  private void assertBoundsHold() {
    double[][] cells = new double[2][DIMS.length];
    double[][] one = new double[2][1];
    for (int j = 0; j < 200; j++) {
      for (int d = 0; d < DIMS.length; d++) {
        KernelSpace sp = DIMS[d];
        double x = sp.untransform(sp.kernelLow() + rng.nextDouble() * sp.range());
        ParzenEstimator.kernelCoordinates(sp, new double[] {x}, one[0], one[1]);
        cells[0][d] = one[0][0];
        cells[1][d] = sp.isDiscrete() ? one[1][0] : one[0][0];
      }
      double root = tiles.treeBlocks() > 0 ? tiles.nodeBound(0, cells[0], cells[1]) : 0;
      for (int s : slots.liveSlots()) {
        double term = term(s, cells);
        int b = s / KernelTiles.BLOCK;
        double bound = tiles.blockBound(b, cells[0], cells[1]);
        assertTrue(term <= bound + 1e-9 * (1 + Math.abs(bound)), "block " + b + " at point " + j);
        if (b < tiles.treeBlocks()) {
          assertTrue(term <= root + 1e-9 * (1 + Math.abs(root)), "tree at point " + j);
        }
      }
    }
  }

  /** Slot {@code s}'s log-term at the point with cells {@code [cells[0], cells[1]]}. */
  private double term(int s, double[][] cells) {
    double[] term = {slots.constants()[s]};
    for (int d = 0; d < DIMS.length; d++) {
      if (DIMS[d].isDiscrete()) {
        ParzenEstimator.addDiscrete(
            term, 0, slots.centres(d), slots.inverseWidths(d), cells[0][d], cells[1][d], s, 1);
      } else {
        ParzenEstimator.addContinuous(
            term, 0, slots.scaledCentres(d), slots.halfInverseWidths(d), cells[0][d], s, 1);
      }
    }
    return term[0];
  }
}
