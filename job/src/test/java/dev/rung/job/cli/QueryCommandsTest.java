package dev.rung.job.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rung.job.SparkTestBase;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@code rung sql} and {@code rung trials} on the golden output of an earlier version (trials 0 and
 * 1 COMPLETE with 0.91 and 0.88, 2 FAIL with a reason, 3 RUNNING).
 */
class QueryCommandsTest extends SparkTestBase {
  private static final String GOLDEN = new File("src/test/resources/golden/v1").getAbsolutePath();

  private static ConsoleRun withInput(String stdin, String... args) {
    spark();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int exit =
        Main.run(
            args,
            new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)),
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8));
    return new ConsoleRun(
        exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  private static ConsoleRun run(String... args) {
    return withInput("", args);
  }

  private static void assertNoStackTrace(ConsoleRun run) {
    assertFalse(run.err().contains("\tat "), "no stack trace: " + run.err());
    assertFalse(run.err().contains("Exception"), "no exception's name: " + run.err());
  }

  @Test
  void aQueryInEachFormat() {
    String q = "SELECT number, value, fail_reason FROM trials ORDER BY number";
    ConsoleRun table = run("sql", GOLDEN, q);
    assertEquals(0, table.exit(), table.err());
    assertTrue(table.out().contains("|2     |NULL |NaN loss at epoch 1|"), table.out());

    ConsoleRun csv = run("sql", GOLDEN, "--format", "csv", q);
    assertEquals(0, csv.exit(), csv.err());
    assertEquals(
        "number,value,fail_reason\r\n0,0.91,\r\n1,0.88,\r\n2,,NaN loss at epoch 1\r\n3,,\r\n",
        csv.out());

    ConsoleRun json = run("sql", GOLDEN, "--format=JSON", q);
    assertEquals(0, json.exit(), json.err());
    assertEquals(
        List.of(
            "{\"number\":0,\"value\":0.91,\"fail_reason\":null}",
            "{\"number\":1,\"value\":0.88,\"fail_reason\":null}",
            "{\"number\":2,\"value\":null,\"fail_reason\":\"NaN loss at epoch 1\"}",
            "{\"number\":3,\"value\":null,\"fail_reason\":null}"),
        json.out().lines().toList());
  }

  /** An output written before the runs table existed has an empty one, with its columns. */
  @Test
  void anOutputWithoutRunsHasAnEmptyRunsTable() {
    ConsoleRun csv =
        run("sql", GOLDEN, "--format", "csv", "SELECT count(*) AS n, max(run_id) AS id FROM runs");
    assertEquals(0, csv.exit(), csv.err());
    assertEquals("n,id\r\n0,\r\n", csv.out());
  }

  @Test
  void aBadQueryExitsWithTwoNamingTheProblem() {
    ConsoleRun column = run("sql", GOLDEN, "SELECT nope FROM trials");
    assertEquals(Main.INVALID, column.exit());
    assertTrue(column.err().startsWith("rung: the query cannot run: "), column.err());
    assertTrue(column.err().contains("`nope`"), column.err());
    assertEquals(1, column.err().lines().count(), column.err());
    assertNoStackTrace(column);

    ConsoleRun syntax = run("sql", GOLDEN, "SELEC number FROM trials");
    assertEquals(Main.INVALID, syntax.exit());
    assertTrue(syntax.err().contains("'SELEC'"), syntax.err());
    assertNoStackTrace(syntax);

    ConsoleRun output = run("sql", "/nonexistent/sweep", "SELECT 1");
    assertEquals(Main.INVALID, output.exit());
    assertTrue(
        output.err().contains("OUTPUT: output /nonexistent/sweep does not exist"), output.err());
    assertNoStackTrace(output);
  }

  @Test
  void withNoQueryTheShellRunsEachLineOfItsInputOnOneSession() {
    ConsoleRun shell =
        withInput(
            "SELECT COUNT(*) AS n FROM trials;\n"
                + "\n"
                + "SELECT nope FROM trials\n"
                + "  SELECT number FROM trials WHERE state = 'RUNNING' ;\n"
                + "quit\n"
                + "SELECT 'after quit' AS never\n",
            "sql",
            GOLDEN,
            "--format",
            "csv");
    assertEquals(Main.INVALID, shell.exit(), "one query could not run");
    assertEquals("n\r\n4\r\nnumber\r\n3\r\n", shell.out());
    assertTrue(shell.err().contains("`nope`"), shell.err());
    assertEquals(1, shell.err().lines().count(), shell.err());

    ConsoleRun clean = withInput("SELECT 1 AS one\n", "sql", GOLDEN, "--format", "json");
    assertEquals(0, clean.exit(), clean.err());
    assertEquals("{\"one\":1}\n", clean.out());
  }

  @Test
  void trialsFilteredSortedAndLimited() {
    ConsoleRun all = run("trials", GOLDEN, "--format", "csv");
    assertEquals(0, all.exit(), all.err());
    List<String> lines = all.out().lines().toList();
    assertEquals(
        "number,state,value,rung,epochs_trained,duration_s,params.lr,params.layers,"
            + "params.optimizer,params.nesterov,params.batch,fail_reason",
        lines.get(0));
    assertEquals(5, lines.size(), all.out());

    ConsoleRun best =
        run(
            "trials",
            GOLDEN,
            "--state",
            "complete",
            "--sort",
            "value",
            "--limit",
            "1",
            "--format",
            "csv");
    assertEquals(0, best.exit(), best.err());
    assertTrue(best.out().lines().toList().get(1).startsWith("1,COMPLETE,0.88,"), best.out());

    ConsoleRun desc = run("trials", GOLDEN, "--sort", "lr", "--desc", "--format", "csv");
    List<String> numbers = new ArrayList<>();
    desc.out().lines().skip(1).forEach(l -> numbers.add(l.substring(0, l.indexOf(','))));
    assertEquals(List.of("2", "0", "1", "3"), numbers, desc.out());
  }

  @Test
  void trialsRefusesUnknownColumnsAndStates() {
    ConsoleRun sort = run("trials", GOLDEN, "--sort", "accuracy");
    assertEquals(Main.INVALID, sort.exit());
    assertTrue(
        sort.err()
            .startsWith(
                "rung: --sort: 'accuracy' is not a column of the listing; use one"
                    + " of number, state, value,"),
        sort.err());
    assertTrue(sort.err().contains("params.lr"), sort.err());
    assertNoStackTrace(sort);

    ConsoleRun state = run("trials", GOLDEN, "--state", "paused");
    assertEquals(Main.INVALID, state.exit());
    assertTrue(state.err().contains("--state: 'paused' is not a trial state"), state.err());

    ConsoleRun limit = run("trials", GOLDEN, "--limit", "0");
    assertEquals(Main.INVALID, limit.exit());
    assertTrue(limit.err().contains("--limit: 0 must be 1 or more"), limit.err());
  }
}
