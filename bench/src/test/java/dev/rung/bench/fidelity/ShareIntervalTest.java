package dev.rung.bench.fidelity;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The bootstrap interval of the share of the budget to the target, on hand-worked runs. */
class ShareIntervalTest {
  /** A run whose incumbent reaches {@code value} after {@code epochs} epochs. */
  private static Trace reaching(double value, long epochs) {
    Trace t = new Trace();
    t.spend(epochs);
    t.completed(value, value);
    return t;
  }

  @Test
  void identicalRunsGiveAPoint() {
    List<Trace> full = List.of(reaching(1, 100), reaching(1, 100), reaching(1, 100));
    List<Trace> method = List.of(reaching(1, 30), reaching(0.5, 30), reaching(1, 30));
    assertArrayEquals(
        new double[] {0.3, 0.3}, MultiFidelityBench.shareInterval(full, method, 100), 1e-12);
  }

  @Test
  void runsThatNeverReachTheTargetGiveNever() {
    List<Trace> full = List.of(reaching(1, 100), reaching(1, 100));
    List<Trace> method = List.of(reaching(2, 10), reaching(3, 10));
    assertArrayEquals(
        new double[] {Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY},
        MultiFidelityBench.shareInterval(full, method, 100));
  }

  @Test
  void threeSeedsWorkedByHand() {
    // The target is 1 on every resample. The method's median of three resampled times is 10 when
    // two or three of the picks are 10: probability 7/27 = 0.26; likewise 90; otherwise 20. Both
    // ends of a 90 % interval are therefore 10 and 90 (the chance that 2,000 resamples put fewer
    // than 5 % at either end is far below 1e-9).
    List<Trace> full = List.of(reaching(1, 100), reaching(1, 100), reaching(1, 100));
    List<Trace> method = List.of(reaching(1, 10), reaching(1, 20), reaching(1, 90));
    assertArrayEquals(
        new double[] {0.1, 0.9}, MultiFidelityBench.shareInterval(full, method, 100), 1e-12);
  }
}
