package dev.rung.training.data;

import static org.junit.jupiter.api.Assertions.*;

import dev.rung.training.TestData;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;

class DatasetsTest {
  @Test
  void splitIsStratifiedDisjointAndComplete() {
    int[] labels = new int[1000];
    for (int i = 0; i < labels.length; i++) {
      labels[i] = i % 4;
    }
    int[][] parts = Datasets.split(labels, 4, DataSpec.digits());
    assertEquals(600, parts[0].length);
    assertEquals(200, parts[1].length);
    assertEquals(200, parts[2].length);
    Set<Integer> seen = new HashSet<>();
    for (int[] part : parts) {
      for (int i : part) {
        assertTrue(seen.add(i), "index " + i + " is in two parts");
      }
    }
    assertEquals(1000, seen.size());
    int[] perClass = new int[4];
    for (int i : parts[1]) {
      perClass[labels[i]]++;
    }
    assertArrayEquals(new int[] {50, 50, 50, 50}, perClass);
  }

  @Test
  void digitsAreSplitScaledAndCached() {
    PreparedData d = TestData.digits();
    assertSame(d, DataCache.get(DataSpec.digits()));
    assertEquals(1797, d.train().size() + d.validation().size() + d.test().size());
    assertEquals(10, d.classes());
    assertEquals(InputShape.image(1, 8, 8), d.shape());
    assertEquals(1.0, d.train().features().maxNumber().doubleValue(), 1e-6);
    assertTrue(d.validation().size() >= 355 && d.validation().size() <= 365);
  }

  @Test
  void standardizationUsesTrainingStatisticsOnly() {
    PreparedData d =
        Datasets.prepare(DataSpec.digits().withNormalization(Normalization.STANDARDIZE));
    INDArray mean = d.train().features().mean(0);
    assertEquals(0.0, mean.amaxNumber().doubleValue(), 1e-4);
    // Validation uses the training mean and std, so its column means are not forced to 0.
    assertTrue(d.validation().features().mean(0).amaxNumber().doubleValue() > 1e-3);
  }

  @Test
  void differentSpecsAreDifferentCacheEntries() {
    DataSpec a = DataSpec.digits();
    DataSpec b = a.withNormalization(Normalization.MINMAX);
    assertNotEquals(a, b);
    assertEquals(a, DataSpec.digits());
    assertEquals(a.hashCode(), DataSpec.digits().hashCode());
  }
}
