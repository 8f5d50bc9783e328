package dev.rung.job.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.ConfigFactory;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The data settings of Parquet directories, catalog tables and split columns. */
class DataTableConfigTest {
  private static final String SPACE =
      "rung.space { lr { type = float, low = 1e-4, high = 1e-1, log = true } }\n";

  private static SweepConfig load(String data) {
    return SweepConfigLoader.load(
        ConfigFactory.parseString(SPACE + "rung.data { " + data + " }"), List.of());
  }

  /** The one error the data settings give. */
  private static String error(String data) {
    InvalidConfigException e = assertThrows(InvalidConfigException.class, () -> load(data));
    assertEquals(1, e.errors().size(), e.getMessage());
    return e.errors().get(0).toString();
  }

  private static void assertMentions(String message, String... fragments) {
    for (String f : fragments) {
      assertTrue(message.contains(f), "'" + f + "' in: " + message);
    }
  }

  @Test
  void aTableWithASplitColumnIsAccepted() {
    SweepConfig c =
        load("format = parquet, dataset = \"\", table = sales.rows, split-column = part");
    assertEquals("sales.rows", c.data().table());
    assertTrue(c.data().hasTable());
    assertEquals("part", c.data().splitColumn());
    assertEquals("", c.data().tableLocation(), "found by the driver's Spark session later");
    assertEquals("", c.data().train());
    load("format = parquet, dataset = \"\", table = \"`my db`.`rows`\"");
    load("format = parquet, dataset = \"\", train = /data/dir, split-column = part");
  }

  @Test
  void aTableAndATrainFileTogetherAreRefused() {
    assertMentions(
        error("format = parquet, dataset = \"\", table = t, train = /data/x.parquet"),
        "rung.data.table",
        "'t'",
        "/data/x.parquet",
        "not both");
  }

  @Test
  void aTableNeedsParquetAndOwnData() {
    assertMentions(
        error("format = csv, dataset = \"\", table = t"),
        "rung.data.table",
        "format is csv",
        "format = parquet");
    assertMentions(error("format = parquet, table = t"), "rung.data.table", "dataset is 'mnist'");
    assertMentions(
        error("format = parquet, dataset = \"\", table = \"a.b.c\""),
        "rung.data.table",
        "'a.b.c'",
        "name or database.name");
    assertMentions(error("format = parquet, dataset = \"\""), "rung.data.train", "table");
  }

  @Test
  void aSplitColumnRefusesTheSettingsItReplaces() {
    String own = "format = parquet, dataset = \"\", train = /d, split-column = part, ";
    assertMentions(
        error(own + "validation-fraction = 0.3"),
        "rung.data.validation-fraction",
        "0.3",
        "split-column 'part'",
        "remove validation-fraction");
    assertMentions(
        error(own + "test-fraction = 0.1"), "rung.data.test-fraction", "remove test-fraction");
    assertMentions(error(own + "test = /t"), "rung.data.test", "'/t'", "remove test");
    assertMentions(
        error("format = csv, dataset = \"\", train = /d.csv, split-column = part"),
        "rung.data.split-column",
        "format is csv");
    assertMentions(
        error("split-column = part, validation-fraction = 0.3"),
        "rung.data.split-column",
        "dataset is 'mnist'");
    assertMentions(
        error("format = parquet, dataset = \"\", train = /d, split-column = label"),
        "rung.data.split-column",
        "label");
  }
}
