package dev.rung.job.badinput;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rung.job.cli.Main;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.SimpleGroupFactory;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.example.ExampleParquetWriter;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.MessageTypeParser;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The catalogue of bad sweep definitions and data files in {@code badinput/catalogue.txt}: each
 * one, run through {@code Main.run}, exits with code 2 and exactly one error that names the key or
 * file at fault, with no stack trace, before any Spark work: no Spark session is started and no
 * table is written.
 */
class BadInputCatalogueTest {
  private static final String ROOT = "/badinput/";
  private static final String ALONE = "@ALONE@";
  private static final Pattern REPEAT = Pattern.compile("@([0-9]+)\\*([a-z])@");

  @TempDir static Path dir;
  private static Path data;

  /** One case of the catalogue. */
  record Case(String name, String hocon, List<String> expected, List<String> overrides) {
    @Override
    public String toString() {
      return name;
    }
  }

  @BeforeAll
  static void copyData() throws IOException {
    data = dir.resolve("data");
    Files.createDirectories(data);
    for (String f :
        List.of(
            "good-images.idx",
            "good-labels.idx",
            "truncated-images.idx",
            "bad-magic-images.idx",
            "short-labels.idx",
            "labels-as-images.idx",
            "good.csv",
            "bad-value.csv",
            "ragged-row.csv",
            "negative-label.csv",
            "fractional-label.csv",
            "header-only.csv",
            "empty.csv")) {
      try (InputStream in = resource("data/" + f)) {
        Files.copy(in, data.resolve(f));
      }
    }
    Files.createDirectories(data.resolve("empty-dir"));
    Files.createDirectories(data.resolve("success-only"));
    Files.writeString(data.resolve("success-only/_SUCCESS"), "");
    writeBadSplit(data.resolve("bad-split/part-00000.parquet"));
  }

  /** A Parquet directory whose split column holds 'holdout' in its second row. */
  private static void writeBadSplit(Path file) throws IOException {
    MessageType schema =
        MessageTypeParser.parseMessageType(
            "message row { required double a; required int32 label; required binary split (UTF8); }");
    try (ParquetWriter<Group> w =
        ExampleParquetWriter.builder(new org.apache.hadoop.fs.Path(file.toString()))
            .withType(schema)
            .build()) {
      SimpleGroupFactory rows = new SimpleGroupFactory(schema);
      List<String> splits = List.of("train", "holdout", "validation", "test");
      for (int i = 0; i < splits.size(); i++) {
        w.write(
            rows.newGroup()
                .append("a", (double) i)
                .append("label", i % 2)
                .append("split", splits.get(i)));
      }
    }
  }

  static Stream<Arguments> catalogue() throws IOException {
    List<Arguments> cases = new ArrayList<>();
    try (InputStream in = resource("catalogue.txt")) {
      for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
        if (line.isBlank() || line.startsWith("#")) {
          continue;
        }
        String[] f = line.split("\\s*\\|\\s*", -1);
        if (f.length < 3) {
          throw new IllegalStateException("bad catalogue line: " + line);
        }
        List<String> overrides =
            f.length > 3 && !f[3].isBlank() ? Arrays.asList(f[3].trim().split(" ")) : List.of();
        cases.add(
            Arguments.of(
                new Case(
                    f[0].trim(), f[1].trim(), Arrays.asList(f[2].trim().split(";;")), overrides)));
      }
    }
    return cases.stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("catalogue")
  void isRefusedWithOneClearError(Case c) throws IOException {
    Path caseDir = dir.resolve(c.name());
    Files.createDirectories(caseDir);
    Path conf;
    if (c.hocon().equals("@MISSING@")) {
      conf = caseDir.resolve("missing.conf");
    } else {
      conf = caseDir.resolve("sweep.conf");
      String text;
      if (c.hocon().equals("@EMPTY@")) {
        text = "";
      } else if (c.hocon().startsWith(ALONE)) {
        text = c.hocon().substring(ALONE.length()).trim() + "\n";
      } else {
        try (InputStream in = resource("base.conf")) {
          text = new String(in.readAllBytes(), StandardCharsets.UTF_8) + "\n" + c.hocon() + "\n";
        }
      }
      Files.writeString(conf, expand(text, caseDir), StandardCharsets.UTF_8);
    }
    boolean sparkBefore = SparkSession.getDefaultSession().isDefined();
    List<String> args = new ArrayList<>(List.of("sweep", conf.toString()));
    for (String o : c.overrides()) {
      args.add(expand(o, caseDir));
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int exit =
        Main.run(
            args.toArray(new String[0]), new PrintStream(out, true), new PrintStream(err, true));
    String message = err.toString(StandardCharsets.UTF_8);
    String context = c.name() + ":\n" + message + out.toString(StandardCharsets.UTF_8);

    assertEquals(Main.INVALID, exit, context);
    assertTrue(
        message.contains("has 1 error:") || !message.contains("errors:"),
        "exactly one error: " + context);
    assertFalse(message.contains("\tat "), "no stack trace: " + context);
    for (String fragment : c.expected()) {
      assertTrue(message.contains(fragment), "the error names '" + fragment + "': " + context);
    }
    if (!sparkBefore) {
      assertFalse(SparkSession.getDefaultSession().isDefined(), "no Spark session: " + context);
    }
    for (String table : List.of("trials", "segments", "intermediate_values")) {
      assertFalse(Files.exists(caseDir.resolve("out").resolve(table)), "no tables: " + context);
    }
  }

  /**
   * @DATA@, @DIR@ and @N*x@ (the character x, N times) in a case's text.
   */
  private static String expand(String text, Path caseDir) {
    String out = text.replace("@DATA@", data.toString()).replace("@DIR@", caseDir.toString());
    return REPEAT.matcher(out).replaceAll(m -> m.group(2).repeat(Integer.parseInt(m.group(1))));
  }

  private static InputStream resource(String name) {
    InputStream in = BadInputCatalogueTest.class.getResourceAsStream(ROOT + name);
    if (in == null) {
      throw new UncheckedIOException(new IOException("missing test resource " + ROOT + name));
    }
    return in;
  }
}
