package dev.rung.training.augment;

import static org.junit.jupiter.api.Assertions.*;

import dev.rung.study.Seeds;
import dev.rung.training.data.InputShape;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class AugmenterTest {
  private static final InputShape SHAPE = InputShape.image(2, 4, 5);

  /** Two examples whose pixel values are their flat index + 1 (0 never occurs). */
  private static INDArray batch() {
    return Nd4j.arange(1, 2 * SHAPE.features() + 1)
        .castTo(DataType.FLOAT)
        .reshape(2, SHAPE.features());
  }

  private static float px(INDArray x, int row, int c, int y, int xx) {
    return x.getFloat(row, c * SHAPE.height() * SHAPE.width() + y * SHAPE.width() + xx);
  }

  @Test
  void certainFlipMirrorsEveryChannel() {
    INDArray x = batch();
    INDArray f = new Augmenter(SHAPE, new Augmentation(0, 1, 0)).apply(x, Seeds.rng(1));
    for (int c = 0; c < 2; c++) {
      for (int y = 0; y < 4; y++) {
        for (int i = 0; i < 5; i++) {
          assertEquals(px(x, 1, c, y, 4 - i), px(f, 1, c, y, i));
        }
      }
    }
    assertEquals(batch(), x, "the input is left unchanged");
  }

  @Test
  void shiftMovesPixelsAndFillsZeros() {
    INDArray x = batch();
    INDArray s = new Augmenter(SHAPE, new Augmentation(0, 0, 1)).apply(x, Seeds.rng(2));
    for (int row = 0; row < 2; row++) {
      // Find the shift used: every output pixel is either 0 or the input shifted by (dy, dx).
      boolean matched = false;
      for (int dy = -1; dy <= 1 && !matched; dy++) {
        for (int dx = -1; dx <= 1 && !matched; dx++) {
          matched = isShift(x, s, row, dx, dy);
        }
      }
      assertTrue(matched, "row " + row + " is not a shift of its input");
    }
  }

  private static boolean isShift(INDArray x, INDArray s, int row, int dx, int dy) {
    for (int c = 0; c < 2; c++) {
      for (int y = 0; y < 4; y++) {
        for (int i = 0; i < 5; i++) {
          int sy = y - dy;
          int sx = i - dx;
          float want = sy >= 0 && sy < 4 && sx >= 0 && sx < 5 ? px(x, row, c, sy, sx) : 0;
          if (px(s, row, c, y, i) != want) {
            return false;
          }
        }
      }
    }
    return true;
  }

  @Test
  void quarterTurnOfASquareImageIsExact() {
    InputShape sq = InputShape.image(1, 3, 3);
    int[] map = IndexMaps.rotation(sq, 90);
    // Counter-clockwise as seen: the top-right pixel (index 2) moves to the top-left, the
    // bottom-right (8) to the top-right, and the centre stays.
    assertEquals(2, map[0]);
    assertEquals(8, map[2]);
    assertEquals(4, map[4]);
    assertEquals(0, map[6]);
  }

  @Test
  void rotationKeepsTheCentreAndIsReproduciblePerSeed() {
    Augmenter a = new Augmenter(SHAPE, new Augmentation(30, 0.5, 1));
    INDArray x = batch();
    assertEquals(a.apply(x, Seeds.rng(5)), a.apply(x, Seeds.rng(5)));
    assertNotEquals(a.apply(x, Seeds.rng(5)), a.apply(x, Seeds.rng(6)));
    Augmenter rot = new Augmenter(InputShape.image(1, 5, 5), new Augmentation(45, 0, 0));
    INDArray img = Nd4j.arange(1, 26).castTo(DataType.FLOAT).reshape(1, 25);
    for (long seed = 0; seed < 5; seed++) {
      assertEquals(13f, rot.apply(img, Seeds.rng(seed)).getFloat(0, 12), "the centre pixel stays");
    }
  }

  @Test
  void noAugmentationIsTheIdentityAndVectorsAreRejected() {
    INDArray x = batch();
    assertSame(x, new Augmenter(SHAPE, Augmentation.NONE).apply(x, Seeds.rng(1)));
    assertThrows(
        IllegalArgumentException.class,
        () -> new Augmenter(InputShape.vector(10), new Augmentation(10, 0, 0)));
  }
}
