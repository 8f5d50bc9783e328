package dev.rung.job.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import dev.rung.job.RunDirs;
import dev.rung.job.SparkTestBase;
import dev.rung.job.cli.Main;
import dev.rung.job.results.StoredStudy;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The report as a person sees it, in a real browser (headless Chromium): the report a real digits
 * sweep writes draws every chart with no JavaScript error, its table sorts and filters, and strings
 * from the study never run as code. Saves a screenshot to {@code target/report-screenshot.png}.
 */
@Tag("slow")
class ReportBrowserTest extends SparkTestBase {
  private static final int WIDTH = 1300;

  /** Per chart: its canvas, how many sampled pixels are painted, whether every series has data. */
  private static final String CHARTS =
      """
      Array.from(document.querySelectorAll('.chart')).map(div => {
        const c = div.querySelector('canvas');
        let painted = 0, sampled = 0;
        if (c && c.width > 0 && c.height > 0) {
          const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
          for (let i = 3; i < d.length; i += 4 * 5) { sampled++; if (d[i] > 0) painted++; }
        }
        const chart = echarts.getInstanceByDom(div);
        const series = chart ? chart.getOption().series : [];
        return { id: div.id, painted: painted, sampled: sampled,
                 series: series.length,
                 empty: series.filter(s => !s.data || s.data.length === 0).map(s => s.type) };
      })
      """;

  @BeforeAll
  static void needsTheBrowser() {
    if (!Chromium.available()) {
      fail(
          "headless Chromium is needed: install Debian's chromium package (.ci/run does), or set"
              + " RUNG_CHROMIUM to a Chromium or Chrome executable");
    }
  }

  @Test
  void theReportOfARealDigitsSweepDrawsEveryChartWithoutErrors(@TempDir Path dir) throws Exception {
    spark();
    Path output = dir.resolve("out");
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int exit =
        Main.run(
            new String[] {
              "sweep",
              new File("../conf/digits.conf").getAbsolutePath(),
              "output=" + output,
              "budget.trials=12",
              "study.name=report"
            },
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8));
    String printed = out.toString(StandardCharsets.UTF_8) + err.toString(StandardCharsets.UTF_8);
    assertEquals(0, exit, printed);
    Path report = RunDirs.only(output).resolve("report.html");
    assertTrue(printed.contains("[rung] report: file:" + report), printed);

