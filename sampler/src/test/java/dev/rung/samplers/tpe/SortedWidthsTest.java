package dev.rung.samplers.tpe;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.rung.distributions.CategoricalDistribution;
import dev.rung.distributions.FloatDistribution;
import dev.rung.distributions.IntDistribution;
import dev.rung.study.Seeds;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;

class SortedWidthsTest {
  private static final EstimatorOptions OPTIONS = new EstimatorOptions(1, true, false);

  /** A continuous dimension, a categorical one, and a coarse grid where many centres tie. */
  private static final KernelSpace[] DIMS = {
    KernelSpace.of(FloatDistribution.uniform(0, 1)),
    KernelSpace.of(CategoricalDistribution.of("a", "b")),
    KernelSpace.of(IntDistribution.stepped(0, 10, 2)),
  };

  private static final int[] POSITIONS = {0, 1, 2};

  /** Kernels kept one change at a time, or re-sorted after many, and their trials by number. */
  private static final class Kept {
    final KernelSlots slots = new KernelSlots(DIMS);
    final SortedWidths widths = new SortedWidths(slots, DIMS, OPTIONS);
    final List<ObservedTrial> trials = new ArrayList<>();

    /** Brings the kernels to {@link #trials}, one insertion or removal at a time unless bulk. */
    void update(boolean bulk) {
      slots.nextEpoch();
      List<ObservedTrial> fresh = new ArrayList<>();
      for (int i = 0; i < trials.size(); i++) {
        if (!slots.keep(trials.get(i), POSITIONS, i)) {
          fresh.add(trials.get(i));
        }
      }
      for (int s = 0; s < slots.used(); s++) {
        if (slots.isStale(s)) {
          if (!bulk) {
            widths.remove(s);
          }
          slots.remove(s);
        }
      }
      int size = 2 * (slots.used() + fresh.size());
      slots.grow(size);
      widths.grow(size);
      for (ObservedTrial t : fresh) {
        int s = slots.add(t, POSITIONS, trials.indexOf(t));
        if (!bulk) {
          widths.insert(s);
        }
      }
      if (bulk) {
        widths.resort();
      }
      widths.derive();
    }
  }

  @Test
  void ordersAndWidthsKeptThroughInsertsAndRemovalsEqualThoseDerivedAfresh() {
    // Error rate: none, the changes are fixed by the seed.
    RandomGenerator rng = Seeds.rng(31, 0);
    Kept kept = new Kept();
    int next = 0;
    for (int step = 0; step < 200; step++) {
      if (step == 0 || step == 120) {
        for (int k = 0; k < 150; k++) {
          kept.trials.add(trial(next++, rng));
        }
      } else {
        for (int k = rng.nextInt(4); k > 0; k--) {
          kept.trials.add(trial(next++, rng));
        }
        for (int k = rng.nextInt(3); k > 0 && !kept.trials.isEmpty(); k--) {
          kept.trials.remove(rng.nextInt(kept.trials.size()));
        }
      }
      kept.update(step == 0 || step == 120);
      for (int d : new int[] {0, 2}) {
        assertArrayEquals(sortedByCentreThenNumber(kept.slots, d), kept.widths.order(d));
        assertFreshWidths(kept, d, "step " + step + ", dimension " + d);
      }
    }
  }

  private static ObservedTrial trial(int number, RandomGenerator rng) {
    return KernelSlotsTest.trial(number, rng.nextDouble(), rng.nextInt(2), 2 * rng.nextInt(6));
  }

  private static int[] sortedByCentreThenNumber(KernelSlots slots, int d) {
    double[] centres = slots.centres(d);
    return Arrays.stream(slots.liveSlots())
        .boxed()
        .sorted(
            Comparator.<Integer>comparingDouble(s -> centres[s]).thenComparingInt(slots::number))
        .mapToInt(Integer::intValue)
        .toArray();
  }

  /** The widths {@link ParzenEstimator} gives the kernels, from their centres in trial order. */
  private static void assertFreshWidths(Kept kept, int d, String what) {
    KernelSpace sp = DIMS[d];
    int m = kept.trials.size();
    double[] centres = new double[m];
    for (int i = 0; i < m; i++) {
      centres[i] = ParzenEstimator.centre(sp, kept.trials.get(i).values()[d]);
    }
    double[] gaps =
        Bandwidths.neighbourGaps(
            centres, sp.kernelLow(), sp.kernelHigh(), OPTIONS.considerEndpoints());
    double minSigma = Bandwidths.minSigma(m, sp.range(), OPTIONS.considerMagicClip());
    int[] ranks = kept.slots.ranks();
    for (int s : kept.slots.liveSlots()) {
      double expected = Bandwidths.clip(gaps[ranks[s]], minSigma, sp.range());
      assertEquals(expected, kept.slots.widths(d)[s], 0, what + ", trial " + kept.slots.number(s));
    }
  }
}
