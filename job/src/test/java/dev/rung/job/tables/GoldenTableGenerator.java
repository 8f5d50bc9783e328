package dev.rung.job.tables;

import dev.rung.distributions.CategoricalDistribution;
import dev.rung.distributions.Distribution;
import dev.rung.distributions.FloatDistribution;
import dev.rung.distributions.IntDistribution;
import dev.rung.study.TrialState;
import java.io.IOException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * Writes the golden tables of schema version 1 kept in {@code src/test/resources/golden/v1}.
 *
 * <p>Generated once, when version 1 was current, with (from the repository root):
 *
 * <pre>
 * mvn -o -q -pl job -am test-compile
 * java -cp "job/target/test-classes:job/target/classes:sampler/target/classes:$(cat cp.txt)" \
 *     dev.rung.job.tables.GoldenTableGenerator job/src/test/resources/golden/v1
 * </pre>
 *
 * where {@code cp.txt} holds the test classpath ({@code mvn -o -q -pl job -am test-compile
 * dependency:build-classpath -Dmdep.outputFile=$PWD/cp.txt -Dmdep.includeScope=test}). Never
 * regenerate {@code v1}: its point is to be a file an older Rung wrote. A new schema version adds a
 * new generator method and a {@code v2} directory beside it.
 */
public final class GoldenTableGenerator {

  static final String STUDY = "golden";
  static final Instant T = Instant.parse("2024-05-01T10:00:00Z");

  private GoldenTableGenerator() {}

  /** Writes the v1 golden tables under {@code args[0]}. */
  public static void main(String[] args) throws IOException {
    if (args.length != 1) {
      throw new IllegalArgumentException("usage: GoldenTableGenerator <output directory>");
    }
    FileSystem fs = TableFiles.raw(FileSystem.getLocal(new Configuration()));
    Path out = new Path(new java.io.File(args[0]).getAbsoluteFile().toURI());
    write(fs, out, TableSchemas.TRIALS, new TrialCodec(v1Params()), v1Trials());
    write(
        fs,
        out,
        TableSchemas.INTERMEDIATE_VALUES,
        IntermediateValueCodec.CODEC,
        v1IntermediateValues());
    write(fs, out, TableSchemas.SEGMENTS, SegmentCodec.CODEC, v1Segments());
    System.out.println("wrote the v1 golden tables under " + out);
  }

  private static <R> void write(
      FileSystem fs, Path out, String table, RowCodec<R> codec, List<R> rows) throws IOException {
    Path dir = Tables.path(out, table);
    fs.mkdirs(dir);
    ParquetFiles.write(fs, new Path(dir, "part-00000000-golden.parquet"), codec, rows);
  }

  /** lr (log float), layers (int), optimizer (strings), nesterov (booleans), batch (mixed). */
  static Map<String, Distribution> v1SearchSpace() {
    Map<String, Distribution> space = new LinkedHashMap<>();
    space.put("lr", FloatDistribution.logUniform(1e-4, 1e-1));
    space.put("layers", IntDistribution.of(1, 3));
    space.put("optimizer", CategoricalDistribution.of("adam", "sgd"));
    space.put("nesterov", CategoricalDistribution.of(true, false));
    space.put("batch", CategoricalDistribution.of(32, "auto"));
    return space;
  }

  static ParamSchema v1Params() {
    return ParamSchema.fromSearchSpace(v1SearchSpace());
  }

  static List<TrialRow> v1Trials() {
    Provenance p = new Provenance("cfg-golden", "0.1.0", "CPU", "17.0.11", "3.5.3");
    return List.of(
        new TrialRow(
            STUDY,
            0,
            TrialState.COMPLETE,
            List.of(0.91),
            params(0.01, 2, "sgd", true, 32),
            0,
            2,
            9,
            T,
            T.plusSeconds(90),
            90_000L,
            42L,
            Map.of("note", "best"),
            null,
            p),
        new TrialRow(
            STUDY,
            1,
            TrialState.COMPLETE,
            List.of(0.88),
            params(0.003, 1, "adam", null, "auto"),
            1,
            1,
            3,
            T.plusSeconds(1),
            T.plusSeconds(31),
            30_000L,
            43L,
            Map.of(),
            null,
            p),
        new TrialRow(
            STUDY,
            2,
            TrialState.FAIL,
            List.of(),
            params(0.09, 3, "adam", null, null),
            null,
            0,
            1,
            T.plusSeconds(2),
            T.plusSeconds(12),
            10_000L,
            44L,
            Map.of(),
            "NaN loss at epoch 1",
            p),
        new TrialRow(
            STUDY,
            3,
            TrialState.RUNNING,
            List.of(),
            params(0.0005, 2, "sgd", false, 32),
            0,
            0,
            2,
            T.plusSeconds(3),
            null,
            null,
            45L,
            Map.of(),
            null,
            p));
  }

  private static Map<String, Object> params(
      double lr, int layers, String optimizer, Boolean nesterov, Object batch) {
    Map<String, Object> p = new LinkedHashMap<>();
    p.put("lr", lr);
    p.put("layers", layers);
    p.put("optimizer", optimizer);
    if (nesterov != null) {
      p.put("nesterov", nesterov);
    }
    if (batch != null) {
      p.put("batch", batch);
    }
    return p;
  }

  static List<IntermediateValueRow> v1IntermediateValues() {
    return List.of(
        new IntermediateValueRow(STUDY, 0, 0, 0.80, 0.9, 0.7, 0.80, 0.78, 1500.0, "0-0"),
        new IntermediateValueRow(STUDY, 0, 1, 0.86, 0.5, 0.45, 0.86, 0.85, 1400.0, "0-0"),
        new IntermediateValueRow(STUDY, 0, 2, 0.91, 0.3, 0.35, 0.91, 0.90, 1450.0, "0-0"),
        new IntermediateValueRow(
            STUDY, 2, 0, Double.NaN, Double.NaN, null, null, null, 900.0, "2-0"));
  }

  static List<SegmentRow> v1Segments() {
    return List.of(
        new SegmentRow(
            STUDY,
            "0-0",
            0,
            1,
            0,
            0,
            3,
            "1",
            "worker-a",
            "0",
            0,
            T,
            T.plusMillis(4350),
            4350L,
            SegmentOutcome.PROMOTED,
            null,
            null,
            "ckpt/0/3.zip",
            null),
        new SegmentRow(
            STUDY,
            "2-0",
            2,
            1,
            0,
            0,
            3,
            "2",
            "worker-b",
            null,
            1,
            T.plusSeconds(2),
            T.plusSeconds(12),
            10_000L,
            SegmentOutcome.FAILED,
            "java.lang.IllegalStateException: NaN loss",
            null,
            null,
            null));
  }
}
