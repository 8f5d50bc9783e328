package dev.rung.job.tables;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.rung.job.SparkTestBase;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;

/** The csv and json formats of query results: quoting, NULLs, nested values, control characters. */
class ResultFormatTest extends SparkTestBase {

  private static String print(ResultFormat format, String query) {
    Dataset<Row> result = spark().sql(query);
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    format.print(result, new PrintStream(bytes, true, StandardCharsets.UTF_8), 1000);
    return bytes.toString(StandardCharsets.UTF_8);
  }

  private static final String AWKWARD =
      "SELECT 1 AS n, 'a,b' AS comma, 'say \"hi\"' AS quote, 'two\nlines' AS lf,"
          + " CAST(NULL AS STRING) AS nothing, '' AS empty, 'plain' AS plain,"
          + " 'esc\u001b[31m' AS control";

  @Test
  void csvQuotesAsRfc4180SaysAndTellsNullFromEmpty() {
    assertEquals(
        "n,comma,quote,lf,nothing,empty,plain,control\r\n"
            + "1,\"a,b\",\"say \"\"hi\"\"\",\"two\nlines\",,\"\",plain,esc\\u001b[31m\r\n",
        print(ResultFormat.CSV, AWKWARD));
  }

  @Test
  void jsonIsOneObjectPerLineWithNullsAndEscapes() {
    assertEquals(
        "{\"n\":1,\"comma\":\"a,b\",\"quote\":\"say \\\"hi\\\"\",\"lf\":\"two\\nlines\","
            + "\"nothing\":null,\"empty\":\"\",\"plain\":\"plain\",\"control\":\"esc\\u001B[31m\"}\n",
        print(ResultFormat.JSON, AWKWARD));
  }

  @Test
  void nestedValuesAndTimestamps() {
    String query =
        "SELECT named_struct('lr', 0.5D, 'opt', 'sgd') AS params, array(1.0D, CAST('NaN' AS"
            + " DOUBLE)) AS values, map('k', 'v') AS attrs,"
            + " CAST('2024-05-01 10:00:00' AS TIMESTAMP) AS t";
    assertEquals(
        "{\"params\":{\"lr\":0.5,\"opt\":\"sgd\"},\"values\":[1.0,\"NaN\"],\"attrs\":{\"k\":\"v\"},"
            + "\"t\":\"2024-05-01T10:00:00Z\"}\n",
        print(ResultFormat.JSON, query));
    assertEquals(
        "params,values,attrs,t\r\n\"{0.5, sgd}\",\"[1.0, NaN]\",{k -> v},2024-05-01T10:00:00Z\r\n",
        print(ResultFormat.CSV, query));
  }
}
