package dev.rung.job.report;

import dev.rung.job.results.StoredStudy;
import java.io.IOException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * The report a sweep keeps under its output while it runs: rewritten in the background every few
 * seconds from the tables as they are, and once more at the end. A report that cannot be made (the
 * tables changing under the reader, a full disk) never stops the sweep: the next refresh tries
 * again, and the end of the sweep says what went wrong.
 */
public final class LiveReport implements AutoCloseable {
  private static final System.Logger LOG = System.getLogger(LiveReport.class.getName());

  private final FileSystem fs;
  private final Path output;
  private final ReportModel.Importance importance;
  private final Runnable guard;
  private final ScheduledExecutorService timer;
  private volatile Nights nights;

  /**
   * @param guard called right before each write; throws when this driver may no longer write the
   *     output
   */
  public LiveReport(FileSystem fs, Path output, ReportModel.Importance importance, Runnable guard) {
    this.fs = fs;
    this.output = output;
    this.importance = importance;
    this.guard = guard;
    this.timer =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "rung-report");
              t.setDaemon(true);
              return t;
            });
  }

  /** Where the report is written. */
  public Path target() {
    return new Path(output, Report.FILE);
  }

  /** Rewrites the report every {@code everyMillis} until {@link #finish} or {@link #close}. */
  public LiveReport every(long everyMillis) {
    timer.scheduleWithFixedDelay(this::refresh, everyMillis, everyMillis, TimeUnit.MILLISECONDS);
    return this;
  }

  private void refresh() {
    try {
      write(true);
    } catch (Exception | LinkageError e) {
      LOG.log(System.Logger.Level.DEBUG, "the report was not refreshed this time", e);
    }
  }

  /**
   * Stops the refreshes and writes the report one last time.
   *
   * @param running whether the study is still unfinished (the sweep was stopped early)
   * @return where it is
   * @throws IOException when it cannot be written
   */
  public Path finish(boolean running) throws IOException {
    timer.shutdown();
    try {
      timer.awaitTermination(60, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return write(running);
  }

  private Path write(boolean running) throws IOException {
    StoredStudy study = StoredStudy.read(fs, output);
    // The study's other runs under its root are read once; its own run at every rewrite.
    if (nights == null) {
      nights = Nights.of(fs, study);
    }
    String html = Report.html(study, importance, running, nights);
    guard.run();
    return Report.writeHtml(fs, html, target());
  }

  @Override
  public void close() {
    timer.shutdownNow();
  }
}
