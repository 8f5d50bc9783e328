package dev.rung.samplers.tpe;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class TpeFormulasTest {

  @Test
  void gammaFunctions() {
    GammaFunction g = GammaFunction.optuna();
    assertEquals(0, g.below(0));
    assertEquals(1, g.below(1));
    assertEquals(1, g.below(10));
    assertEquals(2, g.below(11));
    assertEquals(25, g.below(250));
    assertEquals(25, g.below(10000));
    GammaFunction mo = GammaFunction.multiObjective();
    assertEquals(1000, mo.below(10000));
    assertEquals(3, mo.below(21));
    assertEquals(3, GammaFunction.hyperopt().below(100)); // ceil(0.25 * 10) = 3
  }

  @Test
  void weightsRampThenFlat() {
    WeightsFunction w = WeightsFunction.optuna();
    assertArrayEquals(new double[] {1, 1, 1}, w.weights(3));
    assertEquals(24, w.weights(24).length);
    // n = 25: linspace(1/25, 1, 0) is empty, so 25 ones.
    double[] w25 = w.weights(25);
    for (double v : w25) {
      assertEquals(1.0, v);
    }
    // n = 26: linspace(1/26, 1, 1) = [1/26], then 25 ones.
    double[] w26 = w.weights(26);
    assertEquals(1.0 / 26, w26[0], 1e-15);
    assertEquals(1.0, w26[1]);
    // n = 30: linspace(1/30, 1, 5) = 1/30 + i (1 - 1/30) / 4, then 25 ones.
    double[] w30 = w.weights(30);
    for (int i = 0; i < 5; i++) {
      assertEquals(1.0 / 30 + i * (1 - 1.0 / 30) / 4, w30[i], 1e-15);
    }
    for (int i = 5; i < 30; i++) {
      assertEquals(1.0, w30[i]);
    }
  }

  @Test
  void categoricalKernelFormula() {
    // C = 3 choices, m = 2 observations (0 and 2), prior weight 1: smooth = 1/3, norm = 2.
    double[] rows = CategoricalKernel.logRows(new int[] {0, 2}, 3, 1.0, true);
    double hit = (1 + 1.0 / 3) / 2;
    double other = (1.0 / 3) / 2;
    assertArrayEquals(
        new double[] {hit, other, other, other, other, hit, 1.0 / 3, 1.0 / 3, 1.0 / 3},
        java.util.Arrays.stream(rows).map(Math::exp).toArray(),
        1e-15);
    // Every row is a distribution.
    double[] rows2 = CategoricalKernel.logRows(new int[] {1, 1, 4, 0}, 5, 2.5, true);
    for (int k = 0; k < 5; k++) {
      double s = 0;
      for (int c = 0; c < 5; c++) {
        s += Math.exp(rows2[k * 5 + c]);
      }
      assertEquals(1.0, s, 1e-14);
    }
  }

  @Test
  void acquisitionTakesTheFirstBestAndIgnoresNaN() {
    assertEquals(
        1, Acquisition.argmax(new double[] {0, 2, 2, Double.NaN}, new double[] {0, 0, 0, 0}));
    assertEquals(2, Acquisition.argmax(new double[] {0, 2, 2}, new double[] {0, 1, -1}));
  }
}