    try (Chromium browser = new Chromium(WIDTH, 1000)) {
      browser.open(report.toUri().toString());
      browser.await("window.rungReport && window.rungReport.ready", 30_000);
      Thread.sleep(500);
      List<String> ids = new ArrayList<>();
      for (JsonNode c : browser.eval(CHARTS)) {
        String id = c.get("id").asText();
        ids.add(id);
        assertTrue(
            c.get("painted").asInt() > c.get("sampled").asInt() / 200,
            id + " drew on its canvas: " + c);
        assertTrue(c.get("series").asInt() > 0, id + " has series: " + c);
        assertEquals(0, c.get("empty").size(), id + " has no empty series: " + c);
      }
      for (String expected :
          List.of(
              "chart-history",
              "chart-importance",
              "chart-parallel",
              "chart-slice-0",
              "chart-contour-0",
              "chart-edf",
              "chart-curves",
              "chart-decisions",
              "chart-timeline")) {
        assertTrue(ids.contains(expected), expected + " is drawn: " + ids);
      }
      assertEquals(List.of(), browser.errors(), "no JavaScript error");
      assertEquals(
          0,
          browser.eval("performance.getEntriesByType('resource').length").asInt(),
          "the page loads nothing: it works offline");

      // The table: 12 trials; sorted by the objective on a click; filtered by state.
      assertEquals(
          12, browser.eval("document.querySelectorAll('#trials-table tbody tr').length").asInt());
      browser.eval("document.querySelectorAll('#trials-table th')[2].click()");
      JsonNode sorted =
          browser.eval(
              "Array.from(document.querySelectorAll('#trials-table tbody tr'))"
                  + ".map(r => r.children[2].textContent).filter(t => t !== 'n/a').map(Number)");
      for (int i = 1; i < sorted.size(); i++) {
        assertTrue(sorted.get(i - 1).asDouble() <= sorted.get(i).asDouble(), "sorted: " + sorted);
      }
      browser.eval(
          "(() => { const s = document.getElementById('trials-state'); s.value = 'COMPLETE';"
              + " s.dispatchEvent(new Event('change')); })()");
      JsonNode states =
          browser.eval(
              "Array.from(document.querySelectorAll('#trials-table tbody tr'))"
                  + ".map(r => r.children[1].textContent)");
      assertTrue(states.size() > 0 && states.size() < 12, "some trials complete: " + states);
      states.forEach(s -> assertEquals("COMPLETE", s.asText()));
      // The history against epochs spent.
      browser.eval(
          "(() => { const s = document.getElementById('history-x'); s.value = 'epochs';"
              + " s.dispatchEvent(new Event('change')); })()");
      assertEquals(
          "epochs spent",
          browser
              .eval(
                  "echarts.getInstanceByDom(document.getElementById('chart-history'))"
                      + ".getOption().xAxis[0].name")
              .asText());
      assertEquals(List.of(), browser.errors(), "no JavaScript error after interacting");

      Files.createDirectories(Path.of("target"));
      browser.eval(
          "(() => { const s = document.getElementById('trials-state'); s.value = '';"
              + " s.dispatchEvent(new Event('change')); })()");
      Files.write(Path.of("target/report-screenshot.png"), browser.screenshot(WIDTH));
    }
  }

  @Test
  void stringsFromTheStudyAreShownAsTextAndNeverRun(@TempDir Path dir) throws Exception {
    StoredStudy study = ReportFixtures.hostile(dir);
    Path file = dir.resolve("hostile.html");
    FileSystem local = FileSystem.getLocal(new Configuration()).getRawFileSystem();
    Report.write(
        local,
        study,
        ReportModelTest.FIXED_IMPORTANCE,
        false,
        new org.apache.hadoop.fs.Path(file.toUri()));
    try (Chromium browser = new Chromium(WIDTH, 1000)) {
      browser.open(file.toUri().toString());
      browser.await("window.rungReport && window.rungReport.ready", 30_000);
      assertFalse(browser.eval("window.pwned === 1").asBoolean(), "no injected script ran");
      assertEquals(
          0, browser.eval("document.querySelectorAll('img, iframe, main script').length").asInt());
      String text = browser.eval("document.body.textContent").asText();
      for (String s : ReportFixtures.HOSTILE) {
        assertTrue(text.contains(s), "shown as text: " + s);
      }
      // Tooltips are HTML in ECharts: hover a point and read the tooltip.
      browser.eval(
          "(() => { const c = echarts.getInstanceByDom(document.getElementById('chart-history'));"
              + " c.dispatchAction({type: 'showTip', seriesIndex: 0, dataIndex: 0}); })()");
      Thread.sleep(300);
      assertFalse(browser.eval("window.pwned === 1").asBoolean(), "no script ran from a tooltip");
      assertEquals(0, browser.eval("document.querySelectorAll('img, iframe').length").asInt());
      assertEquals(List.of(), browser.errors());
    }
  }

  @Test
  void aThreeObjectiveStudyShowsItsFrontInPairsAndTurnsInThreeDimensions(@TempDir Path dir)
      throws Exception {
    StoredStudy study = ReportFixtures.threeObjectives(dir);
    Path file = dir.resolve("three.html");
    FileSystem local = FileSystem.getLocal(new Configuration()).getRawFileSystem();
    Report.write(
        local,
        study,
        ReportImportances.FOR_REPORT,
        false,
        new org.apache.hadoop.fs.Path(file.toUri()));
    try (Chromium browser = new Chromium(WIDTH, 1000)) {
      browser.open(file.toUri().toString());
      browser.await("window.rungReport && window.rungReport.ready", 30_000);
      List<String> ids = new ArrayList<>();
      for (JsonNode c : browser.eval(CHARTS)) {
        ids.add(c.get("id").asText());
        assertTrue(
            c.get("painted").asInt() > c.get("sampled").asInt() / 200,
            c.get("id").asText() + " drew on its canvas: " + c);
      }
      for (String expected :
          List.of("chart-pareto-3d", "chart-pareto-0-1", "chart-pareto-0-2", "chart-pareto-1-2")) {
        assertTrue(ids.contains(expected), expected + " is drawn: " + ids);
      }
      assertFalse(ids.contains("chart-history"), "no single-objective history: " + ids);
      String points =
          "JSON.stringify(echarts.getInstanceByDom(document.getElementById('chart-pareto-3d'))"
              + ".getOption().series[0].data)";
      String before = browser.eval(points).asText();
      browser.eval(
          "(() => { const s = document.getElementById('pareto-3d-azimuth'); s.value = '120';"
              + " s.dispatchEvent(new Event('input')); })()");
      assertFalse(before.equals(browser.eval(points).asText()), "turning moves the points");
      assertEquals(List.of(), browser.errors(), "no JavaScript error");
      Files.createDirectories(Path.of("target"));
      Files.write(Path.of("target/report-three-objectives.png"), browser.screenshot(WIDTH));
    }
  }

  @Test
  void aNightsReportShowsEveryRunOfItsStudySideBySide(@TempDir Path dir) throws Exception {
    spark();
    Path output = dir.resolve("nightly");
    for (String night : List.of("n1", "n2")) {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      int exit =
          Main.run(
              new String[] {
                "sweep",
                new File("../conf/digits.conf").getAbsolutePath(),
                "output=" + output,
                "run.id=" + night,
                "budget.trials=4",
                "training.epochs=2",
                "warm-start.from=" + output
              },
              new PrintStream(out, true, StandardCharsets.UTF_8),
              new PrintStream(out, true, StandardCharsets.UTF_8));
      assertEquals(0, exit, out.toString(StandardCharsets.UTF_8));
    }
    Path report = RunDirs.of(output, "digits-mlp", "n2").resolve("report.html");
    try (Chromium browser = new Chromium(WIDTH, 1000)) {
      browser.open(report.toUri().toString());
      browser.await("window.rungReport && window.rungReport.ready", 30_000);
      Thread.sleep(500);
      JsonNode nights = null;
      for (JsonNode c : browser.eval(CHARTS)) {
        if (c.get("id").asText().equals("chart-nights")) {
          nights = c;
        }
      }
      assertTrue(nights != null, "the runs are drawn");
      assertEquals(2, nights.get("series").asInt(), "one line per night: " + nights);
      assertEquals(0, nights.get("empty").size(), "each night completed a trial: " + nights);
      assertTrue(
          nights.get("painted").asInt() > nights.get("sampled").asInt() / 200,
          "drew on its canvas: " + nights);
      JsonNode rows =
          browser.eval(
              "Array.from(document.querySelectorAll('#nights-table tr')).slice(1)"
                  + ".map(r => [r.children[0].textContent, r.children[2].textContent,"
                  + " r.className])");
      assertEquals(2, rows.size(), rows.toString());
      assertEquals("n1", rows.get(0).get(0).asText(), rows.toString());
      assertEquals("finished", rows.get(0).get(1).asText(), rows.toString());
      assertEquals("", rows.get(0).get(2).asText(), rows.toString());
      assertEquals("n2", rows.get(1).get(0).asText(), rows.toString());
      assertEquals("current-run", rows.get(1).get(2).asText(), "this report's run: " + rows);
      assertEquals(List.of(), browser.errors(), "no JavaScript error");
    }
  }
}
