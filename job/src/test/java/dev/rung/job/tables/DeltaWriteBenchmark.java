package dev.rung.job.tables;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.SparkSession;

/**
 * Prints what Delta tables ({@code rung.tables.format = delta}) cost the driver per write against
 * plain Parquet tables measured in the same run, in wall time and in the process's CPU time (the
 * commits run Spark code on the driver): an append of 10 intermediate values and a trials snapshot
 * of 100 trials, each alternated between the two formats, and the first open of a run's tables.
 *
 * <pre>
 * mvn -o -q -pl job -am test-compile dependency:build-classpath \
 *     -Dmdep.outputFile=$PWD/cp.txt -Dmdep.includeScope=test
 * java -cp "job/target/test-classes:job/target/classes:sampler/target/classes:$(cat cp.txt)" \
 *     dev.rung.job.tables.DeltaWriteBenchmark [writes per kind, default 200]
 * </pre>
 */
public final class DeltaWriteBenchmark {

  private DeltaWriteBenchmark() {}

  private interface Write {
    void run() throws IOException;
  }

  public static void main(String[] args) throws IOException {
    int n = args.length > 0 ? Integer.parseInt(args[0]) : 200;
    SparkSession spark =
        SparkSession.builder()
            .master("local[2]")
            .config("spark.ui.enabled", "false")
            .config("spark.sql.extensions", "io.delta.sql.DeltaSparkSessionExtension")
            .config(
                "spark.sql.catalog.spark_catalog",
                "org.apache.spark.sql.delta.catalog.DeltaCatalog")
            .getOrCreate();
    spark.sparkContext().setLogLevel("WARN");
    java.nio.file.Path dir = Files.createTempDirectory("rung-delta-bench");
    FileSystem fs = Fixtures.localFs();
    Path parquetRun = new Path(dir.resolve("parquet/study=s/run=r").toString());
    Path deltaRun = new Path(dir.resolve("delta/study=s/run=r").toString());
    Tables parquet = Tables.openForWriting(fs, parquetRun, Fixtures.params());
    long open0 = System.nanoTime();
    Tables delta =
        Tables.openForWriting(
            fs,
            deltaRun,
            Fixtures.params(),
            WriteGuard.NONE,
            DeltaTableLog.factory(spark, deltaRun));
    System.out.printf(
        Locale.ROOT,
        "open a run's Delta tables (first in the JVM): %.0f ms%n",
        (System.nanoTime() - open0) / 1e6);

    List<IntermediateValueRow> ten = Fixtures.intermediates(0, 0, 10);
    compare(
        "append 10 intermediate values",
        n,
        () -> parquet.intermediateValues().append(ten),
        () -> delta.intermediateValues().append(ten));
    List<TrialRow> trials = Fixtures.trials(100);
    compare(
        "trials snapshot of 100",
        n,
        () -> parquet.trials().write(trials),
        () -> delta.trials().write(trials));
    spark.stop();
  }

  /** Alternates {@code n} writes of each format after a warm-up; prints medians and CPU time. */
  private static void compare(String what, int n, Write plain, Write delta) throws IOException {
    for (int i = 0; i < 20; i++) {
      plain.run();
      delta.run();
    }
    double[] wallPlain = new double[n];
    double[] wallDelta = new double[n];
    long cpuPlain = 0;
    long cpuDelta = 0;
    for (int i = 0; i < n; i++) {
      long c = cpu();
      long t = System.nanoTime();
      plain.run();
      wallPlain[i] = (System.nanoTime() - t) / 1e6;
      long c2 = cpu();
      cpuPlain += c2 - c;
      t = System.nanoTime();
      delta.run();
      wallDelta[i] = (System.nanoTime() - t) / 1e6;
      cpuDelta += cpu() - c2;
    }
    double mp = median(wallPlain);
    double md = median(wallDelta);
    System.out.printf(
        Locale.ROOT,
        "%-30s parquet median %6.2f ms, cpu %6.2f ms | delta median %6.2f ms, cpu %6.2f ms"
            + " | delta/parquet wall %.1fx, cpu %.1fx (%d writes each)%n",
        what,
        mp,
        cpuPlain / 1e6 / n,
        md,
        cpuDelta / 1e6 / n,
        md / mp,
        (double) cpuDelta / cpuPlain,
        n);
  }

  private static double median(double[] v) {
    double[] s = v.clone();
    Arrays.sort(s);
    return s[s.length / 2];
  }

  /** The process's CPU time, every thread (Spark's included). */
  private static long cpu() {
    return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
        .getProcessCpuTime();
  }
}
