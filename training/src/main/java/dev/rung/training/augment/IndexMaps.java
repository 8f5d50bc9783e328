package dev.rung.training.augment;

import dev.rung.training.data.InputShape;

/**
 * Geometric transforms of an image as index maps: entry {@code p} of a map is the flat index (in
 * {@code channels x height x width} order) of the source pixel that lands on output pixel {@code
 * p}, or {@code features} (one past the end) where the output is filled with zero.
 * Nearest-neighbour sampling: no interpolation, so values are never blended.
 */
final class IndexMaps {
  private IndexMaps() {}

  /** Rotation by {@code degrees} counter-clockwise about the image centre. */
  static int[] rotation(InputShape s, double degrees) {
    double t = Math.toRadians(degrees);
    double cos = Math.cos(t);
    double sin = Math.sin(t);
    double cy = (s.height() - 1) / 2.0;
    double cx = (s.width() - 1) / 2.0;
    int[] map = new int[s.features()];
    int hw = s.height() * s.width();
    for (int y = 0; y < s.height(); y++) {
      for (int x = 0; x < s.width(); x++) {
        // Inverse mapping: the output pixel looks up where it came from.
        double dx = x - cx;
        double dy = y - cy;
        int sx = (int) Math.round(cos * dx - sin * dy + cx);
        int sy = (int) Math.round(sin * dx + cos * dy + cy);
        fill(map, s, hw, y * s.width() + x, sy, sx);
      }
    }
    return map;
  }

  /** Shift right by {@code dx} and down by {@code dy} pixels, zero-filled. */
  static int[] shift(InputShape s, int dx, int dy) {
    int[] map = new int[s.features()];
    int hw = s.height() * s.width();
    for (int y = 0; y < s.height(); y++) {
      for (int x = 0; x < s.width(); x++) {
        fill(map, s, hw, y * s.width() + x, y - dy, x - dx);
      }
    }
    return map;
  }

  /** Left-right mirror. */
  static int[] mirror(InputShape s) {
    int[] map = new int[s.features()];
    int hw = s.height() * s.width();
    for (int y = 0; y < s.height(); y++) {
      for (int x = 0; x < s.width(); x++) {
        fill(map, s, hw, y * s.width() + x, y, s.width() - 1 - x);
      }
    }
    return map;
  }

  /** The identity map. */
  static int[] identity(InputShape s) {
    return shift(s, 0, 0);
  }

  private static void fill(int[] map, InputShape s, int hw, int out, int sy, int sx) {
    boolean inside = sy >= 0 && sy < s.height() && sx >= 0 && sx < s.width();
    for (int c = 0; c < s.channels(); c++) {
      map[c * hw + out] = inside ? c * hw + sy * s.width() + sx : s.features();
    }
  }
}
