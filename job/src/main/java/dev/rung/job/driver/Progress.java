package dev.rung.job.driver;

import dev.rung.study.Direction;
import dev.rung.study.FrozenTrial;
import dev.rung.study.Study;
import java.io.PrintStream;
import java.util.Locale;

/** Prints a progress line every few seconds while a sweep runs, and one at the end. */
public final class Progress {
  private final PrintStream out;
  private final long everyMillis;
  private long lastPrinted;

  /** Progress printed to {@code out} at most every {@code everyMillis} (0 = never but the last). */
  public Progress(PrintStream out, long everyMillis) {
    this.out = out;
    this.everyMillis = everyMillis;
  }

  /** A progress reporter that prints nothing. */
  public static Progress silent() {
    return new Progress(null, 0);
  }

  void maybePrint(java.util.function.Supplier<Snapshot> s, boolean last) {
    if (out == null) {
      return;
    }
    long now = System.currentTimeMillis();
    if (last || (everyMillis > 0 && now - lastPrinted >= everyMillis)) {
      lastPrinted = now;
      out.println(s.get().line());
      out.flush();
    }
  }

  /**
   * The state of a sweep at one moment.
   *
   * @param complete COMPLETE trials
   * @param pruned PRUNED trials
   * @param failed FAIL trials
   * @param running segments in flight
   * @param paused trials waiting at a rung
   * @param best best value so far (first objective), NaN when none
   * @param bestTrial its trial number, -1 when none
   * @param epochs epochs trained in all
   * @param elapsedMillis time since the sweep (re)started
   * @param remainingMillis estimated time left, -1 when unknown
   */
  public record Snapshot(
      int complete,
      int pruned,
      int failed,
      int running,
      int paused,
      double best,
      int bestTrial,
      long epochs,
      long elapsedMillis,
      long remainingMillis) {

    static Snapshot of(Study study, int running, long epochs, long elapsed, SweepPolicy policy) {
      int complete = 0;
      int pruned = 0;
      int failed = 0;
      int open = 0;
      double best = Double.NaN;
      int bestTrial = -1;
      Direction d = study.directions().get(0);
      for (FrozenTrial t : study.trials()) {
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
      }
      int total = complete + pruned + failed + open;
      long remaining = -1;
      if (policy.maxMillis() > 0) {
        remaining = Math.max(0, policy.maxMillis() - elapsed);
      }
      if (policy.maxTrials() > 0 && total > 0) {
        double share = Math.min(1, (double) (complete + pruned + failed) / policy.maxTrials());
        long byTrials = share > 0 ? (long) (elapsed * (1 - share) / share) : -1;
        remaining = remaining < 0 ? byTrials : Math.min(remaining, byTrials);
      }
      if (policy.maxEpochs() > 0 && epochs > 0) {
        double share = Math.min(1, (double) epochs / policy.maxEpochs());
        long byEpochs = (long) (elapsed * (1 - share) / share);
        remaining = remaining < 0 ? byEpochs : Math.min(remaining, byEpochs);
      }
      return new Snapshot(
          complete,
          pruned,
          failed,
          running,
          Math.max(0, open - running),
          best,
          bestTrial,
          epochs,
          elapsed,
          remaining);
    }

    /** The one-line report. */
    public String line() {
      return String.format(
          Locale.ROOT,
          "[rung] %d complete, %d pruned, %d failed | %d running, %d paused | best %s | %d epochs"
              + " | %s elapsed%s",
          complete,
          pruned,
          failed,
          running,
          paused,
          bestTrial < 0 ? "-" : String.format(Locale.ROOT, "%.5g (trial %d)", best, bestTrial),
          epochs,
          duration(elapsedMillis),
          remainingMillis < 0 ? "" : ", ~" + duration(remainingMillis) + " left");
    }

    private static String duration(long ms) {
      long s = ms / 1000;
      return s >= 3600
          ? String.format(Locale.ROOT, "%dh%02dm", s / 3600, s / 60 % 60)
          : s >= 60 ? String.format(Locale.ROOT, "%dm%02ds", s / 60, s % 60) : s + "s";
    }
  }
}
