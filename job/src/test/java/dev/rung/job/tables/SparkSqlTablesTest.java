package dev.rung.job.tables;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rung.job.SparkTestBase;
import dev.rung.study.TrialState;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.sql.Timestamp;
import java.util.Comparator;
import java.util.List;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Spark SQL reads the files parquet-hadoop wrote, as users query them. */
class SparkSqlTablesTest extends SparkTestBase {

  private static final int TRIALS = 23;
  private static final String QUERY =
      "SELECT params.lr, params.optimizer, value FROM trials WHERE state = 'COMPLETE'"
          + " ORDER BY value DESC LIMIT 10";

  @TempDir static java.nio.file.Path tmp;
  private static String output;

  @BeforeAll
  static void writeTables() throws IOException {
    FileSystem fs = Fixtures.localFs();
    Path out = new Path(tmp.resolve("out").toUri());
    output = out.toString();
    Tables tables = Tables.openForWriting(fs, out, Fixtures.params());
    tables.trials().write(Fixtures.trials(5));
    tables.trials().write(Fixtures.trials(TRIALS));
    for (int t = 0; t < 4; t++) {
      tables.intermediateValues().append(Fixtures.intermediates(t, 0, 3));
      tables.segments().append(List.of(Fixtures.segment(t, 0, SegmentOutcome.PROMOTED)));
    }
    // What a crash in the middle of a write leaves: a hidden, incomplete file in every table.
    for (String table : TableCatalog.TABLES) {
      Files.writeString(
          tmp.resolve("out").resolve(table).resolve(".part-00000099-crashed.inprogress"),
          "PAR1 not a whole parquet file");
    }
  }

  @Test
  void exampleQueryReturnsTheBestCompleteTrialsWithNaturalTypes() {
    Dataset<Row> result = SqlQuery.run(spark(), output, QUERY);
    StructType schema = result.schema();
    assertEquals(DataTypes.DoubleType, schema.apply("lr").dataType());
    assertEquals(DataTypes.StringType, schema.apply("optimizer").dataType());
    assertEquals(DataTypes.DoubleType, schema.apply("value").dataType());

    List<TrialRow> expected =
        Fixtures.trials(TRIALS).stream()
            .filter(t -> t.state() == TrialState.COMPLETE)
            .sorted(Comparator.comparing(TrialRow::value).reversed())
            .limit(10)
            .toList();
    List<Row> rows = result.collectAsList();
    assertEquals(expected.size(), rows.size());
    for (int i = 0; i < rows.size(); i++) {
      TrialRow t = expected.get(i);
      assertEquals(t.params().get("lr"), rows.get(i).getDouble(0));
      assertEquals(t.params().get("optimizer"), rows.get(i).getString(1));
      assertEquals(t.value(), rows.get(i).getDouble(2));
    }
  }

  @Test
  void typedParamsTimestampsAndConditionalNullsReadInSpark() {
    Dataset<Row> result =
        SqlQuery.run(
            spark(),
            output,
            "SELECT number, params.layers, params.nesterov, start_time, user_attrs['note'],"
                + " size(`values`), provenance.nd4j_backend FROM trials ORDER BY number");
    StructType schema = result.schema();
    assertEquals(DataTypes.IntegerType, schema.apply("layers").dataType());
    assertEquals(DataTypes.BooleanType, schema.apply("nesterov").dataType());
    assertEquals(DataTypes.TimestampType, schema.apply("start_time").dataType());
    List<Row> rows = result.collectAsList();
    assertEquals(TRIALS, rows.size(), "one snapshot only: every trial once");
    for (Row r : rows) {
      TrialRow t = Fixtures.trial(r.getInt(0));
      assertEquals(t.params().get("layers"), r.getInt(1));
      assertEquals(t.params().get("nesterov"), r.get(2), "null for adam trials");
      assertEquals(t.start(), ((Timestamp) r.get(3)).toInstant());
      assertEquals(t.userAttrs().get("note"), r.get(4));
      assertEquals(t.values().size(), r.getInt(5));
      assertEquals("CPU", r.getString(6));
    }
  }

  @Test
  void appendTablesAreReadWholeAndCrashLeftoversAreIgnored() {
    Row counts =
        SqlQuery.run(
                spark(),
                output,
                "SELECT (SELECT count(*) FROM intermediate_values),"
                    + " (SELECT count(*) FROM segments),"
                    + " (SELECT sum(epoch_to - epoch_from) FROM segments)")
            .first();
    assertEquals(12L, counts.getLong(0));
    assertEquals(4L, counts.getLong(1));
    assertEquals(12L, counts.getLong(2));
    // Users pointing Spark at a directory directly also skip the leftover.
    long direct = spark().read().parquet(output + "/intermediate_values").count();
    assertEquals(12L, direct);
    Row nulls =
        SqlQuery.run(
                spark(),
                output,
                "SELECT count(val_loss), count(gpu_address) FROM intermediate_values i"
                    + " JOIN segments s ON i.segment_id = s.segment_id")
            .first();
    assertEquals(8L, nulls.getLong(0), "val_loss is null at step 0");
    assertEquals(6L, nulls.getLong(1), "gpu_address is null for even trials");
  }

  @Test
  void goldenTableIsQueryable() {
    String golden = GoldenTableTest.goldenOutput().toString();
    List<Row> rows = SqlQuery.run(spark(), golden, QUERY).collectAsList();
    assertEquals(2, rows.size());
    assertEquals(0.01, rows.get(0).getDouble(0));
    assertEquals("sgd", rows.get(0).getString(1));
    assertEquals(0.91, rows.get(0).getDouble(2));
  }

  @Test
  void printShowsEveryCellWhole() {
    Dataset<Row> result =
        SqlQuery.run(
            spark(),
            output,
            "SELECT segment_id, output_checkpoint, reason FROM segments ORDER BY trial LIMIT 2");
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    SqlQuery.print(result, new PrintStream(bytes, true, StandardCharsets.UTF_8), 1);
    String text = bytes.toString(StandardCharsets.UTF_8);
    assertTrue(text.contains("|t0-r0     |ckpt/t0/r0.zip   |NULL  |"), text);
    assertTrue(text.contains("only showing the first 1 rows"), text);
    assertTrue(!text.contains("t1-r0"), text);

    bytes.reset();
    SqlQuery.print(
        SqlQuery.run(
            spark(),
            output,
            "SELECT params, `values`, user_attrs, start_time FROM trials" + " WHERE number = 0"),
        new PrintStream(bytes, true, StandardCharsets.UTF_8));
    text = bytes.toString(StandardCharsets.UTF_8);
    assertTrue(
        text.contains(
            "|{0.001, 1, adam, NULL}|[0.5] |{note -> trial 0}|2024-05-01T10:00:00.123456Z|"),
        text);
  }

  @Test
  void missingTablesAreNamedInTheError() throws IOException {
    java.nio.file.Path partial = tmp.resolve("partial");
    Files.createDirectories(partial.resolve("trials"));
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> SqlQuery.run(spark(), partial.toUri().toString(), QUERY));
    assertTrue(e.getMessage().contains("trials"), e.getMessage());
    e =
        assertThrows(
            IllegalArgumentException.class,
            () -> SqlQuery.run(spark(), tmp.resolve("nowhere").toUri().toString(), QUERY));
    assertTrue(e.getMessage().contains("nowhere"), e.getMessage());
  }
}
