package dev.rung.samplers.tpe;

import java.util.Arrays;

/**
 * The kernels of an {@link IncrementalMixture}, one per slot: the observation each stands for, its
 * centre and width per dimension and the parameters derived from them, its rank among the
 * observations, and its constant (log-weight plus log-normaliser).
 *
 * @apiNote Slots {@code [0, used)} hold kernels or holes; a hole (a freed slot) keeps its stale
 *     parameters but has number {@link #FREE}, rank {@code kernels + 1} and constant -infinity once
 *     {@link #weigh} ran. New kernels go to the end; only {@link #permute} moves kernels between
 *     slots. The arrays returned by the accessors are replaced when slots grow or move: read them
 *     anew after an update.
 */
final class KernelSlots {
  /** The number of a hole; a trial number without a slot. */
  static final int FREE = -1;

  private final KernelSpace[] dims;
  private final int nd;

  /** The numerical dimensions (continuous and stepped): the ones kernels have widths in. */
  private final int[] numerical;

  private int capacity;
  private int used;
  private int live;

  /** Counts updates: a slot's seen, added and renormed are the update that last did so. */
  private int epoch;

  // Per slot.
  private int[] number = new int[0];
  private ObservedTrial[] source = new ObservedTrial[0];
  private int[] rank = new int[0];
  private int[] seen = new int[0];
  private int[] added = new int[0];
  private int[] renormed = new int[0];
  private double[] norm = new double[0];
  private double[] constant = new double[0];

  /** The slots renormed in this update, each once. */
  private int[] renormedSlots = new int[16];

  private int renormedCount;

  // Per dimension and slot: the internal value; the centre (the category's index when
  // categorical); width, sqrt(1/2)/sigma, centre * that, 1/sigma (stepped), log normaliser.
  private final double[][] raw;
  private final double[][] mu;
  private final double[][] sigma;
  private final double[][] halfInv;
  private final double[][] scaledMu;
  private final double[][] inv;
  private final double[][] logMass;

  /** By trial number, its slot or {@link #FREE}. */
  private int[] slotOf = new int[0];

  KernelSlots(KernelSpace[] dims) {
    this.dims = dims;
    this.nd = dims.length;
    this.numerical = numerical(dims);
    raw = new double[nd][0];
    mu = new double[nd][0];
    sigma = new double[nd][0];
    halfInv = new double[nd][0];
    scaledMu = new double[nd][0];
    inv = new double[nd][0];
    logMass = new double[nd][0];
  }

  private static int[] numerical(KernelSpace[] dims) {
    int count = 0;
    for (KernelSpace s : dims) {
      count += s.isCategorical() ? 0 : 1;
    }
    int[] out = new int[count];
    count = 0;
    for (int d = 0; d < dims.length; d++) {
      if (!dims[d].isCategorical()) {
        out[count++] = d;
      }
    }
    return out;
  }

  /** Starts an update: kernels not {@link #keep kept} or {@link #add added} in it are stale. */
  void nextEpoch() {
    epoch++;
    renormedCount = 0;
  }

  /**
   * Keeps trial {@code t}'s kernel at rank {@code rank} if it holds {@code t}'s observation as it
   * is now ({@code pos}: the positions of the dimensions in its values); whether it did.
   */
  boolean keep(ObservedTrial t, int[] pos, int rank) {
    reach(t.number());
    int s = slotOf[t.number()];
    if (s != FREE && (source[s] == t || same(s, t, pos))) {
      seen[s] = epoch;
      this.rank[s] = rank;
      return true;
    }
    return false;
  }

  /** Makes room in {@link #slotOf} for trial number {@code num}. */
  private void reach(int num) {
    if (num >= slotOf.length) {
      int old = slotOf.length;
      slotOf = Arrays.copyOf(slotOf, Math.max(num + 1, 2 * old));
      Arrays.fill(slotOf, old, slotOf.length, FREE);
    }
  }

  /** Whether slot {@code s} holds trial {@code t}'s observation as it is now. */
  private boolean same(int s, ObservedTrial t, int[] pos) {
    double[] v = t.values();
    for (int d = 0; d < nd; d++) {
      if (Double.doubleToLongBits(v[pos[d]]) != Double.doubleToLongBits(raw[d][s])) {
        return false;
      }
    }
    source[s] = t;
    return true;
  }

