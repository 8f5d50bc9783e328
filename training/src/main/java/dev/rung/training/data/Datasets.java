package dev.rung.training.data;

import dev.rung.study.Seeds;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.random.RandomGenerator;

/**
 * Loads and prepares data: reads the files, splits off validation (and test) examples stratified by
 * class, then normalizes with statistics of the training part. Use {@link DataCache#get} to load
 * once per JVM.
 */
public final class Datasets {
  private Datasets() {}

  /** Reads and prepares the data {@code spec} describes. */
  public static PreparedData prepare(DataSpec spec) {
    RawTable all = read(spec, spec.train(), spec.trainLabels());
    RawTable test = spec.test() == null ? null : read(spec, spec.test(), spec.testLabels());
    if (test != null && test.shape().features() != all.shape().features()) {
      throw new DataFormatException(
          spec.test(),
          "test examples have "
              + test.shape().features()
              + " features but training examples in "
              + spec.train()
              + " have "
              + all.shape().features());
    }
    int classes = Math.max(all.classCount(), test == null ? 0 : test.classCount());
    if (classes < 2) {
      throw new DataFormatException(spec.train(), "has a single class: a classifier needs >= 2");
    }
    int[][] parts =
        all.splits() == null ? split(all.labels(), classes, spec) : splitByColumn(all, spec);
    int[] trainIdx = parts[0];
    int[] valIdx = parts[1];
    int[] testIdx = parts[2];
    int d = all.shape().features();
    float[] trainRows = rows(all, trainIdx);
    float[][] fitted = spec.normalization().fit(trainRows, trainIdx.length, d);
    Examples train =
        examples("train of " + spec.train(), trainRows, all, trainIdx, fitted, classes);
    Examples val =
        examples("validation of " + spec.train(), rows(all, valIdx), all, valIdx, fitted, classes);
    Examples testSet;
    if (test != null) {
      int[] every = new int[test.rows()];
      Arrays.setAll(every, i -> i);
      testSet = examples("test " + spec.test(), rows(test, every), test, every, fitted, classes);
    } else {
      testSet =
          examples("test of " + spec.train(), rows(all, testIdx), all, testIdx, fitted, classes);
    }
    return new PreparedData(spec, train, val, testSet, classes);
  }

  private static RawTable read(DataSpec spec, String file, String labels) {
    RawTable t =
        switch (spec.format()) {
          case IDX -> IdxReader.readLabeled(file, labels);
          case CSV -> CsvReader.read(file, spec.csv());
          case PARQUET -> ParquetReader.read(file, spec.parquet());
        };
    return spec.imageShape() == null ? t : t.withShape(spec.imageShape());
  }

  private static Examples examples(
      String name, float[] rows, RawTable source, int[] idx, float[][] fitted, int classes) {
    int d = source.shape().features();
    Normalization.apply(fitted, rows, idx.length, d);
    int[] labels = new int[idx.length];
    for (int i = 0; i < idx.length; i++) {
      labels[i] = source.labels()[idx[i]];
    }
    return new Examples(name, rows, labels, source.shape(), classes);
  }

  private static float[] rows(RawTable t, int[] idx) {
    int d = t.shape().features();
    float[] out = new float[idx.length * d];
    for (int i = 0; i < idx.length; i++) {
      System.arraycopy(t.features(), idx[i] * d, out, i * d, d);
    }
    return out;
  }

  /** Stratified split into train, validation and test indices (each sorted). */
  static int[][] split(int[] labels, int classes, DataSpec spec) {
    RandomGenerator rng = Seeds.rng(spec.splitSeed(), Seeds.hash("data-split"));
    List<List<Integer>> byClass = new ArrayList<>();
    for (int c = 0; c < classes; c++) {
      byClass.add(new ArrayList<>());
    }
    for (int i = 0; i < labels.length; i++) {
      byClass.get(labels[i]).add(i);
    }
    List<Integer> train = new ArrayList<>();
    List<Integer> val = new ArrayList<>();
    List<Integer> test = new ArrayList<>();
    for (List<Integer> members : byClass) {
      shuffle(members, rng);
      int n = members.size();
      int nVal = (int) Math.round(n * spec.validationFraction());
      int nTest = (int) Math.round(n * spec.testFraction());
      for (int k = 0; k < n; k++) {
        (k < nVal ? val : k < nVal + nTest ? test : train).add(members.get(k));
      }
    }
    if (train.isEmpty() || val.isEmpty() || (spec.test() == null && test.isEmpty())) {
      throw new DataFormatException(
          spec.train(),
          "has "
              + labels.length
              + " examples, too few for validation_fraction "
              + spec.validationFraction()
              + " and test_fraction "
              + spec.testFraction());
    }
    return new int[][] {sorted(train), sorted(val), sorted(test)};
  }

  /** Train, validation and test indices as the split column says (each sorted). */
  static int[][] splitByColumn(RawTable all, DataSpec spec) {
    DataSplit[] values = DataSplit.values();
    List<List<Integer>> parts = new ArrayList<>();
    for (int p = 0; p < values.length; p++) {
      parts.add(new ArrayList<>());
    }
    byte[] splits = all.splits();
    for (int i = 0; i < splits.length; i++) {
      parts.get(splits[i]).add(i);
    }
    for (DataSplit p : values) {
      if (parts.get(p.ordinal()).isEmpty()) {
        throw new DataFormatException(
            spec.train(),
            "split column '"
                + spec.parquet().splitColumn()
                + "' marks no "
                + p.name().toLowerCase(Locale.ROOT)
                + " rows among "
                + splits.length
                + ": train, validation and test each need at least one (allowed values: "
                + DataSplit.ALLOWED
                + ")");
      }
    }
    return new int[][] {sorted(parts.get(0)), sorted(parts.get(1)), sorted(parts.get(2))};
  }

  private static void shuffle(List<Integer> list, RandomGenerator rng) {
    for (int i = list.size() - 1; i > 0; i--) {
      int j = rng.nextInt(i + 1);
      Integer t = list.get(i);
      list.set(i, list.get(j));
      list.set(j, t);
    }
  }

  private static int[] sorted(List<Integer> l) {
    return l.stream().mapToInt(Integer::intValue).sorted().toArray();
  }
}
