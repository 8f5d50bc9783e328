package dev.rung.job.driver;

import dev.rung.study.Direction;
import dev.rung.study.FrozenTrial;
import dev.rung.study.Study;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Reports a sweep's progress while it runs, and once at the end. On a terminal it keeps one line
 * that it rewrites in place (carriage return) every second, with a bar of the budget used; in a log
 * (standard output redirected) it prints a plain line every ten seconds.
 *
 * <p>The words match the trials table: a trial that stopped at a rung and may be promoted is
 * RUNNING there, and "waiting at a rung" here.
 */
public final class Progress {
  private final PrintStream out;
  private final long everyMillis;
  private final boolean inPlace;
  private final int width;
  private long lastPrinted;
  private int lastLength;

  /** Plain progress lines to {@code out} at most every {@code everyMillis} (0 = only the last). */
  public Progress(PrintStream out, long everyMillis) {
    this(out, everyMillis, false, 0);
  }

  private Progress(PrintStream out, long everyMillis, boolean inPlace, int width) {
    this.out = out;
    this.everyMillis = everyMillis;
    this.inPlace = inPlace;
    this.width = width;
  }

  /**
   * Progress on the console: one line rewritten in place every second when {@code out} is the
   * terminal's standard output, else a plain line every ten seconds. The line is cut to the
   * terminal's width when the environment says it ({@code COLUMNS}, which {@code bin/rung} sets).
   */
  public static Progress console(PrintStream out) {
    if (out == System.out && System.console() != null) {
      return new Progress(out, 1_000, true, columns());
    }
    return new Progress(out, 10_000);
  }

  /** A progress reporter that prints nothing. */
  public static Progress silent() {
    return new Progress(null, 0);
  }

  private static int columns() {
    try {
      return Integer.parseInt(System.getenv().getOrDefault("COLUMNS", "0").strip());
    } catch (NumberFormatException e) {
      return 0;
    }
  }

  /**
   * Prints a line if one is due ({@code last}: always, ending the line in place).
   *
   * <p>Other lines printed meanwhile (a warning) start after the line in place, whose end is kept.
   */
  void maybePrint(Supplier<Snapshot> s, boolean last) {
    if (out == null) {
      return;
    }
    long now = System.currentTimeMillis();
    if (!last && (everyMillis <= 0 || now - lastPrinted < everyMillis)) {
      return;
    }
    lastPrinted = now;
    Snapshot snapshot = s.get();
    if (!inPlace) {
      out.println(last ? snapshot.finalLine() : snapshot.line());
    } else {
      String line = last ? snapshot.finalLine() : snapshot.barLine();
      if (width > 1 && line.length() > width - 1) {
        line = line.substring(0, width - 1);
      }
      String pad = " ".repeat(Math.max(0, lastLength - line.length()));
      out.print("\r" + line + pad + (last ? "\n" : ""));
      lastLength = last ? 0 : line.length();
    }
    out.flush();
  }

