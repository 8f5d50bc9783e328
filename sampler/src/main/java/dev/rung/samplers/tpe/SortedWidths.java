package dev.rung.samplers.tpe;

import java.util.Arrays;

/**
 * The kernels of {@link KernelSlots} sorted by centre in each numerical dimension, and the
 * neighbour-gap widths ({@link Bandwidths}) derived from those orders: after a kernel comes or goes
 * only its neighbours' widths are derived again.
 *
 * @apiNote Per numerical dimension the order holds the live slots by (centre, trial number), the
 *     exact order {@link ParzenEstimator} sorts by, so that the widths are the same to the last
 *     bit. The orders are kept by {@link #insert} and {@link #remove} one kernel at a time, or
 *     rebuilt by {@link #resort} after many changes (the orders are stale in between).
 */
final class SortedWidths {
  private final KernelSlots slots;
  private final KernelSpace[] dims;
  private final EstimatorOptions options;
  private final int[] numerical;

  /** The number of slots in each order. */
  private int size;

  /** Per numerical dimension (in {@link KernelSlots#numerical} order), the live slots sorted. */
  private final int[][] sorted;

  /**
   * Per numerical dimension, the slots whose neighbours changed since the widths were last derived
   * (entries may repeat or have been freed since).
   */
  private final int[][] touched;

  private final int[] touchedCount;

  /** Per numerical dimension, the smallest width the widths were last derived with. */
  private final double[] lastMinSigma;

  SortedWidths(KernelSlots slots, KernelSpace[] dims, EstimatorOptions options) {
    this.slots = slots;
    this.dims = dims;
    this.options = options;
    this.numerical = slots.numerical();
    sorted = new int[numerical.length][0];
    touched = new int[numerical.length][16];
    touchedCount = new int[numerical.length];
    lastMinSigma = new double[numerical.length];
    Arrays.fill(lastMinSigma, Double.NaN);
  }

  /** Makes room for {@code capacity} slots. */
  void grow(int capacity) {
    for (int q = 0; q < sorted.length; q++) {
      sorted[q] = Arrays.copyOf(sorted[q], capacity);
    }
  }

  /** Inserts live slot {@code s} into every order, its neighbours' widths to be derived again. */
  void insert(int s) {
    for (int q = 0; q < numerical.length; q++) {
      int at = search(q, slots.centres(numerical[q])[s], slots.number(s));
      System.arraycopy(sorted[q], at, sorted[q], at + 1, size - at);
      sorted[q][at] = s;
      touch(q, s);
      if (at > 0) {
        touch(q, sorted[q][at - 1]);
      }
      if (at < size) {
        touch(q, sorted[q][at + 1]);
      }
    }
    size++;
  }

  /**
   * Removes slot {@code s}, still live, from every order, its neighbours' widths to be derived
   * again.
   */
  void remove(int s) {
    for (int q = 0; q < numerical.length; q++) {
      int at = search(q, slots.centres(numerical[q])[s], slots.number(s));
      if (at > 0) {
        touch(q, sorted[q][at - 1]);
      }
      if (at + 1 < size) {
        touch(q, sorted[q][at + 1]);
      }
      System.arraycopy(sorted[q], at + 1, sorted[q], at, size - at - 1);
    }
    size--;
  }

  /**
   * Sorts the live slots of every numerical dimension by (centre, trial number) anew, and marks
   * every width to be derived again.
   */
  void resort() {
    int[] live = slots.liveSlots();
    size = live.length;
    double[] key = new double[size];
    for (int q = 0; q < numerical.length; q++) {
      double[] centres = slots.centres(numerical[q]);
      for (int i = 0; i < size; i++) {
        key[i] = centres[live[i]];
      }
      int[] order = Bandwidths.argsort(key);
      int[] out = sorted[q];
      for (int i = 0; i < size; i++) {
        out[i] = live[order[i]];
      }
      // argsort breaks ties by position among the live slots; the order is by trial number.
      for (int i = 1; i < size; i++) {
        int x = out[i];
        int j = i - 1;
        while (j >= 0
            && Bandwidths.after(
                centres[out[j]], slots.number(out[j]), centres[x], slots.number(x))) {
          out[j + 1] = out[j];
          j--;
        }
        out[j + 1] = x;
      }
      touchedCount[q] = 0;
      lastMinSigma[q] = Double.NaN;
    }
  }

  /** Renames every slot {@code s} in the orders {@code newSlot[s]}. */
  void relabel(int[] newSlot) {
    for (int[] order : sorted) {
      for (int i = 0; i < size; i++) {
        order[i] = newSlot[order[i]];
      }
    }
  }

  /**
   * The position of (value, trial number) in numerical dimension {@code q}'s order: where it is, or
   * where it would be inserted.
   */
  private int search(int q, double value, int num) {
    int[] order = sorted[q];
    double[] centres = slots.centres(numerical[q]);
    int a = 0;
    int b = size;
    while (a < b) {
      int mid = (a + b) >>> 1;
      int x = order[mid];
      if (Bandwidths.after(value, num, centres[x], slots.number(x))) {
        a = mid + 1;
      } else {
        b = mid;
      }
    }
    return a;
  }

  private void touch(int q, int slot) {
    if (touchedCount[q] == touched[q].length) {
      touched[q] = Arrays.copyOf(touched[q], 2 * touched[q].length);
    }
    touched[q][touchedCount[q]++] = slot;
  }

  /**
   * Sets the neighbour-gap widths of every numerical dimension: those of the kernels next to one
   * that came or went (all of them when the smallest width changed, or when most changed).
   */
  void derive() {
    for (int q = 0; q < numerical.length; q++) {
      int d = numerical[q];
      double minSigma = Bandwidths.minSigma(size, dims[d].range(), options.considerMagicClip());
      if (minSigma != lastMinSigma[q] || touchedCount[q] > size / 4) {
        for (int i = 0; i < size; i++) {
          width(q, i, minSigma);
        }
      } else {
        double[] centres = slots.centres(d);
        for (int k = 0; k < touchedCount[q]; k++) {
          int s = touched[q][k];
          if (slots.isLive(s)) {
            width(q, search(q, centres[s], slots.number(s)), minSigma);
          }
        }
      }
      lastMinSigma[q] = minSigma;
      touchedCount[q] = 0;
    }
  }

  /** Sets the width of the kernel at sorted position {@code i} of numerical dimension q. */
  private void width(int q, int i, double minSigma) {
    int d = numerical[q];
    KernelSpace sp = dims[d];
    double gap =
        Bandwidths.gapAt(
            slots.centres(d),
            size,
            sorted[q],
            i,
            sp.kernelLow(),
            sp.kernelHigh(),
            options.considerEndpoints());
    slots.setWidth(d, sorted[q][i], Bandwidths.clip(gap, minSigma, sp.range()));
  }

  /** The slots of numerical dimension {@code d}'s order, a copy. */
  int[] order(int d) {
    int q = Arrays.binarySearch(numerical, d);
    return Arrays.copyOf(sorted[q], size);
  }
}