  /** Whether slot {@code s} holds a kernel that this update neither kept nor added. */
  boolean isStale(int s) {
    return number[s] != FREE && seen[s] != epoch;
  }

  /** Makes slot {@code s} a hole. */
  void remove(int s) {
    if (slotOf[number[s]] == s) {
      slotOf[number[s]] = FREE;
    }
    number[s] = FREE;
    source[s] = null;
    live--;
  }

  /**
   * Puts trial {@code t}'s observation in the next slot, at rank {@code rank}, and returns the
   * slot; its widths are still to be {@link #setWidth set}.
   *
   * @throws IllegalStateException when no slot is left: {@link #grow} first
   */
  int add(ObservedTrial t, int[] pos, int rank) {
    if (used == capacity) {
      throw new IllegalStateException("no free slot of " + capacity);
    }
    int s = used++;
    number[s] = t.number();
    source[s] = t;
    reach(t.number());
    slotOf[t.number()] = s;
    added[s] = epoch;
    this.rank[s] = rank;
    double[] v = t.values();
    for (int d = 0; d < nd; d++) {
      raw[d][s] = v[pos[d]];
      mu[d][s] = dims[d].isCategorical() ? v[pos[d]] : ParzenEstimator.centre(dims[d], v[pos[d]]);
    }
    renormed(s);
    live++;
    return s;
  }

  /**
   * Sets kernel {@code s}'s width in numerical dimension {@code d}, deriving its parameters there
   * anew when the width changed or the kernel is new in this update.
   */
  void setWidth(int d, int s, double width) {
    if (added[s] == epoch || width != sigma[d][s]) {
      double iv = 1 / width;
      sigma[d][s] = width;
      inv[d][s] = iv;
      halfInv[d][s] = iv * ParzenEstimator.SQRT_HALF;
      scaledMu[d][s] = mu[d][s] * halfInv[d][s];
      logMass[d][s] = ParzenEstimator.logNormaliser(dims[d], mu[d][s], width);
      renormed(s);
    }
  }

  private void renormed(int s) {
    if (renormed[s] != epoch) {
      renormed[s] = epoch;
      if (renormedCount == renormedSlots.length) {
        renormedSlots = Arrays.copyOf(renormedSlots, Math.max(16, 2 * renormedCount));
      }
      renormedSlots[renormedCount++] = s;
    }
  }

  /**
   * Derives the log-normaliser of the kernels new in this update or whose width changed, and
   * returns how many they are (see {@link #renormedSlot}).
   */
  int renormalise() {
    for (int k = 0; k < renormedCount; k++) {
      int s = renormedSlots[k];
      double sum = 0;
      for (int d : numerical) {
        sum += logMass[d][s];
      }
      norm[s] = sum;
    }
    return renormedCount;
  }

  /** The {@code k}-th slot {@link #renormalise} renormalised. */
  int renormedSlot(int k) {
    return renormedSlots[k];
  }

  /**
   * Sets each kernel's constant, {@code logW[rank] + norm}; holes get constant -infinity and rank
   * {@code kernels + 1}.
   */
  void weigh(double[] logW) {
    for (int s = 0; s < used; s++) {
      if (number[s] == FREE) {
        constant[s] = Double.NEGATIVE_INFINITY;
        rank[s] = live + 1;
      } else {
        constant[s] = logW[rank[s]] + norm[s];
      }
    }
  }

  /** Makes room for {@code size} slots. */
  void grow(int size) {
    int old = capacity;
    capacity = size;
    number = Arrays.copyOf(number, size);
    Arrays.fill(number, old, size, FREE);
    source = Arrays.copyOf(source, size);
    rank = Arrays.copyOf(rank, size);
    seen = Arrays.copyOf(seen, size);
    added = Arrays.copyOf(added, size);
    renormed = Arrays.copyOf(renormed, size);
    norm = Arrays.copyOf(norm, size);
    constant = Arrays.copyOf(constant, size);
    for (int d = 0; d < nd; d++) {
      raw[d] = Arrays.copyOf(raw[d], size);
      mu[d] = Arrays.copyOf(mu[d], size);
      sigma[d] = Arrays.copyOf(sigma[d], size);
      halfInv[d] = Arrays.copyOf(halfInv[d], size);
      scaledMu[d] = Arrays.copyOf(scaledMu[d], size);
      inv[d] = Arrays.copyOf(inv[d], size);
      logMass[d] = Arrays.copyOf(logMass[d], size);
    }
  }

