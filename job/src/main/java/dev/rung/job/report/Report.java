package dev.rung.job.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.rung.job.results.StoredStudy;
import dev.rung.training.checkpoint.HadoopFiles;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Locale;
import java.util.UUID;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * A study's report: one self-contained HTML file (the charting library, ECharts, and the study's
 * data inlined) that works offline, opened from disk. {@link ReportModel} computes what it shows.
 *
 * <p>Every text from the study (names, categorical values, attributes, reasons) reaches the page as
 * JSON inside a {@code <script type="application/json">} element, with {@code <}, {@code >} and
 * {@code &} written as JSON escapes so that nothing in it can close the element; the page's script
 * puts it into the document as text.
 */
public final class Report {
  /** The report's file name under a sweep's output. */
  public static final String FILE = "report.html";

  private static final String ECHARTS =
      "META-INF/resources/webjars/echarts/5.3.1/dist/echarts.min.js";
  private static final ObjectMapper JSON = new ObjectMapper();

  private Report() {}

  /**
   * The report's HTML.
   *
   * @param running whether a sweep is still writing the study: the page then says so and reloads
   *     itself every 30 seconds
   */
  public static String html(StoredStudy study, ReportModel.Importance importance, boolean running) {
    return html(study, importance, running, Nights.none());
  }

  /**
   * As {@link #html(StoredStudy, ReportModel.Importance, boolean)}, with the study's other runs.
   */
  public static String html(
      StoredStudy study, ReportModel.Importance importance, boolean running, Nights nights) {
    ObjectNode model = ReportModel.of(study, importance, Instant.now(), running, nights);
    String template = resource("dev/rung/job/report/report.html");
    return fill(
        template,
        new String[] {"@REFRESH@", "@TITLE@", "@CSS@", "@DATA@", "@ECHARTS@", "@APP@"},
        new String[] {
          running ? "<meta http-equiv=\"refresh\" content=\"30\">" : "",
          escapeHtml("Rung study " + study.identity().study()),
          resource("dev/rung/job/report/report.css"),
          scriptSafeJson(model),
          script(ECHARTS),
          script("dev/rung/job/report/report.js")
        });
  }

  /**
   * Writes the report of the study under {@code output} to {@code target} (any Hadoop path): first
   * to a hidden file beside it, then renamed over it, so that a reader never sees half a report.
   *
   * @return the target, qualified
   */
  public static Path write(
      FileSystem fs,
      StoredStudy study,
      ReportModel.Importance importance,
      boolean running,
      Path target)
      throws IOException {
    Nights nights = Nights.of(study.output().getFileSystem(fs.getConf()), study);
    return writeHtml(fs, html(study, importance, running, nights), target);
  }

  /** Writes {@code html} to {@code target} as {@link #write} does. */
  static Path writeHtml(FileSystem fs, String html, Path target) throws IOException {
    byte[] bytes = html.getBytes(StandardCharsets.UTF_8);
    Path tmp =
        new Path(target.getParent(), "." + target.getName() + "." + UUID.randomUUID() + ".tmp");
    try (FSDataOutputStream out = HadoopFiles.create(fs, tmp, true)) {
      out.write(bytes);
    }
    try {
      if (fs.exists(target) && !fs.delete(target, false)) {
        throw new IOException("cannot replace " + target);
      }
      if (!fs.rename(tmp, target)) {
        throw new IOException("cannot rename " + tmp + " to " + target);
      }
    } finally {
      fs.delete(tmp, false);
    }
    return fs.makeQualified(target);
  }

  /** Replaces each marker once, in order, without looking into what was put in. */
  static String fill(String template, String[] markers, String[] values) {
    StringBuilder out = new StringBuilder(template.length() + 1_200_000);
    int from = 0;
    for (int i = 0; i < markers.length; i++) {
      int at = template.indexOf(markers[i], from);
      if (at < 0) {
        throw new IllegalStateException("the report template lacks " + markers[i]);
      }
      out.append(template, from, at).append(values[i]);
      from = at + markers[i].length();
    }
    return out.append(template, from, template.length()).toString();
  }

  /** JSON that can sit inside a script element: no {@code <}, {@code >} or {@code &} in it. */
  static String scriptSafeJson(ObjectNode model) {
    try {
      return JSON.writeValueAsString(model)
          .replace("<", "\\u003c")
          .replace(">", "\\u003e")
          .replace("&", "\\u0026")
          .replace("\u2028", "\\u2028")
          .replace("\u2029", "\\u2029");
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("the report's data cannot be written as JSON", e);
    }
  }

  static String escapeHtml(String s) {
    StringBuilder out = new StringBuilder(s.length());
    for (char c : s.toCharArray()) {
      switch (c) {
        case '<' -> out.append("&lt;");
        case '>' -> out.append("&gt;");
        case '&' -> out.append("&amp;");
        case '"' -> out.append("&quot;");
        case '\'' -> out.append("&#39;");
        default -> out.append(c);
      }
    }
    return out.toString();
  }

  private static String script(String name) {
    String text = resource(name);
    if (text.toLowerCase(Locale.ROOT).contains("</script")) {
      throw new IllegalStateException(name + " contains </script and cannot be inlined");
    }
    return text;
  }

  private static String resource(String name) {
    try (InputStream in = Report.class.getClassLoader().getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalStateException(
            name + " is missing from the class path (it ships in Rung's job jar)");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
