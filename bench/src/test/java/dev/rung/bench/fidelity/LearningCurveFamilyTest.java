package dev.rung.bench.fidelity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rung.study.Seeds;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;

class LearningCurveFamilyTest {

  @Test
  void curvesAreReproducibleAndBounded() {
    Curve a = LearningCurveFamily.curve(0.003, 64, 128, 0.2, 1e-4, 5);
    Curve b = LearningCurveFamily.curve(0.003, 64, 128, 0.2, 1e-4, 5);
    for (int e = 1; e <= 81; e++) {
      assertEquals(a.at(e), b.at(e));
      assertTrue(a.at(e) >= 0 && a.at(e) <= 1);
    }
  }

  @Test
  void aFastStarterIsOvertakenByASlowerBetterConfiguration() {
    // high learning rate: fast but a worse floor; near the best rate with dropout: slow, better
    Curve fast = LearningCurveFamily.curve(0.03, 64, 256, 0.1, 1e-3, 1);
    Curve slow = LearningCurveFamily.curve(0.0025, 64, 256, 0.4, 1e-3, 1);
    assertTrue(fast.at(2) < slow.at(2), fast.at(2) + " vs " + slow.at(2));
    assertTrue(fast.at(81) > slow.at(81), fast.at(81) + " vs " + slow.at(81));
  }

  @Test
  void epochOneSaysLittleAndLateEpochsMuch() {
    // 500 configurations drawn with a seed fixed in advance. The bounds hold with a wide margin
    // at this sample size (the rank correlations' standard errors are about 0.04).
    RandomGenerator rng = Seeds.rng(42);
    int n = 500;
    double[] first = new double[n];
    double[] late = new double[n];
    double[] fin = new double[n];
    for (int i = 0; i < n; i++) {
      double lr = Math.pow(10, -4 + 4 * rng.nextDouble());
      int batch = (int) Math.round(Math.pow(2, 4 + 5 * rng.nextDouble()));
      int width = (int) Math.round(Math.pow(2, 4 + 6 * rng.nextDouble()));
      double dropout = 0.7 * rng.nextDouble();
      double wd = Math.pow(10, -6 + 5 * rng.nextDouble());
      Curve c = LearningCurveFamily.curve(lr, batch, width, dropout, wd, i);
      first[i] = c.at(1);
      late[i] = c.at(27);
      fin[i] = c.at(81);
    }
    assertTrue(CurveStats.spearman(first, fin) < 0.45, "epoch 1 must say little");
    assertTrue(CurveStats.spearman(late, fin) > 0.8, "epoch 27 must say much");
  }
}