  /**
   * The state of a sweep at one moment.
   *
   * @param complete COMPLETE trials
   * @param pruned PRUNED trials
   * @param failed FAIL trials
   * @param training segments training on a slot (at most the slots)
   * @param queued segments sent beyond the slots, which start as soon as a slot frees
   * @param waiting RUNNING trials with no segment in flight: stopped at a rung, where they may be
   *     promoted (or continued, after a resume)
   * @param best best value so far (first objective): of a COMPLETE trial, or when none is complete
   *     the best value reported at the highest epoch any trial reached; NaN when none
   * @param bestTrial its trial number, -1 when none
   * @param bestEpoch 0 when {@code best} is a COMPLETE trial's value, else the epoch it was
   *     reported at
   * @param epochs epochs trained in all
   * @param elapsedMillis time since the sweep (re)started
   * @param eta estimated time left
   * @param done share of the work done, from 0 to 1, NaN when unknown
   */
  public record Snapshot(
      int complete,
      int pruned,
      int failed,
      int training,
      int queued,
      int waiting,
      double best,
      int bestTrial,
      int bestEpoch,
      long epochs,
      long elapsedMillis,
      Eta.Estimate eta,
      double done) {

    /**
     * The snapshot of {@code study} with segments of the trials {@code inFlight} sent to the slots
     * of {@code work}, {@code elapsedMillis} after this run started.
     *
     * @param work epochs, times and slots as {@link Eta} needs them; its trial lists are filled
     *     from {@code study} here
     */
    static Snapshot of(
        Study study, Set<Integer> inFlight, long elapsedMillis, Eta.Work work, SweepPolicy policy) {
      int complete = 0;
      int pruned = 0;
      int failed = 0;
      int open = 0;
      double best = Double.NaN;
      int bestTrial = -1;
      int bestEpoch = 0;
      Direction d = study.directions().get(0);
      // For the estimate: trials settled where they are for now (finished, or waiting at a rung,
      // where most stop) and trials training.
      List<Integer> settledEpochs = new ArrayList<>();
      List<Integer> trainingEpochs = new ArrayList<>();
      for (FrozenTrial t : study.trials()) {
        int trained = t.lastStep().orElse(0);
        switch (t.state()) {
          case COMPLETE -> {
            complete++;
            double v = t.values().get(0);
            if (bestTrial < 0 || d.better(v, best)) {
              best = v;
              bestTrial = t.number();
            }
          }
          case PRUNED -> pruned++;
          case FAIL -> failed++;
          case RUNNING -> open++;
          default -> {}
        }
        (inFlight.contains(t.number()) ? trainingEpochs : settledEpochs).add(trained);
      }
      if (complete == 0) {
        // No final value yet: the best value at the highest epoch reached so far.
        for (FrozenTrial t : study.trials()) {
          for (Map.Entry<Integer, Double> e : t.intermediateValues().entrySet()) {
            int step = e.getKey();
            double v = e.getValue();
            if (Double.isNaN(v)) {
              continue;
            }
            if (step > bestEpoch || (step == bestEpoch && d.better(v, best))) {
              bestEpoch = step;
              best = v;
              bestTrial = t.number();
            }
          }
        }
      }
      Eta.Work w =
          new Eta.Work(
              work.rateEpochs(),
              work.rateMillis(),
              work.epochsDone(),
              work.spentMillis(),
              study.trials().size(),
              settledEpochs.stream().mapToInt(Integer::intValue).toArray(),
              trainingEpochs.stream().mapToInt(Integer::intValue).toArray(),
              work.slots());
      Eta.Estimate eta = Eta.of(w, policy);
      int training = Math.min(inFlight.size(), work.slots());
      return new Snapshot(
          complete,
          pruned,
          failed,
          training,
          inFlight.size() - training,
          Math.max(0, open - inFlight.size()),
          best,
          bestTrial,
          bestEpoch,
          work.epochsDone(),
          elapsedMillis,
          eta,
          done(eta, work.spentMillis(), policy.maxMillis()));
    }

    /** The share done: time spent over time spent and left, or of the time budget. */
    private static double done(Eta.Estimate eta, long spent, long maxMillis) {
      if (eta.known() && !eta.atMost() && spent + eta.millis() > 0) {
        return (double) spent / (spent + eta.millis());
      }
      if (maxMillis > 0) {
        return Math.min(1, (double) spent / maxMillis);
      }
      return Double.NaN;
    }

    /** The plain line, for logs. */
    public String line() {
      return "[rung] " + body() + ", " + timeLeft();
    }

    /** The last line, when the sweep stops: no time left to estimate. */
    public String finalLine() {
      return "[rung] " + body();
    }

    /**
     * The line for a terminal: the share done as a bar and the time left first, as a narrow
     * terminal cuts the end.
     */
    public String barLine() {
      if (Double.isNaN(done)) {
        return "[rung] " + timeLeft() + " | " + body();
      }
      int filled = (int) Math.round(Math.min(1, done) * 20);
      return String.format(
          Locale.ROOT,
          "[rung] [%s%s] %3d%%, %s | %s",
          "#".repeat(filled),
          ".".repeat(20 - filled),
          (int) Math.floor(Math.min(1, done) * 100),
          timeLeft(),
          body());
    }

    private String body() {
      StringBuilder sb = new StringBuilder();
      sb.append(
          String.format(
              Locale.ROOT, "%d complete, %d pruned, %d failed | ", complete, pruned, failed));
      sb.append(training).append(" training");
      if (queued > 0) {
        sb.append(", ").append(queued).append(" queued");
      }
      sb.append(", ").append(waiting).append(" waiting at a rung | ");
      if (bestTrial < 0) {
        sb.append("no value yet");
      } else if (bestEpoch == 0) {
        sb.append(String.format(Locale.ROOT, "best %.5g (trial %d)", best, bestTrial));
      } else {
        sb.append(
            String.format(
                Locale.ROOT,
                "none complete; best at epoch %d %.5g (trial %d)",
                bestEpoch,
                best,
                bestTrial));
      }
      sb.append(" | ").append(epochs).append(" epochs | ").append(duration(elapsedMillis));
      return sb.append(" elapsed").toString();
    }

    private String timeLeft() {
      if (!eta.known()) {
        return "ETA unknown";
      }
      return (eta.atMost() ? "at most " : "about ") + duration(eta.millis()) + " left";
    }

    static String duration(long ms) {
      long s = ms / 1000;
      return s >= 3600
          ? String.format(Locale.ROOT, "%dh%02dm", s / 3600, s / 60 % 60)
          : s >= 60 ? String.format(Locale.ROOT, "%dm%02ds", s / 60, s % 60) : s + "s";
    }
  }
}
