package dev.rung.importance;

/** Sorting indices by the values they point to, without boxing. */
final class IndexSort {
  private IndexSort() {}

  /** The indices {@code 0..n-1} ordered by {@code values} (stable: ties keep index order). */
  static int[] argsort(double[] values) {
    int n = values.length;
    int[] a = new int[n];
    for (int i = 0; i < n; i++) {
      a[i] = i;
    }
    int[] b = new int[n];
    // Bottom-up merge sort: runs of width 1, 2, 4, ... merged from a into b, then swapped.
    for (int width = 1; width < n; width *= 2) {
      for (int lo = 0; lo < n; lo += 2 * width) {
        int mid = Math.min(lo + width, n);
        int hi = Math.min(lo + 2 * width, n);
        int i = lo;
        int j = mid;
        int k = lo;
        while (i < mid && j < hi) {
          b[k++] = values[a[j]] < values[a[i]] ? a[j++] : a[i++];
        }
        while (i < mid) {
          b[k++] = a[i++];
        }
        while (j < hi) {
          b[k++] = a[j++];
        }
      }
      int[] t = a;
      a = b;
      b = t;
    }
    return a;
  }
}
