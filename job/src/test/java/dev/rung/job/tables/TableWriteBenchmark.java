package dev.rung.job.tables;

import java.io.IOException;
import java.nio.file.Files;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * Prints what the driver pays per table write: an append of 10 intermediate values, an append of
 * one segment, a trials snapshot of 1,000 and of 10,000 trials, and reading everything back. The
 * baseline, measured in the same run, is publishing an opaque file of the same size the same way
 * (temporary name, then rename): the file system's floor.
 *
 * <pre>
 * mvn -o -q -pl job -am test-compile dependency:build-classpath \
 *     -Dmdep.outputFile=$PWD/cp.txt -Dmdep.includeScope=test
 * java -cp "job/target/test-classes:job/target/classes:sampler/target/classes:$(cat cp.txt)" \
 *     dev.rung.job.tables.TableWriteBenchmark [output path, default a local temporary directory]
 * </pre>
 */
public final class TableWriteBenchmark {

  private TableWriteBenchmark() {}

  public static void main(String[] args) throws IOException {
    Configuration conf = new Configuration();
    Path output =
        args.length > 0
            ? new Path(args[0])
            : new Path(Files.createTempDirectory("rung-table-bench").toUri());
    FileSystem fs = output.getFileSystem(conf);
    System.out.println("output " + output + " (" + fs.getClass().getSimpleName() + ")");
    Tables tables = Tables.openForWriting(fs, output, Fixtures.params());

    List<IntermediateValueRow> ten = Fixtures.intermediates(0, 0, 10);
    Stats append10 = time(300, 1000, () -> tables.intermediateValues().append(ten));
    long appendBytes = sizeOfLast(fs, tables.intermediateValues().directory());
    Stats floor10 = time(300, 1000, () -> publishOpaque(fs, output, appendBytes));
    report("append 10 intermediate values", append10, appendBytes, floor10);

    List<SegmentRow> one = List.of(Fixtures.segment(1, 0, SegmentOutcome.PROMOTED));
    Stats appendSegment = time(300, 1000, () -> tables.segments().append(one));
    long segmentBytes = sizeOfLast(fs, tables.segments().directory());
    report("append 1 segment", appendSegment, segmentBytes, floor10);

    for (int n : new int[] {1_000, 10_000}) {
      List<TrialRow> trials = Fixtures.trials(n);
      Stats snapshot = time(5, n >= 10_000 ? 20 : 50, () -> tables.trials().write(trials));
      long bytes = sizeOfLast(fs, tables.trials().directory());
      Stats floor = time(5, 20, () -> publishOpaque(fs, output, bytes));
      report("trials snapshot of " + n, snapshot, bytes, floor);
    }

    Stats readTrials = time(3, 10, () -> Tables.readTrials(fs, output, Fixtures.params()).size());
    System.out.printf(Locale.ROOT, "read 10000 trials back        %s%n", readTrials);
    long t0 = System.nanoTime();
    int values = Tables.readIntermediateValues(fs, output).size();
    System.out.printf(
        Locale.ROOT,
        "read %d intermediate values from %d files: %.0f ms%n",
        values,
        values / 10 + 1,
        (System.nanoTime() - t0) / 1e6);
    if (args.length == 0) {
      fs.delete(output, true);
    }
  }

  private interface Action {
    Object run() throws IOException;
  }

  private record Stats(double median, double p95, double mean) {
    @Override
    public String toString() {
      return String.format(
          Locale.ROOT, "median %7.2f ms  p95 %7.2f ms  mean %7.2f ms", median, p95, mean);
    }
  }

  private static Stats time(int warmup, int runs, Action action) throws IOException {
    for (int i = 0; i < warmup; i++) {
      action.run();
    }
    double[] ms = new double[runs];
    for (int i = 0; i < runs; i++) {
      long t = System.nanoTime();
      action.run();
      ms[i] = (System.nanoTime() - t) / 1e6;
    }
    double mean = Arrays.stream(ms).average().orElse(0);
    Arrays.sort(ms);
    return new Stats(ms[runs / 2], ms[(int) Math.min(runs - 1, Math.ceil(runs * 0.95) - 1)], mean);
  }

  private static void report(String what, Stats stats, long bytes, Stats floor) {
    System.out.printf(
        Locale.ROOT,
        "%-30s %s  (%,d bytes; %.1fx the opaque-file baseline's median %.2f ms)%n",
        what,
        stats,
        bytes,
        stats.median() / floor.median(),
        floor.median());
  }

  private static long sizeOfLast(FileSystem fs, Path dir) throws IOException {
    List<TableFiles.DataFile> files = TableFiles.dataFiles(TableFiles.raw(fs), dir);
    return fs.getFileStatus(files.get(files.size() - 1).path()).getLen();
  }

  /** The baseline: an opaque file of {@code bytes} written under a hidden name, then renamed. */
  private static Object publishOpaque(FileSystem fs, Path output, long bytes) throws IOException {
    FileSystem raw = TableFiles.raw(fs);
    Path dir = new Path(output, "_baseline");
    String name = UUID.randomUUID().toString();
    Path temp = new Path(dir, "." + name + ".inprogress");
    try (FSDataOutputStream out = raw.create(temp, false)) {
      out.write(new byte[(int) bytes]);
    }
    Path target = new Path(dir, name + ".bin");
    raw.rename(temp, target);
    return raw.delete(target, false);
  }
}