  /**
   * Moves the kernel at slot {@code order[p]} to slot {@code p}, for every live kernel (each once,
   * in any order): the holes are gone afterwards. Returns each old slot's new one ({@link #FREE}
   * for a hole).
   */
  int[] permute(int[] order) {
    int[] newSlot = new int[used];
    Arrays.fill(newSlot, FREE);
    for (int p = 0; p < order.length; p++) {
      newSlot[order[p]] = p;
    }
    number = gather(number, order, FREE);
    source = gather(source, order);
    added = gather(added, order, 0);
    renormed = gather(renormed, order, 0);
    seen = gather(seen, order, 0);
    rank = gather(rank, order, 0);
    norm = gather(norm, order);
    for (int d = 0; d < nd; d++) {
      raw[d] = gather(raw[d], order);
      mu[d] = gather(mu[d], order);
      sigma[d] = gather(sigma[d], order);
      halfInv[d] = gather(halfInv[d], order);
      scaledMu[d] = gather(scaledMu[d], order);
      inv[d] = gather(inv[d], order);
      logMass[d] = gather(logMass[d], order);
    }
    for (int p = 0; p < order.length; p++) {
      slotOf[number[p]] = p;
    }
    used = order.length;
    return newSlot;
  }

  private int[] gather(int[] values, int[] order, int fill) {
    int[] out = new int[capacity];
    Arrays.fill(out, fill);
    for (int p = 0; p < order.length; p++) {
      out[p] = values[order[p]];
    }
    return out;
  }

  private double[] gather(double[] values, int[] order) {
    double[] out = new double[capacity];
    for (int p = 0; p < order.length; p++) {
      out[p] = values[order[p]];
    }
    return out;
  }

  private ObservedTrial[] gather(ObservedTrial[] values, int[] order) {
    ObservedTrial[] out = new ObservedTrial[capacity];
    for (int p = 0; p < order.length; p++) {
      out[p] = values[order[p]];
    }
    return out;
  }

  /** The live slots in slot order. */
  int[] liveSlots() {
    int[] out = new int[live];
    int k = 0;
    for (int s = 0; s < used; s++) {
      if (number[s] != FREE) {
        out[k++] = s;
      }
    }
    return out;
  }

  /** The numerical dimensions, ascending (not a copy: do not write). */
  int[] numerical() {
    return numerical;
  }

  int capacity() {
    return capacity;
  }

  /** Slots {@code [0, used)} hold kernels or holes. */
  int used() {
    return used;
  }

  /** The number of kernels (live slots). */
  int live() {
    return live;
  }

  boolean isLive(int s) {
    return number[s] != FREE;
  }

  /** The trial number of slot {@code s}'s kernel, {@link #FREE} for a hole. */
  int number(int s) {
    return number[s];
  }

  /** Per slot, the kernel's rank among the observations. */
  int[] ranks() {
    return rank;
  }

  /** Per slot, the kernel's constant (log-weight plus log-normaliser). */
  double[] constants() {
    return constant;
  }

  /** Per slot, the centre in dimension {@code d} (a category's index when categorical). */
  double[] centres(int d) {
    return mu[d];
  }

  /** Per slot, the width in numerical dimension {@code d}. */
  double[] widths(int d) {
    return sigma[d];
  }

  /** Per slot, {@code sqrt(1/2) / sigma} in numerical dimension {@code d}. */
  double[] halfInverseWidths(int d) {
    return halfInv[d];
  }

  /** Per slot, the centre times {@code sqrt(1/2) / sigma} in numerical dimension {@code d}. */
  double[] scaledCentres(int d) {
    return scaledMu[d];
  }

  /** Per slot, {@code 1 / sigma} in numerical dimension {@code d}. */
  double[] inverseWidths(int d) {
    return inv[d];
  }
}
